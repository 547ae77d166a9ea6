/**
 * Building blocks of the shared kernel suite's cases: tolerances, strided views over device
 * buffers, and seeded random host data.
 */
import type {
  Device,
  DeviceBuffer,
  KernelArgs,
  KernelName,
  View,
} from "../../src/backend/index.ts";
import { Rng } from "../../src/tensor/index.ts";

/** Allowed |got - want| <= atol + rtol·|want|. */
export interface Tol {
  atol: number;
  rtol: number;
}

export interface KernelCase<K extends KernelName = KernelName> {
  kernel: K;
  label: string;
  tol: Tol;
  /** f64 cases run on CPU devices only (WGSL has no f64). */
  f64?: boolean;
  /** Builds the arguments on `device`; returns them with the buffers to compare afterwards. */
  build(device: Device): { args: KernelArgs[K]; outputs: DeviceBuffer[] };
}

export const EXACT: Tol = { atol: 0, rtol: 0 };
/** f32 transcendental functions differ between libraries by a few ulps. */
export const ULPS: Tol = { atol: 1e-6, rtol: 4e-6 };

export function contiguous(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

export function view(
  buffer: DeviceBuffer,
  shape: number[],
  strides = contiguous(shape),
  offset = 0,
): View {
  return { buffer, shape, strides, offset };
}

export function floats(rng: Rng, n: number, lo = -2, hi = 2): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng.uniform();
  return out;
}

export function ints(rng: Rng, n: number, below: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(below);
  return out;
}

export function c<K extends KernelName>(
  kernel: K,
  label: string,
  tol: Tol,
  build: (d: Device, rng: Rng) => { args: KernelArgs[K]; outputs: DeviceBuffer[] },
  f64 = false,
): KernelCase<K> {
  // Every build draws from the same seed, so each device sees the same inputs.
  const seed = [...`${kernel}/${label}`].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return { kernel, label, tol, f64, build: (d) => build(d, new Rng(seed)) };
}
