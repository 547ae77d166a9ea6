import assert from "node:assert/strict";
import { test } from "node:test";
import {
  embedding,
  gather,
  indexAdd,
  indexSelect,
  Rng,
  scatterAdd,
  tensor,
  topk,
} from "../../src/tensor/index.ts";
import {
  alongAxis,
  assertNdClose,
  F64_TOL,
  type Nd,
  nd,
  randInts,
  randUniform,
  ravel,
  sizeOf,
  topkOf,
  unravel,
} from "../helpers/reference.ts";
import {
  asDType,
  disposeAll,
  FLOAT_DTYPES,
  i32,
  LAYOUTS,
  tolFor,
  toNd,
  toTensor,
  withLayout,
} from "../helpers/tensors.ts";

const rng = new Rng(5);

/** out = x with its `axis` re-indexed by `index` (1-D). */
function refIndexSelect(x: Nd, axis: number, index: readonly number[]): Nd {
  const shape = x.shape.slice();
  shape[axis] = index.length;
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, shape);
    idx[axis] = index[idx[axis]!]!;
    out.data[i] = x.data[ravel(idx, x.shape)]!;
  }
  return out;
}

/** out[..., j, ...] = x[..., index[..., j, ...], ...] (take along axis). */
function refGather(x: Nd, axis: number, index: Nd): Nd {
  const out = nd(index.shape);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, index.shape);
    idx[axis] = index.data[i]!;
    out.data[i] = x.data[ravel(idx, x.shape)]!;
  }
  return out;
}

/** base with src[p] added at position p with its `axis` coordinate replaced by index[p]. */
function refScatterAdd(base: Nd, axis: number, index: Nd, src: Nd): Nd {
  const out = nd(base.shape, base.data);
  for (let i = 0; i < src.data.length; i++) {
    const idx = unravel(i, src.shape);
    idx[axis] = index.data[i]!;
    out.data[ravel(idx, base.shape)]! += src.data[i]!;
  }
  return out;
}

/** base with src's slice j added at row index[j] along `axis`. */
function refIndexAdd(base: Nd, axis: number, index: readonly number[], src: Nd): Nd {
  const out = nd(base.shape, base.data);
  for (let i = 0; i < src.data.length; i++) {
    const idx = unravel(i, src.shape);
    idx[axis] = index[idx[axis]!]!;
    out.data[ravel(idx, base.shape)]! += src.data[i]!;
  }
  return out;
}

test("indexSelect along every axis with repeats, both dtypes, all layouts", () => {
  const shape = [4, 7, 3];
  for (const dtype of FLOAT_DTYPES) {
    const x = asDType(randUniform(rng, shape), dtype);
    for (const layout of LAYOUTS) {
      const t = withLayout(x, dtype, layout);
      for (const axis of [0, 1, 2, -1]) {
        const a = (axis + 3) % 3;
        const index = randInts(rng, 5, shape[a]!);
        index[1] = index[0]!;
        const ti = i32(index);
        const out = indexSelect(t, axis, ti);
        assertNdClose(toNd(out), refIndexSelect(x, a, index), tolFor(dtype), `${layout} ${axis}`);
        assertNdClose(toNd(t.indexSelect(axis, ti)), refIndexSelect(x, a, index), {}, "method");
        disposeAll(ti, out);
      }
      t.dispose();
    }
  }
  const empty = indexSelect(tensor([1, 2, 3]), 0, i32([]));
  assert.deepEqual(empty.shape, [0]);
});

test("indexSelect with a non-contiguous index", () => {
  const x = toTensor(randUniform(rng, [6, 2]), "f64");
  const index = withLayout(nd([4], [5, 0, 5, 2]), "i32", "strided");
  assert.deepEqual(index.isContiguous, false);
  assertNdClose(toNd(indexSelect(x, 0, index)), refIndexSelect(toNd(x), 0, [5, 0, 5, 2]), {}, "");
});

