import assert from "node:assert/strict";
import { test } from "node:test";
import { CpuDevice } from "../../src/backend/index.ts";
import {
  arange,
  broadcastShapes,
  broadcastStrides,
  checkValidShape,
  contiguousStrides,
  defaultDevice,
  full,
  isContiguous,
  normAxis,
  ones,
  Rng,
  rand,
  randn,
  sameShape,
  setDefaultDevice,
  shapeSize,
  shapeStr,
  tensor,
  zeros,
} from "../../src/tensor/index.ts";
import { assertClose, broadcastShape, matmulNd, nd } from "../helpers/reference.ts";

test("tensor from nested arrays infers the shape; numbers default to f32", () => {
  const t = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.equal(t.dtype, "f32");
  assert.deepEqual(t.shape, [2, 3]);
  assert.equal(t.rank, 2);
  assert.equal(t.size, 6);
  assert.deepEqual(t.toNested(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.equal(String(t), "Tensor(f32, [2, 3])");
  assert.deepEqual(tensor(5).shape, []);
  assert.equal(tensor(5).item(), 5);
  assert.deepEqual(tensor([1, 2, 3, 4], [2, 2], { dtype: "f64" }).toNested(), [
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(tensor([0.1], [1]).toArray()[0], Math.fround(0.1));
});

test("tensor from a typed array keeps its dtype and copies the data", () => {
  const data = Int32Array.from([1, 2, 3, 4]);
  const t = tensor(data, [2, 2]);
  assert.equal(t.dtype, "i32");
  data[0] = 99;
  assert.equal(t.toArray()[0], 1, "the tensor owns a copy");
  const f = tensor(Float64Array.from([1.5, 2.5]), undefined, { dtype: "i32" });
  assert.equal(f.dtype, "i32");
  assert.deepEqual(Array.from(f.toArray()), [1, 2]);
  assert.deepEqual(tensor(new Float32Array(0), [0, 3]).shape, [0, 3]);
});

test("full, zeros and ones in every dtype", () => {
  for (const dtype of ["f32", "f64", "i32"] as const) {
    assert.deepEqual(Array.from(full([2, 2], 7, { dtype }).toArray()), [7, 7, 7, 7]);
    assert.deepEqual(Array.from(zeros([3], { dtype }).toArray()), [0, 0, 0]);
    assert.deepEqual(Array.from(ones([1, 2], { dtype }).toArray()), [1, 1]);
    assert.equal(zeros([2], { dtype }).dtype, dtype);
  }
  assert.deepEqual(zeros([]).shape, []);
  assert.equal(full([], -2.5, { dtype: "f64" }).item(), -2.5);
});

test("arange: integer ranges are i32, fractional ones f32, negative steps, empty ranges", () => {
  assert.deepEqual(Array.from(arange(4).toArray()), [0, 1, 2, 3]);
  assert.equal(arange(4).dtype, "i32");
  assert.deepEqual(Array.from(arange(2, 9, 3).toArray()), [2, 5, 8]);
  assert.deepEqual(Array.from(arange(5, 0, -2).toArray()), [5, 3, 1]);
  assert.deepEqual(arange(3, 3).shape, [0]);
  assert.deepEqual(arange(3, 0).shape, [0]);
  const f = arange(0, 1, 0.25);
  assert.equal(f.dtype, "f32");
  assert.deepEqual(Array.from(f.toArray()), [0, 0.25, 0.5, 0.75]);
  assert.equal(arange(0, 3, 1, { dtype: "f64" }).dtype, "f64");
  assert.throws(() => arange(0, 3, 0), { name: "RangeError", message: /^arange: step/ });
});

test("Rng is deterministic per seed, and its streams are well spread", () => {
  const a = new Rng(1);
  const b = new Rng(1);
  const c = new Rng(2);
  const sa = Array.from({ length: 5 }, () => a.nextU32());
  assert.deepEqual(
    sa,
    Array.from({ length: 5 }, () => b.nextU32()),
  );
  assert.notDeepEqual(
    sa,
    Array.from({ length: 5 }, () => c.nextU32()),
  );
  const r = new Rng(9);
  let sum = 0;
  let sumSq = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    const z = r.normal();
    sum += z;
    sumSq += z * z;
  }
  // Mean 0 ± 4σ/√n and variance 1 ± a few percent.
  assert.ok(Math.abs(sum / n) < 4 / Math.sqrt(n), `normal mean ${sum / n}`);
  assert.ok(Math.abs(sumSq / n - 1) < 0.05, `normal variance ${sumSq / n}`);
  const perm = Array.from(r.permutation(10)).sort((p, q) => p - q);
  assert.deepEqual(perm, [...Array(10).keys()]);
  for (let i = 0; i < 100; i++) {
    const k = r.int(7);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
  }
});

test("Rng state round-trips, including a pending normal", () => {
  const r = new Rng(5);
  r.normal();
  const state = r.getState();
  const expected = [r.normal(), r.normal(), r.uniform()];
  const s = new Rng(0);
  s.setState(state);
  assert.deepEqual([s.normal(), s.normal(), s.uniform()], expected);
  assert.throws(() => s.setState([1, 2]), { name: "RangeError", message: /^Rng\.setState: / });
});

test("randn and rand draw from the given Rng with the requested moments and range", () => {
  const x = randn([4000], new Rng(3), { dtype: "f64", mean: 2, std: 0.5 });
  const v = Array.from(x.toArray());
  const mean = v.reduce((p, q) => p + q, 0) / v.length;
  const variance = v.reduce((p, q) => p + (q - mean) ** 2, 0) / v.length;
  assert.ok(Math.abs(mean - 2) < 0.05, `mean ${mean}`);
  assert.ok(Math.abs(variance - 0.25) < 0.025, `variance ${variance}`);
  const u = Array.from(rand([1000], new Rng(4), { lo: -3, hi: -1 }).toArray());
  assert.ok(u.every((q) => q >= -3 && q <= -1));
  assert.deepEqual(
    Array.from(randn([3], new Rng(8)).toArray()),
    Array.from(randn([3], new Rng(8)).toArray()),
  );
  assert.equal(randn([2], new Rng(1)).dtype, "f32");
});

test("shape helpers: sizes, strides, broadcasting, axes, contiguity", () => {
  assert.equal(shapeSize([]), 1);
  assert.equal(shapeSize([3, 0, 2]), 0);
  assert.deepEqual(contiguousStrides([2, 3, 4]), [12, 4, 1]);
  assert.equal(shapeStr([2, 3]), "[2, 3]");
  assert.ok(sameShape([2, 3], [2, 3]));
  assert.ok(!sameShape([2, 3], [2, 3, 1]));
  for (const [a, b] of [
    [
      [3, 1, 5],
      [4, 1],
    ],
    [[], [2]],
    [
      [1, 1],
      [7, 1, 3],
    ],
  ]) {
    assert.deepEqual(broadcastShapes("t", a!, b!), broadcastShape(a!, b!));
  }
  assert.deepEqual(broadcastStrides([3, 1], [1, 1], [2, 3, 4]), [0, 1, 0]);
  assert.equal(normAxis("t", -1, 3), 2);
  assert.throws(() => normAxis("t", 3, 3), { name: "ShapeError", message: /^t: axis 3 / });
  assert.ok(isContiguous([2, 3], [3, 1]));
  assert.ok(isContiguous([2, 1, 3], [3, 99, 1]), "size-1 dims may have any stride");
  assert.ok(!isContiguous([2, 3], [1, 2]));
  assert.throws(() => checkValidShape("t", [1.5]), { name: "ShapeError" });
});

test("default device: new tensors land on it; setDefaultDevice swaps it, returns the old", () => {
  const original = defaultDevice();
  const other = new CpuDevice();
  const prev = setDefaultDevice(other);
  try {
    assert.equal(prev, original);
    const t = zeros([2]);
    assert.equal(t.device, other);
    assert.equal(other.memory().liveBuffers, 1);
    t.dispose();
    assert.equal(other.memory().liveBuffers, 0);
  } finally {
    setDefaultDevice(original);
  }
  assert.equal(defaultDevice(), original);
});

test("read() resolves to the same contents as toArray(), also for views", async () => {
  const t = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    undefined,
    { dtype: "f64" },
  ).transpose();
  assert.deepEqual(Array.from(await t.read()), [1, 3, 2, 4]);
  assert.deepEqual(Array.from(t.toArray()), [1, 3, 2, 4]);
});

test("reference helpers: assertClose fails loudly, matmulNd is right on a known case", () => {
  assert.throws(
    () => assertClose([1, 2, 3.1], [1, 2, 3], { atol: 0.01 }, "demo"),
    /demo: element 2 is 3\.1, expected 3/,
  );
  assert.throws(() => assertClose([Number.NaN], [0], {}, "nan"), /nan: element 0/);
  assertClose(
    [Number.NaN, Number.NEGATIVE_INFINITY],
    [Number.NaN, Number.NEGATIVE_INFINITY],
    {},
    "",
  );
  const out = matmulNd(nd([2, 2], [1, 2, 3, 4]), nd([2], [5, 6]));
  assert.deepEqual(out.shape, [2]);
  assert.deepEqual(Array.from(out.data), [17, 39]);
});
