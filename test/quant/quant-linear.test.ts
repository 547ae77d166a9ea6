import assert from "node:assert/strict";
import { test } from "node:test";
import { CpuDevice, UnsupportedError } from "../../src/backend/index.ts";
import {
  dequantizeWeight,
  fp8BlockWeight,
  linear,
  mxfp4Weight,
  quantizedToHost,
  quantLinear,
} from "../../src/nn/index.ts";
import {
  dequantizeFp8Block,
  dequantizeMxfp4,
  type Fp8BlockOptions,
  quantizeFp8Block,
  quantizeMxfp4,
} from "../../src/quant/index.ts";
import { Rng, type Tensor, tensor } from "../../src/tensor/index.ts";

// Random values spanning several binades, so block scales differ from block to block.
function values(n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * 2 ** Math.floor(rng.uniform() * 8 - 4);
  return out;
}

// x [m, k] · W [n, k]ᵀ in float64 with W already dequantised, summing over k from 0.
function reference(x: Float64Array, w: Float32Array, m: number, k: number, n: number) {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += x[i * k + p]! * w[j * k + p]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

// x as a [m, k] tensor of `dtype`, laid out transposed in memory when `transposed`.
function input(x: Float64Array, m: number, k: number, dtype: "f32" | "f64", transposed: boolean) {
  if (!transposed) return tensor(x, [m, k], { dtype });
  const t = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) t[p * m + i] = x[i * k + p]!;
  return tensor(t, [k, m], { dtype }).transpose(0, 1);
}

function check(y: Tensor, ref: Float64Array, dtype: "f32" | "f64", what: string) {
  const got = y.toArray();
  const want = dtype === "f32" ? Float32Array.from(ref) : ref;
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i]))
      assert.fail(`${what}: element ${i} is ${got[i]}, want ${want[i]}`);
  }
}

const MXFP4_SHAPES: [number, number, number][] = [
  [1, 32, 1],
  [3, 96, 5],
  [7, 160, 17],
  [0, 64, 3],
];

test("matmulMxfp4 equals x · dequant(W)ᵀ in float64 on awkward shapes and layouts", () => {
  const rng = new Rng(11);
  for (const [m, k, n] of MXFP4_SHAPES) {
    const q = quantizeMxfp4(values(n * k, rng), n, k);
    const w = mxfp4Weight(q);
    const deq = dequantizeMxfp4(q);
    const xf = Float64Array.from(values(m * k, rng));
    for (const dtype of ["f32", "f64"] as const) {
      for (const transposed of [false, true]) {
        const x = input(xf, m, k, dtype, transposed);
        const xs = dtype === "f32" ? Float64Array.from(Float32Array.from(xf)) : xf;
        check(quantLinear(x, w), reference(xs, deq, m, k, n), dtype, `[${m},${k},${n}] ${dtype}`);
      }
    }
    w.dispose();
  }
});

test("matmulMxfp4 on a row range uses exactly those weight rows", () => {
  const rng = new Rng(3);
  const [m, k, n] = [4, 64, 12];
  const q = quantizeMxfp4(values(n * k, rng), n, k);
  const w = mxfp4Weight(q);
  const deq = dequantizeMxfp4(q);
  const xf = Float64Array.from(values(m * k, rng));
  const y = quantLinear(tensor(xf, [m, k], { dtype: "f64" }), w, { start: 5, end: 9 });
  assert.deepEqual(y.shape, [m, 4]);
  check(y, reference(xf, deq.subarray(5 * k, 9 * k), m, k, 4), "f64", "rows 5..9");
  assert.throws(() => quantLinear(tensor(xf, [m, k]), w, { start: 8, end: 13 }), /exceed/);
});

const FP8_CASES: [number, number, number, Fp8BlockOptions][] = [
  [2, 200, 130, {}],
  [5, 37, 11, { blockRows: 4, blockCols: 8 }],
  [3, 19, 9, { blockRows: 2, blockCols: 5, scaleFormat: "f32" }],
  [1, 130, 3, { scaleFormat: "f32" }],
];

test("matmulFp8Block equals x · dequant(W)ᵀ in float64, E8M0 and f32 scales, ragged tiles", () => {
  const rng = new Rng(5);
  for (const [m, k, n, opts] of FP8_CASES) {
    const q = quantizeFp8Block(values(n * k, rng), n, k, opts);
    const w = fp8BlockWeight(q);
    const deq = dequantizeFp8Block(q);
    const xf = Float64Array.from(values(m * k, rng));
    for (const dtype of ["f32", "f64"] as const) {
      const x = input(xf, m, k, dtype, m > 1);
      const xs = dtype === "f32" ? Float64Array.from(Float32Array.from(xf)) : xf;
      const what = `fp8 [${m},${k},${n}] ${JSON.stringify(opts)} ${dtype}`;
      check(quantLinear(x, w), reference(xs, deq, m, k, n), dtype, what);
    }
    const y = quantLinear(tensor(xf, [m, k], { dtype: "f64" }), w, { start: 1, end: n - 1 });
    check(y, reference(xf, deq.subarray(k, (n - 1) * k), m, k, n - 2), "f64", "fp8 row range");
    w.dispose();
  }
});

