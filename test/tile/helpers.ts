/**
 * Shared pieces of the tile tests: seeded random inputs, the CPU reference kernels run on
 * plain arrays, and a tolerance check that names the worst element.
 */
import assert from "node:assert/strict";
import {
  CpuDevice,
  type DeviceBuffer,
  type KernelArgs,
  type View,
} from "../../src/backend/index.ts";

/** Deterministic xorshift32 generator for test inputs. */
export class TestRng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) / 4294967296;
  }
  /** Uniform f32 array in [lo, hi). */
  uniform(n: number, lo = -1, hi = 1): Float32Array {
    return Float32Array.from({ length: n }, () => lo + (hi - lo) * this.next());
  }
  /** Integers in [0, n). */
  ints(count: number, n: number): Int32Array {
    return Int32Array.from({ length: count }, () => Math.floor(this.next() * n));
  }
}

export const cpu = new CpuDevice();

/** A device buffer wrapping `data` (shared, not copied). */
export function buf(data: Float32Array | Int32Array): DeviceBuffer {
  return cpu.adopt(data);
}

/** A contiguous view of `data` with the given shape. */
export function view(data: Float32Array | Int32Array, shape: readonly number[]): View {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((p, d) => p * d, 1));
  return { buffer: buf(data), shape, strides, offset: 0 };
}

/** A view of `data` stored as the transpose of the last two dims of `shape`. */
export function transposedView(data: Float32Array, shape: readonly number[]): View {
  const r = shape.length;
  const stored = [...shape.slice(0, r - 2), shape[r - 1]!, shape[r - 2]!];
  const st = stored.map((_, i) => stored.slice(i + 1).reduce((p, d) => p * d, 1));
  const strides = [...st.slice(0, r - 2), st[r - 1]!, st[r - 2]!];
  return { buffer: buf(data), shape, strides, offset: 0 };
}

/** Runs one reference kernel of the CPU backend. */
export function reference<K extends keyof KernelArgs>(kernel: K, args: KernelArgs[K]): void {
  cpu.run(kernel, args);
}

/**
 * Asserts |got - want| <= atol + rtol·|want| element-wise (NaN must match NaN, ±inf must match
 * exactly), reporting the worst element.
 */
export function assertClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: { atol: number; rtol: number },
  what: string,
): void {
  assert.equal(got.length, want.length, `${what}: length`);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      if (!Object.is(g, w) && !(Number.isNaN(g) && Number.isNaN(w))) {
        assert.fail(`${what}: element ${i} is ${g}, expected ${w}`);
      }
      continue;
    }
    const err = Math.abs(g - w) - tol.rtol * Math.abs(w);
    if (!(err <= tol.atol) && (worst < 0 || !(err <= worstErr))) {
      worst = i;
      worstErr = err;
    }
  }
  if (worst >= 0) {
    assert.fail(
      `${what}: element ${worst} is ${got[worst]}, expected ${want[worst]} ` +
        `(atol ${tol.atol}, rtol ${tol.rtol})`,
    );
  }
}
