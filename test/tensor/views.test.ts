import assert from "node:assert/strict";
import { test } from "node:test";
import {
  contiguous,
  expand,
  flatten,
  permute,
  Rng,
  reshape,
  slice,
  squeeze,
  tensor,
  transpose,
  unsqueeze,
} from "../../src/tensor/index.ts";
import {
  assertNdClose,
  broadcastTo,
  nd,
  permuteNd,
  randUniform,
  sliceNd,
  transposeNd,
} from "../helpers/reference.ts";
import { LAYOUTS, toNd, toTensor, withLayout } from "../helpers/tensors.ts";

const rng = new Rng(23);
const x = randUniform(rng, [2, 3, 5]);

test("reshape keeps row-major order, infers -1, and copies a non-contiguous input", () => {
  for (const layout of LAYOUTS) {
    const t = withLayout(x, "f64", layout);
    for (const shape of [[30], [6, 5], [5, -1], [-1, 3, 1, 2], [1, 30, 1], [-1]]) {
      const out = reshape(t, shape);
      const expectedShape = shape.includes(-1)
        ? shape.map((d) => (d === -1 ? 30 / shape.reduce((p, q) => (q === -1 ? p : p * q), 1) : d))
        : shape;
      assertNdClose(toNd(out), nd(expectedShape, x.data), {}, `reshape ${layout} [${shape}]`);
      out.dispose();
    }
    // A reshape of a transposed tensor follows its logical order, not its memory order.
    const tr = t.transpose(0, 2).reshape([5, 6]);
    assertNdClose(toNd(tr), nd([5, 6], permuteNd(x, [2, 1, 0]).data), {}, `transpose+reshape`);
  }
  const contiguousInput = toTensor(x, "f64");
  const view = contiguousInput.reshape([6, 5]);
  assert.equal(view.storage, contiguousInput.storage, "reshape of a contiguous tensor is a view");
  const scalar = reshape(tensor([4]), []);
  assert.deepEqual(scalar.shape, []);
  assert.equal(scalar.item(), 4);
});

test("permute and transpose reorder axes as views", () => {
  const t = toTensor(x, "f64");
  for (const axes of [
    [0, 1, 2],
    [2, 0, 1],
    [1, 2, 0],
    [2, 1, 0],
    [-1, 0, -2],
  ]) {
    const out = permute(t, axes);
    assert.equal(out.storage, t.storage);
    const norm = axes.map((a) => (a + 3) % 3);
    assertNdClose(toNd(out), permuteNd(x, norm), {}, `permute [${axes}]`);
  }
  assertNdClose(toNd(transpose(t)), transposeNd(x), {}, "transpose default");
  assertNdClose(toNd(transpose(t, 0, -1)), permuteNd(x, [2, 1, 0]), {}, "transpose 0 -1");
  assertNdClose(toNd(t.transpose(1, 0)), permuteNd(x, [1, 0, 2]), {}, "method");
  // A permute of a permute composes.
  const twice = t.permute([2, 0, 1]).permute([2, 0, 1]);
  assertNdClose(toNd(twice), permuteNd(permuteNd(x, [2, 0, 1]), [2, 0, 1]), {}, "composed");
  assert.equal(t.transpose().isContiguous, false);
});

test("slice with positive, negative and omitted bounds, on every axis and every layout", () => {
  for (const layout of LAYOUTS) {
    const t = withLayout(x, "f64", layout);
    const cases: [number, number, number | undefined, number, number][] = [
      [0, 1, 2, 1, 2],
      [1, -2, undefined, 1, 3],
      [2, 1, -1, 1, 4],
      [-1, -5, -3, 0, 2],
      [2, 0, 0, 0, 0],
      [2, 5, undefined, 5, 5],
    ];
    for (const [axis, start, end, s, e] of cases) {
      const out = slice(t, axis, start, end);
      assert.equal(out.storage, t.storage, "slice is a view");
      const a = (axis + 3) % 3;
      assertNdClose(toNd(out), sliceNd(x, a, s, e), {}, `slice ${layout} ${axis} ${start}:${end}`);
    }
    // A slice of a slice offsets twice.
    const nested = t.slice(2, 1, 5).slice(2, 1, 3);
    assertNdClose(toNd(nested), sliceNd(x, 2, 2, 4), {}, `nested ${layout}`);
  }
});

