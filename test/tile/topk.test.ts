/**
 * topkRows through the interpreter and WASM against the CPU reference: ties (lower index
 * first), -inf entries, k = 1 and k = n, rows across the chunk size.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { planTopk } from "../../src/tile/index.ts";
import { buf, reference, TestRng } from "./helpers.ts";
import { runTargets } from "./targets.ts";

test("topk values and indices match the reference", () => {
  const rng = new TestRng(61);
  for (const [rows, n, k] of [
    [1, 1, 1],
    [3, 7, 7],
    [4, 37, 6],
    [2, 1500, 3],
  ] as const) {
    const x = rng.uniform(rows * n, -4, 4).map((v) => Math.round(v * 2) / 2);
    if (n > 3) x[1] = x[2] = Number.NEGATIVE_INFINITY;
    const plan = planTopk("wasm", rows, n, k);
    const { interp, wasm } = runTargets(plan, {
      x,
      values: new Float32Array(rows * k),
      indices: new Int32Array(rows * k),
    });
    const values = new Float32Array(rows * k);
    const indices = new Int32Array(rows * k);
    reference("topkRows", { x: buf(x), rows, n, k, values: buf(values), indices: buf(indices) });
    for (const [name, got] of [
      ["interpreter", interp],
      ["wasm", wasm],
    ] as const) {
      assert.deepEqual([...got.values!], [...values], `${name} values [${rows}, ${n}] k=${k}`);
      assert.deepEqual([...got.indices!], [...indices], `${name} indices [${rows}, ${n}] k=${k}`);
    }
  }
});

test("topk rejects k outside [1, n]", () => {
  assert.throws(() => planTopk("wasm", 2, 5, 6), /topkRows: k 6 must be in \[1, n = 5\]/);
  assert.throws(() => planTopk("wasm", 2, 5, 0), /topkRows: k 0/);
});
