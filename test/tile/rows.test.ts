/**
 * Row kernels of the vocabulary (reduceRows, argmaxRows, softmaxRows, logsumexpRows) through
 * the interpreter and WASM against the CPU reference, for row lengths below, at and across the
 * chunk size, with -inf rows, NaN and ties. Tolerance 1e-5 relative + 1e-6 absolute: sums
 * accumulate in f32 here and in float64 in the reference.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  planArgmaxRows,
  planLogsumexp,
  planReduceRows,
  planSoftmax,
} from "../../src/tile/index.ts";
import type { ReduceOp } from "../../src/tile/ir.ts";
import { assertClose, buf, reference, TestRng } from "./helpers.ts";
import { runTargets } from "./targets.ts";

const TOL = { atol: 1e-6, rtol: 1e-5 };
const SHAPES: [number, number][] = [
  [1, 1],
  [3, 7],
  [5, 37],
  [2, 1024],
  [3, 2503],
];

function matrix(rng: TestRng, rows: number, n: number): Float32Array {
  const x = rng.uniform(rows * n, -8, 8);
  if (rows >= 3 && n >= 4) {
    for (let j = 0; j < n; j++) x[n + j] = Number.NEGATIVE_INFINITY;
    x[2 * n + 1] = x[2 * n + 3] = 100;
  }
  return x;
}

describe("row reductions", () => {
  for (const op of ["sum", "max", "min"] as ReduceOp[]) {
    test(`reduceRows ${op}`, () => {
      const rng = new TestRng(21);
      for (const [rows, n] of SHAPES) {
        const x = op === "sum" ? rng.uniform(rows * n) : matrix(rng, rows, n);
        const { interp, wasm } = runTargets(planReduceRows("wasm", op, rows, n), {
          x,
          out: new Float32Array(rows),
        });
        const want = new Float32Array(rows);
        reference("reduceRows", { op, x: buf(x), rows, n, out: buf(want) });
        assertClose(interp.out!, want, TOL, `${op} interpreter [${rows}, ${n}]`);
        assertClose(wasm.out!, want, TOL, `${op} wasm [${rows}, ${n}]`);
      }
    });
  }

  test("argmaxRows with ties, -inf rows and NaN", () => {
    const rng = new TestRng(22);
    for (const [rows, n] of SHAPES) {
      const x = matrix(rng, rows, n);
      if (rows >= 3 && n >= 4) x[2 * n] = Number.NaN;
      if (rows >= 5 && n >= 4) x[4 * n + 2] = Number.NaN;
      const { interp, wasm } = runTargets(planArgmaxRows("wasm", rows, n), {
        x,
        out: new Int32Array(rows),
      });
      const want = new Int32Array(rows);
      reference("argmaxRows", { x: buf(x), rows, n, out: buf(want) });
      assert.deepEqual([...interp.out!], [...want], `interpreter [${rows}, ${n}]`);
      assert.deepEqual([...wasm.out!], [...want], `wasm [${rows}, ${n}]`);
    }
  });
});

describe("softmax and logsumexp", () => {
  for (const log of [false, true]) {
    test(log ? "log-softmax" : "softmax", () => {
      const rng = new TestRng(23);
      for (const [rows, n] of SHAPES) {
        const x = matrix(rng, rows, n);
        const plan = planSoftmax("wasm", rows, n, log);
        const { interp, wasm } = runTargets(plan, { x, out: new Float32Array(rows * n) });
        const want = new Float32Array(rows * n);
        reference("softmaxRows", { x: buf(x), rows, n, out: buf(want), log });
        assertClose(interp.out!, want, TOL, `interpreter [${rows}, ${n}]`);
        assertClose(wasm.out!, want, TOL, `wasm [${rows}, ${n}]`);
      }
    });
  }

  test("logsumexp", () => {
    const rng = new TestRng(24);
    for (const [rows, n] of SHAPES) {
      const x = matrix(rng, rows, n);
      if (rows >= 5 && n >= 4) x[4 * n] = Number.POSITIVE_INFINITY;
      const { interp, wasm } = runTargets(planLogsumexp("wasm", rows, n), {
        x,
        out: new Float32Array(rows),
      });
      const want = new Float32Array(rows);
      reference("logsumexpRows", { x: buf(x), rows, n, out: buf(want) });
      assertClose(interp.out!, want, TOL, `interpreter [${rows}, ${n}]`);
      assertClose(wasm.out!, want, TOL, `wasm [${rows}, ${n}]`);
    }
  });
});
