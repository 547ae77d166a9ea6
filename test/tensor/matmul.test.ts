import assert from "node:assert/strict";
import { test } from "node:test";
import { matmul, Rng, tensor } from "../../src/tensor/index.ts";
import { assertNdClose, matmulNd, randUniform, transposeNd } from "../helpers/reference.ts";
import {
  asDType,
  disposeAll,
  FLOAT_DTYPES,
  LAYOUTS,
  tolFor,
  toNd,
  toTensor,
  withLayout,
} from "../helpers/tensors.ts";

const rng = new Rng(3);

/** [a shape, b shape]: 2-D, batched, broadcast batch, size-1 and prime dims. */
const CASES: readonly [number[], number[]][] = [
  [
    [7, 13],
    [13, 5],
  ],
  [
    [1, 1],
    [1, 1],
  ],
  [
    [1, 31],
    [31, 1],
  ],
  [
    [2, 3, 4],
    [2, 4, 5],
  ],
  [
    [3, 7, 2],
    [2, 6],
  ],
  [
    [4, 2],
    [3, 2, 5],
  ],
  [
    [2, 1, 3, 4],
    [5, 4, 2],
  ],
  [
    [3, 1, 2, 3],
    [1, 4, 3, 2],
  ],
];

test("matmul: 2-D, batched and broadcast batch vs naive float64, both dtypes, all layouts", () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const [sa, sb] of CASES) {
      const a = asDType(randUniform(rng, sa), dtype);
      const b = asDType(randUniform(rng, sb), dtype);
      const expected = matmulNd(a, b);
      for (const la of LAYOUTS) {
        for (const lb of LAYOUTS) {
          const ta = withLayout(a, dtype, la);
          const tb = withLayout(b, dtype, lb);
          const out = matmul(ta, tb);
          assert.equal(out.dtype, dtype);
          const label = `${dtype} [${sa}] ${la} @ [${sb}] ${lb}`;
          assertNdClose(toNd(out), expected, tolFor(dtype), label);
          disposeAll(ta, tb, out);
        }
      }
    }
  }
});

test("matmul of transposed operands (a^T b, a b^T) via transpose views", () => {
  for (const dtype of FLOAT_DTYPES) {
    const a = asDType(randUniform(rng, [13, 7]), dtype);
    const b = asDType(randUniform(rng, [5, 13]), dtype);
    const ta = toTensor(a, dtype);
    const tb = toTensor(b, dtype);
    const atb = matmul(ta.transpose(), tb.transpose());
    assertNdClose(toNd(atb), matmulNd(transposeNd(a), transposeNd(b)), tolFor(dtype), "aT bT");
    const c = asDType(randUniform(rng, [13, 5]), dtype);
    const tc = toTensor(c, dtype);
    assertNdClose(
      toNd(ta.transpose().matmul(tc)),
      matmulNd(transposeNd(a), c),
      tolFor(dtype),
      "aT c",
    );
  }
});

test("matmul with a sliced batch (batch strides that do not fold) and an expanded operand", () => {
  const big = randUniform(rng, [5, 3, 4]);
  const b = randUniform(rng, [4, 2]);
  const t = toTensor(big, "f64");
  // Every other batch entry, then a transpose of the batch with the rows: awkward strides.
  const picked = t.permute([1, 0, 2]).slice(1, 1, 4);
  const ref = toNd(picked);
  const tb = toTensor(b, "f64");
  assertNdClose(toNd(matmul(picked, tb)), matmulNd(ref, b), tolFor("f64"), "sliced batch");
  const row = toTensor(randUniform(rng, [1, 4]), "f64");
  const rows = row.expand([6, 4]);
  assertNdClose(toNd(matmul(rows, tb)), matmulNd(toNd(rows), b), tolFor("f64"), "expanded a");
});

test("matmul with 1-D operands: vector @ matrix, matrix @ vector, batched, vector @ vector", () => {
  for (const dtype of FLOAT_DTYPES) {
    const v = asDType(randUniform(rng, [7]), dtype);
    const m = asDType(randUniform(rng, [7, 3]), dtype);
    const mt = asDType(randUniform(rng, [2, 5, 7]), dtype);
    const w = asDType(randUniform(rng, [7]), dtype);
    const tol = tolFor(dtype);
    const tv = toTensor(v, dtype);
    const out1 = matmul(tv, toTensor(m, dtype));
    assert.deepEqual(out1.shape, [3]);
    assertNdClose(toNd(out1), matmulNd(v, m), tol, "v @ M");
    const out2 = matmul(toTensor(mt, dtype), tv);
    assert.deepEqual(out2.shape, [2, 5]);
    assertNdClose(toNd(out2), matmulNd(mt, v), tol, "B @ v");
    const out3 = matmul(tv, toTensor(transposeNd(mt), dtype));
    assert.deepEqual(out3.shape, [2, 5]);
    assertNdClose(toNd(out3), matmulNd(v, transposeNd(mt)), tol, "v @ B");
    const out4 = matmul(tv, withLayout(w, dtype, "strided"));
    assert.deepEqual(out4.shape, []);
    assertNdClose(toNd(out4), matmulNd(v, w), tol, "v @ w");
  }
});

test("matmul of two vectors is their dot product (a 0-D tensor)", () => {
  const out = matmul(tensor([1, 2, 3]), tensor([4, 5, 6]));
  assert.deepEqual(out.shape, []);
  assert.equal(out.item(), 32);
});

test("matmul propagates NaN and Inf like the naive sum (0 · Inf is NaN)", () => {
  const a = tensor([[0, 1]], undefined, { dtype: "f64" });
  const b = tensor([[Number.POSITIVE_INFINITY], [1]], undefined, { dtype: "f64" });
  assert.ok(Number.isNaN(matmul(a, b).item()), "0 · Inf must give NaN");
  const bt = tensor([[Number.POSITIVE_INFINITY, 1]], undefined, { dtype: "f64" }).transpose();
  assert.ok(Number.isNaN(matmul(a, bt).item()), "0 · Inf must give NaN (transposed b)");
  const nan = tensor([[Number.NaN], [1]], undefined, { dtype: "f64" });
  assert.ok(Number.isNaN(matmul(a, nan).item()), "0 · NaN must give NaN");
});

test("matmul with an empty inner dim gives zeros; an empty outer dim gives an empty result", () => {
  const out = matmul(tensor(new Float64Array(0), [2, 0]), tensor(new Float64Array(0), [0, 3]));
  assert.deepEqual(out.toNested(), [
    [0, 0, 0],
    [0, 0, 0],
  ]);
  const none = matmul(tensor(new Float64Array(0), [0, 4]), tensor(new Float64Array(8), [4, 2]));
  assert.deepEqual(none.shape, [0, 2]);
});