test("embedding looks up rows for ids of any shape", () => {
  for (const dtype of FLOAT_DTYPES) {
    const table = asDType(randUniform(rng, [11, 5]), dtype);
    const ids = randInts(rng, 6, 11);
    const out = embedding(toTensor(table, dtype), i32(ids, [2, 3]));
    assert.deepEqual(out.shape, [2, 3, 5]);
    const expected = refIndexSelect(table, 0, ids);
    assertNdClose(toNd(out), nd([2, 3, 5], expected.data), tolFor(dtype), `embedding ${dtype}`);
    const single = embedding(toTensor(table, dtype), i32([4], []));
    assertNdClose(toNd(single), nd([5], refIndexSelect(table, 0, [4]).data), {}, "0-D id");
    // A transposed table (e.g. tied output weights) is looked up by its logical rows.
    const tt = withLayout(table, dtype, "transposed");
    assertNdClose(toNd(embedding(tt, i32(ids))), expected, {}, `transposed table ${dtype}`);
  }
});

test("gather (take along axis) on every axis, fewer or more picks than the axis", () => {
  const shape = [3, 5, 4];
  for (const dtype of FLOAT_DTYPES) {
    const x = asDType(randUniform(rng, shape), dtype);
    for (const layout of LAYOUTS) {
      const t = withLayout(x, dtype, layout);
      for (const axis of [0, 1, 2, -2]) {
        const a = (axis + 3) % 3;
        for (const m of [1, 2, 7]) {
          const ishape = shape.slice();
          ishape[a] = m;
          const index = nd(ishape, randInts(rng, sizeOf(ishape), shape[a]!));
          const ti = withLayout(index, "i32", layout);
          const out = gather(t, axis, ti);
          const label = `gather ${dtype} ${layout} axis ${axis} m ${m}`;
          assertNdClose(toNd(out), refGather(x, a, index), tolFor(dtype), label);
          assertNdClose(toNd(t.gather(axis, ti)), refGather(x, a, index), {}, `${label} method`);
          disposeAll(ti, out);
        }
      }
      t.dispose();
    }
  }
});

test("scatterAdd accumulates duplicates and leaves the base tensor unchanged", () => {
  const shape = [3, 4, 2];
  for (const dtype of FLOAT_DTYPES) {
    const base = asDType(randUniform(rng, shape), dtype);
    for (const axis of [0, 1, 2]) {
      const ishape = shape.slice();
      ishape[axis] = 5;
      // Five picks from an axis of 2..4 entries: duplicates are certain.
      const index = nd(ishape, randInts(rng, sizeOf(ishape), shape[axis]!));
      const src = asDType(randUniform(rng, ishape), dtype);
      for (const layout of LAYOUTS) {
        const tb = withLayout(base, dtype, layout);
        const ts = withLayout(src, dtype, layout);
        const ti = i32(Array.from(index.data), ishape);
        const out = scatterAdd(tb, axis, ti, ts);
        const label = `scatterAdd ${dtype} ${layout} axis ${axis}`;
        assertNdClose(toNd(out), refScatterAdd(base, axis, index, src), tolFor(dtype), label);
        assertNdClose(toNd(tb), base, {}, `${label}: base modified`);
        disposeAll(tb, ts, ti, out);
      }
    }
  }
});

test("indexAdd accumulates duplicate indices and leaves the base tensor unchanged", () => {
  const shape = [5, 3, 2];
  for (const dtype of FLOAT_DTYPES) {
    const base = asDType(randUniform(rng, shape), dtype);
    for (const axis of [0, 1, -1]) {
      const a = (axis + 3) % 3;
      const index = [0, shape[a]! - 1, 0, 1, 0];
      const sshape = shape.slice();
      sshape[a] = index.length;
      const src = asDType(randUniform(rng, sshape), dtype);
      for (const layout of LAYOUTS) {
        const tb = withLayout(base, dtype, layout);
        const ts = withLayout(src, dtype, layout);
        const ti = i32(index);
        const out = indexAdd(tb, axis, ti, ts);
        const label = `indexAdd ${dtype} ${layout} axis ${axis}`;
        assertNdClose(toNd(out), refIndexAdd(base, a, index, src), tolFor(dtype), label);
        assertNdClose(toNd(tb), base, {}, `${label}: base modified`);
        disposeAll(tb, ts, ti, out);
      }
    }
  }
});

