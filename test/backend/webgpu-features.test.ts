/**
 * The WebGPU device's use of the optional features: reductions compiled with subgroups when
 * the device has them (and without on a device opened with `features: []`), and the opt-in
 * f16 matmul (shader-f16) with its fallback to f32 and the note saying so.
 *
 * f16 tolerance: each operand is rounded to f16 (relative error at most u = 2^-11), so each
 * product is off by at most (2u + u²)·|a·b| and the f32 sum adds at most K·2^-24·Σ|a·b|:
 *   |got - want| <= (2^-10 + K·2^-24)·Σ_k |a_ik·b_kj|,
 * which for |a|, |b| <= 1 is below K·2^-10, i.e. the K·2^-11-per-operand budget.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Device } from "../../src/backend/device.ts";
import { CpuDevice, DeviceError, type View, WebGpuDevice } from "../../src/backend/index.ts";
import { TILE_KERNELS } from "../../src/backend/select.ts";
import { closeTestDevices, gpuTest, openGpu, useTileKernels } from "../helpers/devices.ts";

useTileKernels(TILE_KERNELS);
after(closeTestDevices);

const reference = new CpuDevice();

/** Deterministic uniform values in [lo, hi). */
function uniform(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: count }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return lo + (hi - lo) * ((s >>> 0) / 4294967296);
  });
}

function dense(device: Device, data: Float32Array, shape: readonly number[]): View {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
  return { buffer: device.upload(data), shape, strides, offset: 0 };
}

/**
 * out = a @ b on `device` for a: [batch, m, k], b: [batch, k, n], or b stored [batch, n, k]
 * (a linear layer's weight) when dims[4] is 1.
 */
function matmul(device: Device, a: Float32Array, b: Float32Array, dims: number[]): Float32Array {
  const [batch, m, k, n, transB] = dims as [number, number, number, number, number?];
  const av = dense(device, a, [batch, m, k]);
  const bv: View = transB
    ? { ...dense(device, b, [batch, n, k]), shape: [batch, k, n], strides: [n * k, 1, k] }
    : dense(device, b, [batch, k, n]);
  const out = device.alloc("f32", batch * m * n);
  device.run("matmul", { a: av, b: bv, out, batch, m, k, n });
  const got = device.readSync(out) as Float32Array;
  for (const x of [av.buffer, bv.buffer, out]) device.release(x);
  return got;
}

/** The float64 product and Σ_k |a·b| per output element (dims as for `matmul`). */
function exact(a: Float32Array, b: Float32Array, dims: number[]) {
  const [batch, m, k, n, transB] = dims as [number, number, number, number, number?];
  const bAt = (z: number, p: number, j: number) =>
    transB ? b[(z * n + j) * k + p]! : b[(z * k + p) * n + j]!;
  const want = new Float64Array(batch * m * n);
  const mass = new Float64Array(batch * m * n);
  for (let z = 0; z < batch; z++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          const ab = a[(z * m + i) * k + p]! * bAt(z, p, j);
          sum += ab;
          abs += Math.abs(ab);
        }
        want[(z * m + i) * n + j] = sum;
        mass[(z * m + i) * n + j] = abs;
      }
  return { want, mass };
}

/** The largest error as a multiple of the per-element bound `rel`·Σ|a·b|. */
function worstRatio(got: Float32Array, want: Float64Array, mass: Float64Array, rel: number) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (rel * mass[i]! + 1e-30));
  }
  return worst;
}

/**
 * [batch, m, k, n, transB]: size 1, primes, non-multiples of the 64 x 64 x 16 tile, a long K,
 * a thin product (the 16 x 64 x 32 tile) and a weight stored [n, k].
 */
const SHAPES: number[][] = [
  [1, 1, 1, 1],
  [2, 70, 33, 65],
  [1, 17, 300, 9],
  [1, 64, 1031, 64],
  [1, 3, 257, 67, 1],
  [3, 37, 41, 19, 1],
];