test("expand broadcasts size-1 dims and adds leading dims without copying", () => {
  const small = randUniform(rng, [3, 1]);
  const t = toTensor(small, "f64");
  for (const shape of [
    [3, 4],
    [2, 3, 4],
    [3, 1],
    [1, 3, 1],
  ]) {
    const out = expand(t, shape);
    assert.equal(out.storage, t.storage);
    assertNdClose(toNd(out), broadcastTo(small, shape), {}, `expand [${shape}]`);
  }
  const transposedRow = toTensor(randUniform(rng, [1, 4]), "f64")
    .transpose()
    .expand([2, 4, 3]);
  assert.deepEqual(transposedRow.shape, [2, 4, 3]);
  assertNdClose(
    toNd(transposedRow.contiguous()),
    toNd(transposedRow),
    {},
    "contiguous of an expanded view",
  );
});

test("squeeze and unsqueeze add and remove size-1 dims at any (negative) axis", () => {
  const t = toTensor(x, "f64");
  assert.deepEqual(unsqueeze(t, 0).shape, [1, 2, 3, 5]);
  assert.deepEqual(unsqueeze(t, 3).shape, [2, 3, 5, 1]);
  assert.deepEqual(unsqueeze(t, -1).shape, [2, 3, 5, 1]);
  assert.deepEqual(unsqueeze(t, -2).shape, [2, 3, 1, 5]);
  assert.deepEqual(t.unsqueeze(1).toNested(), toTensor(nd([2, 1, 3, 5], x.data), "f64").toNested());
  const u = t.unsqueeze(1);
  assert.deepEqual(squeeze(u, 1).shape, [2, 3, 5]);
  assert.deepEqual(u.squeeze(-3).toNested(), t.toNested());
  // Squeezing a strided view keeps the strides of the remaining dims.
  const col = withLayout(x, "f64", "transposed").slice(2, 3, 4);
  assertNdClose(toNd(col.squeeze(2)), nd([2, 3], sliceNd(x, 2, 3, 4).data), {}, "squeeze view");
});

test("flatten merges a range of axes; contiguous copies only when needed", () => {
  const t = toTensor(x, "f64");
  assert.deepEqual(flatten(t).shape, [30]);
  assert.deepEqual(flatten(t, 1).shape, [2, 15]);
  assert.deepEqual(flatten(t, 0, 1).shape, [6, 5]);
  assert.deepEqual(t.flatten(-2, -1).shape, [2, 15]);
  assert.deepEqual(flatten(tensor([7], []), 0).shape, [1]);
  const tr = t.transpose(0, 1);
  assertNdClose(toNd(tr.flatten()), nd([30], permuteNd(x, [1, 0, 2]).data), {}, "flatten view");
  const c = contiguous(tr);
  assert.ok(c.isContiguous);
  assert.notEqual(c.storage, t.storage);
  assertNdClose(toNd(c), permuteNd(x, [1, 0, 2]), {}, "contiguous copy");
  const same = contiguous(t);
  assert.equal(same.storage, t.storage, "contiguous of a contiguous tensor is a view");
  const sliced = t.slice(0, 1, 2);
  assert.ok(sliced.isContiguous, "a leading-axis slice stays contiguous (with an offset)");
  assertNdClose(toNd(sliced.contiguous()), sliceNd(x, 0, 1, 2), {}, "offset contiguous");
});

test("views share memory: writing through one is seen by the others", () => {
  const t = toTensor(nd([2, 3]), "f64");
  const tr = t.transpose();
  tr.slice(0, 1, 2).assign(tensor([7, 8], [1, 2], { dtype: "f64" }));
  assert.deepEqual(t.toNested(), [
    [0, 7, 0],
    [0, 8, 0],
  ]);
  const r = t.reshape([3, 2]);
  assert.deepEqual(r.toNested(), [
    [0, 7],
    [0, 0],
    [8, 0],
  ]);
});