test("out-of-range and negative indices are errors naming the op and the index", () => {
  const x = tensor([1, 2, 3]);
  assert.throws(() => indexSelect(x, 0, i32([3])), { message: /^indexSelect: index 3 .*\[0, 3\)/ });
  assert.throws(() => indexSelect(x, 0, i32([-1])), { message: /^indexSelect: index -1 / });
  assert.throws(() => embedding(tensor([[1], [2]]), i32([2])), { message: /index 2 .*\[0, 2\)/ });
  assert.throws(() => indexAdd(x, 0, i32([5]), tensor([1])), { message: /^indexAdd: index 5 / });
  assert.throws(() => scatterAdd(x, 0, i32([3]), tensor([1])), { message: /^scatterAdd: index 3/ });
});

test("topk: values sorted descending with their indices, along the last axis", () => {
  for (const dtype of FLOAT_DTYPES) {
    // Small integers make ties frequent.
    const x = asDType(randUniform(rng, [3, 2, 13], 0, 4), dtype);
    x.data = x.data.map(Math.floor);
    for (const layout of LAYOUTS) {
      const t = withLayout(x, dtype, layout);
      for (const k of [1, 4, 13]) {
        const { values, indices } = topk(t, k);
        assert.equal(indices.dtype, "i32");
        assert.equal(values.dtype, dtype);
        const idx = alongAxis(x, -1, (row) => topkOf(row, k), k);
        const vals = alongAxis(x, -1, (row) => topkOf(row, k).map((i) => row[i]!), k);
        assertNdClose(toNd(indices), idx, {}, `topk indices ${dtype} ${layout} k ${k}`);
        assertNdClose(toNd(values), vals, {}, `topk values ${dtype} ${layout} k ${k}`);
        disposeAll(values, indices);
      }
      t.dispose();
    }
  }
});

test("topk: ties go to the lower index; -inf and +inf rank correctly", () => {
  const inf = Number.POSITIVE_INFINITY;
  const x = tensor([3, 5, 5, 1, 5, -inf, inf, 0], [8], { dtype: "f64" });
  const { values, indices } = topk(x, 5);
  assert.deepEqual(Array.from(indices.toArray()), [6, 1, 2, 4, 0]);
  assert.deepEqual(Array.from(values.toArray()), [inf, 5, 5, 5, 3]);
  const all = topk(tensor([-inf, -inf, -1], [3], { dtype: "f64" }), 3);
  assert.deepEqual(Array.from(all.indices.toArray()), [2, 0, 1]);
});

test("topk rejects NaN input and k outside [1, n]", () => {
  const x = tensor([1, Number.NaN, 3], [1, 3], { dtype: "f64" });
  assert.throws(() => topk(x, 1), { name: "RangeError", message: /^topk: .*NaN/ });
  const y = tensor([1, 2, 3]);
  assert.throws(() => topk(y, 4), { name: "RangeError", message: /^topk: k \(4\).*\[1, 3\]/ });
  assert.throws(() => topk(y, 0), { name: "RangeError", message: /^topk: k \(0\)/ });
  assert.throws(() => topk(y, 1.5), { name: "RangeError", message: /^topk: k \(1\.5\)/ });
});

test("gather and indexSelect agree with each other on a 2-D table", () => {
  const x = toTensor(randUniform(rng, [4, 6]), "f64");
  const rows = [3, 1, 1];
  const viaSelect = toNd(indexSelect(x, 0, i32(rows)));
  const idx = nd(
    [3, 6],
    rows.flatMap((r) => Array.from({ length: 6 }, () => r)),
  );
  assertNdClose(toNd(gather(x, 0, i32(Array.from(idx.data), [3, 6]))), viaSelect, F64_TOL, "");
});
