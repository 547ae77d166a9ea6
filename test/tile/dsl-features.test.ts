/**
 * DSL constructs the vocabulary kernels use little or not at all — mutable locals, loops and
 * two-way branches inside parallel iterations, tile-to-tile copies, block-level branches on a
 * uniformly loaded value, i32 arithmetic — in one kernel run by the interpreter and WASM and
 * checked against values computed here in plain TypeScript.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ceilDiv, defineKernel, lit, select } from "../../src/tile/index.ts";
import { TestRng } from "./helpers.ts";
import { runTargets } from "./targets.ts";

const R = 4;
const C = 8;

/**
 * For each row r of x [rows, C]: if flags[0] > 0, y[r, j] = Σ_{q<=j} x[r, q] (a running sum
 * via a local and an inner loop) for even j and -x[r, j] for odd j; otherwise y = 2x.
 * count[r] = number of positive x[r, :].
 */
const kernel = defineKernel(
  "featureTour",
  (k) => {
    const rows = k.size("rows");
    const x = k.tensor("x", "f32", [rows, C]);
    const flags = k.tensor("flags", "i32", [1]);
    const y = k.tensor("y", "f32", [rows, C], "write");
    const count = k.tensor("count", "i32", [rows], "write");
    const [bx] = k.grid([ceilDiv(rows, R)]);
    const r0 = bx.mul(R);
    const xShared = k.shared("xShared", "f32", [R, C]);
    const xFrag = k.fragment("xFrag", "f32", [R, C]);
    const posFrag = k.fragment("posFrag", "i32", [R, C]);
    const countFrag = k.fragment("countFrag", "i32", [R]);

    k.copy(x.tile([r0, 0]), xShared);
    k.copy(xShared, xFrag);
    const flag = k.loadUniform("flag", flags, [0]);
    k.when(
      flag.gt(0),
      () => {
        k.parallel([R, C], (i, j) => {
          const acc = k.local("acc", "f32", 0);
          k.serial(j.add(1), (q) => acc.set(acc.get().add(xShared.at(i, q))));
          k.when(
            j.mod(2).eq(0),
            () => xFrag.set([i, j], acc.get()),
            () => xFrag.set([i, j], xShared.at(i, j).neg()),
          );
        });
      },
      () => k.parallel([R, C], (i, j) => xFrag.set([i, j], xFrag.at(i, j).mul(2))),
    );
    k.parallel([R, C], (i, j) =>
      posFrag.set([i, j], select(xShared.at(i, j).gt(0), lit(1, "i32"), 0)),
    );
    k.reduce(posFrag, countFrag, "sum", 1);
    k.copy(xFrag, y.tile([r0, 0]));
    k.copy(countFrag, count.tile([r0]));
  },
  { threads: 32 },
);

function expected(x: Float32Array, rows: number, flag: number) {
  const y = new Float32Array(rows * C);
  const count = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    for (let j = 0; j < C; j++) {
      const v = x[r * C + j]!;
      acc = Math.fround(acc + v);
      y[r * C + j] = flag > 0 ? (j % 2 === 0 ? acc : -v) : 2 * v;
      if (v > 0) count[r]!++;
    }
  }
  return { y, count };
}

test("locals, inner loops, branches and tile copies behave alike on every executor", () => {
  const rng = new TestRng(71);
  for (const [rows, flag] of [
    [7, 1],
    [5, 0],
  ] as const) {
    const x = rng.uniform(rows * C);
    const want = expected(x, rows, flag);
    const plan = { kernel, values: { rows } };
    const tensors = {
      x,
      flags: Int32Array.of(flag),
      y: new Float32Array(rows * C),
      count: new Int32Array(rows),
    };
    const { interp, wasm } = runTargets(plan, tensors);
    for (const [name, got] of [
      ["interpreter", interp],
      ["wasm", wasm],
    ] as const) {
      assert.deepEqual([...got.y!], [...want.y], `${name} y (rows ${rows}, flag ${flag})`);
      assert.deepEqual(
        [...got.count!],
        [...want.count],
        `${name} count (rows ${rows}, flag ${flag})`,
      );
    }
  }
});