describe("webgpu optional features", () => {
  gpuTest("reductions are compiled with subgroups only on a device that has them", (gpu) => {
    assert.ok(gpu.features.subgroups, "the test GPU must offer subgroups (lavapipe does)");
    const plain = openGpu({ features: [] });
    try {
      const [rows, n] = [67, 1031];
      const x = uniform(rows * n, 5, -6, 6);
      const want = reference.alloc("f32", rows * n);
      reference.run("softmaxRows", { x: reference.upload(x), rows, n, out: want, log: true });
      const expected = reference.readSync(want) as Float32Array;
      for (const device of [gpu, plain]) {
        const out = device.alloc("f32", rows * n);
        const input = device.upload(x);
        device.run("softmaxRows", { x: input, rows, n, out, log: true });
        const got = device.readSync(out) as Float32Array;
        device.release(out);
        device.release(input);
        for (let i = 0; i < got.length; i++) {
          const tol = 1e-6 + 1e-5 * Math.abs(expected[i]!);
          assert.ok(Math.abs(got[i]! - expected[i]!) <= tol, `element ${i}: ${got[i]}`);
        }
      }
      const built = (d: WebGpuDevice) => d.compiledKernels().filter((k) => k.includes("Rows"));
      assert.ok(
        built(gpu).some((k) => k.endsWith("+subgroups")),
        `${built(gpu)}`,
      );
      assert.ok(built(plain).length > 0 && built(plain).every((k) => !k.includes("+")));
    } finally {
      plain.close();
    }
  });

  gpuTest("f16 matmul stays within the f16 bound and is really f16", (gpu) => {
    assert.equal(gpu.matmulPrecision, "f32");
    assert.equal(gpu.precisionNote, "matmul: f32");
    const half = openGpu({ matmulPrecision: "f16" });
    try {
      assert.ok(half.features.shaderF16, "the test GPU must offer shader-f16 (lavapipe does)");
      assert.equal(half.matmulPrecision, "f16");
      assert.match(half.precisionNote, /f16 shared A\/B tiles, f32 accumulation/);
      SHAPES.forEach((dims, s) => {
        const [batch, m, k, n] = dims as [number, number, number, number];
        const a = uniform(batch * m * k, 11 + s);
        const b = uniform(batch * k * n, 23 + s);
        const { want, mass } = exact(a, b, dims);
        const bound = 2 ** -10 + k * 2 ** -24;
        const got16 = matmul(half, a, b, dims);
        const got32 = matmul(gpu, a, b, dims);
        const ratio16 = worstRatio(got16, want, mass, bound);
        assert.ok(ratio16 <= 1, `f16 ${dims}: error ${ratio16.toFixed(3)} x the bound`);
        // f32 products are far inside the bound; f16 rounding must show up beyond that.
        const ratio32 = worstRatio(got32, want, mass, bound);
        assert.ok(ratio32 < 0.05, `f32 ${dims}: error ${ratio32.toFixed(3)} x the f16 bound`);
        if (k > 1) assert.ok(ratio16 > 4 * ratio32, `f16 ${dims} is no less exact than f32`);
      });
      // Out-of-range operands saturate at f16's largest finite value.
      assert.deepEqual(
        matmul(half, new Float32Array([70000, -1e9]), new Float32Array([1, -2]), [1, 2, 1, 2]),
        new Float32Array([65504, -131008, -65504, 131008]),
      );
      assert.ok(half.compiledKernels().some((k) => k.startsWith("matmul") && k.includes("f16")));
    } finally {
      half.close();
    }
  });

  gpuTest("f16 matmul asked for without shader-f16 falls back to f32 and says so", () => {
    const plain = openGpu({ features: [], matmulPrecision: "f16" });
    try {
      assert.equal(plain.matmulPrecision, "f32");
      assert.match(
        plain.precisionNote,
        /^matmul: f32, not the f16 asked for: shader-f16 was not requested/,
      );
      const dims = [2, 70, 33, 65];
      const a = uniform(2 * 70 * 33, 3);
      const b = uniform(2 * 33 * 65, 4);
      const { want, mass } = exact(a, b, dims);
      const ratio = worstRatio(matmul(plain, a, b, dims), want, mass, 2 ** -10);
      assert.ok(ratio < 0.05, `fallback error ${ratio} x the f16 bound: not f32`);
      assert.ok(plain.compiledKernels().every((k) => !k.includes("f16")));
    } finally {
      plain.close();
    }
  });

  test("an unknown matmul precision is refused before the GPU opens", () => {
    assert.throws(
      () => WebGpuDevice.open({ matmulPrecision: "bf16" as "f16" }),
      (err: unknown) =>
        err instanceof DeviceError &&
        /matmulPrecision must be "f32" or "f16", got "bf16"/.test(err.message),
    );
    const saved = process.env.TESSERA_WEBGPU_MATMUL_PRECISION;
    process.env.TESSERA_WEBGPU_MATMUL_PRECISION = "half";
    try {
      assert.throws(
        () => WebGpuDevice.open(),
        /\$TESSERA_WEBGPU_MATMUL_PRECISION must be "f32" or "f16", got "half"/,
      );
    } finally {
      if (saved === undefined) delete process.env.TESSERA_WEBGPU_MATMUL_PRECISION;
      else process.env.TESSERA_WEBGPU_MATMUL_PRECISION = saved;
    }
  });
});