test("linear with a packed weight equals linear with its dequantised f32 weight, exactly", () => {
  const rng = new Rng(8);
  const x = tensor(values(2 * 3 * 64, rng), [2, 3, 64]);
  for (const w of [
    mxfp4Weight(quantizeMxfp4(values(10 * 64, rng), 10, 64)),
    fp8BlockWeight(quantizeFp8Block(values(10 * 64, rng), 10, 64, { scaleFormat: "f32" })),
  ]) {
    const packed = linear(x, w);
    const dense = linear(x, dequantizeWeight(w));
    assert.deepEqual(packed.shape, [2, 3, 10]);
    assert.deepEqual(packed.toArray(), dense.toArray());
  }
});

test("a NaN E8M0 scale poisons exactly the outputs of its weight row", () => {
  const q = quantizeMxfp4(new Float32Array(2 * 32).fill(1), 2, 32);
  q.scales[1] = 0xff;
  const y = quantLinear(tensor([[1, 2, ...new Array(30).fill(0)]]), mxfp4Weight(q)).toArray();
  assert.equal(y[0], 3);
  assert.ok(Number.isNaN(y[1]));
});

test("quantLinear passes x-gradients through the dequantised weight", () => {
  const rng = new Rng(2);
  const q = quantizeMxfp4(values(6 * 32, rng), 6, 32);
  const w = mxfp4Weight(q);
  const x = tensor(values(4 * 32, rng), [4, 32], { dtype: "f64" }).requireGrad();
  const g = tensor(values(4 * 4, rng), [4, 4], { dtype: "f64" });
  quantLinear(x, w, { start: 1, end: 5 }).mul(g).sum().backward();
  const deq = dequantizeMxfp4(q);
  const want = new Float64Array(4 * 32);
  const gs = g.toArray();
  for (let i = 0; i < 4; i++) {
    for (let p = 0; p < 32; p++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += gs[i * 4 + j]! * deq[(j + 1) * 32 + p]!;
      want[i * 32 + p] = s;
    }
  }
  assert.deepEqual(Array.from(x.grad!.toArray()), Array.from(want));
});

test("packed weights keep their packed size on the device and round-trip to the host", () => {
  const dev = new CpuDevice();
  const rng = new Rng(4);
  const q = quantizeMxfp4(values(64 * 128, rng), 64, 128);
  const before = dev.memory().liveBytes;
  const w = mxfp4Weight(q, dev);
  // 64·128 weights: 4096 packed bytes + 256 scale bytes, i.e. 4.25 bits per weight.
  assert.equal(w.byteLength, 4096 + 256);
  assert.equal(dev.memory().liveBytes - before, 4096 + 256);
  const back = quantizedToHost(w);
  assert.ok("packed" in back);
  assert.deepEqual(back.packed, q.packed);
  assert.deepEqual(back.scales, q.scales);
  w.dispose();
  assert.equal(dev.memory().liveBytes, before);
  assert.throws(() => quantLinear(tensor([[1]], undefined, { device: dev }), w), /disposed/);
});

test("quantLinear rejects mismatched shapes, devices without the kernel and integer inputs", () => {
  const w = mxfp4Weight(quantizeMxfp4(new Float32Array(4 * 32), 4, 32));
  assert.throws(
    () => quantLinear(tensor(new Float32Array(31), [1, 31]), w),
    /expected x \[\.\.\., 32\]/,
  );
  assert.throws(() => quantLinear(tensor(new Int32Array(32), [1, 32]), w), /f32 or f64/);
  class NoQuant extends CpuDevice {
    override supports(kernel: Parameters<CpuDevice["supports"]>[0]): boolean {
      return kernel !== "matmulMxfp4" && super.supports(kernel);
    }
  }
  const dev = new NoQuant();
  const wd = mxfp4Weight(quantizeMxfp4(new Float32Array(4 * 32), 4, 32), dev);
  const x = tensor(new Float32Array(32), [1, 32], { device: dev });
  assert.throws(
    () => quantLinear(x, wd),
    (e: unknown) => e instanceof UnsupportedError,
  );
});
