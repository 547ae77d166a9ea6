import assert from "node:assert/strict";
import { test } from "node:test";
import { linear } from "../../src/nn/index.ts";
import { Rng, ShapeError, tensor, tidy } from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import { assertNdClose, F64_TOL, matmulNd, randNormal, transposeNd } from "../helpers/reference.ts";
import { toNd, toTensor } from "../helpers/tensors.ts";

test("linear: x·Wᵀ over leading dims matches a float64 product", () => {
  const rng = new Rng(1);
  const x = randNormal(rng, [2, 3, 5]);
  const w = randNormal(rng, [4, 5]);
  tidy(() => {
    const y = linear(toTensor(x), toTensor(w));
    assertNdClose(toNd(y), matmulNd(x, transposeNd(w)), F64_TOL, "linear");
  });
});

test("linear: a 1-D input gives a 1-D output", () => {
  tidy(() => {
    const y = linear(
      tensor([1, 2]),
      tensor([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
    );
    assert.deepEqual(y.shape, [3]);
    assert.deepEqual(Array.from(y.toArray()), [1, 2, 3]);
  });
});

test("linear: a width mismatch names both shapes", () => {
  tidy(() => {
    const x = tensor(new Float32Array(30), [2, 3, 5]);
    const w = tensor(new Float32Array(24), [4, 6]);
    assert.throws(
      () => linear(x, w),
      (e: unknown) => e instanceof ShapeError && /x \[2, 3, 5\].*weight \[4, 6\]/.test(e.message),
    );
    assert.throws(() => linear(x, tensor(new Float32Array(5), [5])), ShapeError);
  });
});

test("linear: gradients w.r.t. x and W match central differences", () => {
  const rng = new Rng(2);
  gradCheck("linear", ([x, w]) => linear(x!, w!), [
    randNormal(rng, [2, 2, 3]),
    randNormal(rng, [4, 3]),
  ]);
});
