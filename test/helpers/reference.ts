/**
 * Naive float64 reference computations for the tensor tests. Everything here works on plain
 * row-major arrays (`Nd`: data + shape) with the obvious loops, so it can be trusted by reading
 * and serves as the oracle for the engine's strided, broadcasting kernels.
 */
import assert from "node:assert/strict";
import type { Rng } from "../../src/tensor/index.ts";

/** A row-major float64 array with its shape. */
export interface Nd {
  data: Float64Array;
  shape: number[];
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i]!;
  }
  return out;
}

/** The multi-index of flat position `flat` in a row-major array of `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    idx[i] = flat % d;
    flat = Math.floor(flat / d);
  }
  return idx;
}

/** The flat position of a multi-index in a row-major array of `shape`. */
export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let p = 0;
  for (let i = 0; i < shape.length; i++) p = p * shape[i]! + idx[i]!;
  return p;
}

/** A zero-filled array of `shape`, or one holding a copy of `data` (which must fill it). */
export function nd(shape: readonly number[], data?: ArrayLike<number>): Nd {
  const out = new Float64Array(sizeOf(shape));
  if (data) {
    assert.equal(data.length, out.length, `nd: ${data.length} values for shape [${shape}]`);
    out.set(Array.from(data));
  }
  return { data: out, shape: shape.slice() };
}

/** Uniform values in [lo, hi). */
export function randUniform(rng: Rng, shape: readonly number[], lo = -1, hi = 1): Nd {
  const x = nd(shape);
  for (let i = 0; i < x.data.length; i++) x.data[i] = lo + (hi - lo) * rng.uniform();
  return x;
}

/** Normal values with standard deviation `std`. */
export function randNormal(rng: Rng, shape: readonly number[], std = 1): Nd {
  const x = nd(shape);
  for (let i = 0; i < x.data.length; i++) x.data[i] = std * rng.normal();
  return x;
}

/** Integers uniform in [0, n). */
export function randInts(rng: Rng, count: number, n: number): number[] {
  return Array.from({ length: count }, () => rng.int(n));
}

/**
 * Values in [lo, hi) at least `margin` away from every point of `kinks`, for gradient checks of
 * ops whose derivative jumps there (abs and relu at 0, clamp at its bounds).
 */
export function randAwayFrom(
  rng: Rng,
  shape: readonly number[],
  kinks: readonly number[],
  margin = 0.05,
  lo = -2,
  hi = 2,
): Nd {
  const x = nd(shape);
  for (let i = 0; i < x.data.length; i++) {
    let v = lo + (hi - lo) * rng.uniform();
    while (kinks.some((k) => Math.abs(v - k) < margin)) v = lo + (hi - lo) * rng.uniform();
    x.data[i] = v;
  }
  return x;
}

/**
 * Values with no ties: a random permutation of 0..n-1 scaled by `gap`, jittered by less than a
 * tenth of `gap`, so any two elements differ by at least 0.9·gap (far more than a finite
 * difference step) and max/min/top-k choices are unambiguous.
 */
export function randDistinct(rng: Rng, shape: readonly number[], gap = 0.1): Nd {
  const x = nd(shape);
  const perm = rng.permutation(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    x.data[i] = (perm[i]! - x.data.length / 2) * gap + 0.05 * gap * rng.uniform();
  }
  return x;
}

/** The same values rounded to float32, so f32 and f64 runs see identical inputs. */
export function roundF32(x: Nd): Nd {
  return { data: x.data.map(Math.fround), shape: x.shape.slice() };
}

/** Applies `f` to every element. */
export function mapNd(x: Nd, f: (v: number, i: number) => number): Nd {
  return { data: x.data.map(f), shape: x.shape.slice() };
}

/** NumPy broadcast shape of two shapes (the test's own, independent implementation). */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[i - (rank - a.length)] ?? 1;
    const db = b[i - (rank - b.length)] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`cannot broadcast [${a}] with [${b}]`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Reads x at the output multi-index `idx` of a broadcast result (size-1 dims pinned to 0). */
export function broadcastGet(x: Nd, idx: readonly number[]): number {
  const lead = idx.length - x.shape.length;
  let p = 0;
  for (let i = 0; i < x.shape.length; i++) {
    const d = x.shape[i]!;
    p = p * d + (d === 1 ? 0 : idx[lead + i]!);
  }
  return x.data[p]!;
}

/** Materialises x broadcast to `shape`. */
export function broadcastTo(x: Nd, shape: readonly number[]): Nd {
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) out.data[i] = broadcastGet(x, unravel(i, shape));
  return out;
}

/** Element-wise f(a, b) with broadcasting. */
export function zipNd(a: Nd, b: Nd, f: (x: number, y: number) => number): Nd {
  const shape = broadcastShape(a.shape, b.shape);
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, shape);
    out.data[i] = f(broadcastGet(a, idx), broadcastGet(b, idx));
  }
  return out;
}

/** out.shape[i] = x.shape[axes[i]], data moved accordingly. */
export function permuteNd(x: Nd, axes: readonly number[]): Nd {
  const shape = axes.map((a) => x.shape[a]!);
  const out = nd(shape);
  const src = new Array<number>(x.shape.length);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, shape);
    axes.forEach((a, k) => {
      src[a] = idx[k]!;
    });
    out.data[i] = x.data[ravel(src, x.shape)]!;
  }
  return out;
}

/** Swaps the last two axes. */
export function transposeNd(x: Nd): Nd {
  const r = x.shape.length;
  const axes = [...Array(r).keys()];
  axes[r - 1] = r - 2;
  axes[r - 2] = r - 1;
  return permuteNd(x, axes);
}

/** Elements [start, end) along `axis` (non-negative bounds). */
export function sliceNd(x: Nd, axis: number, start: number, end: number): Nd {
  const shape = x.shape.slice();
  shape[axis] = end - start;
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, shape);
    idx[axis] = idx[axis]! + start;
    out.data[i] = x.data[ravel(idx, x.shape)]!;
  }
  return out;
}

/** Joins along an existing axis. */
export function concatNd(parts: readonly Nd[], axis: number): Nd {
  const shape = parts[0]!.shape.slice();
  shape[axis] = parts.reduce((p, t) => p + t.shape[axis]!, 0);
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, shape);
    let k = 0;
    let pos = idx[axis]!;
    while (pos >= parts[k]!.shape[axis]!) pos -= parts[k++]!.shape[axis]!;
    idx[axis] = pos;
    out.data[i] = parts[k]!.data[ravel(idx, parts[k]!.shape)]!;
  }
  return out;
}

/**
 * Reduces `axes` with `f` over the gathered values of each output element. With keepdim the
 * reduced axes stay as size 1.
 */
export function reduceNd(
  x: Nd,
  axes: readonly number[],
  f: (values: number[]) => number,
  keepdim = false,
): Nd {
  const r = x.shape.length;
  const norm = axes.map((a) => (a < 0 ? a + r : a));
  const keptShape = x.shape.map((d, i) => (norm.includes(i) ? 1 : d));
  const groups: number[][] = Array.from({ length: sizeOf(keptShape) }, () => []);
  for (let i = 0; i < x.data.length; i++) {
    const idx = unravel(i, x.shape).map((v, a) => (norm.includes(a) ? 0 : v));
    groups[ravel(idx, keptShape)]!.push(x.data[i]!);
  }
  const shape = keepdim ? keptShape : x.shape.filter((_, i) => !norm.includes(i));
  return nd(shape, groups.map(f));
}

/** Replaces every 1-D fibre along `axis` by `f(fibre)` (same length unless `outLen` is given). */
export function alongAxis(x: Nd, axis: number, f: (row: number[]) => number[], outLen?: number) {
  const r = x.shape.length;
  const a = axis < 0 ? axis + r : axis;
  const n = x.shape[a]!;
  const shape = x.shape.slice();
  shape[a] = outLen ?? n;
  const out = nd(shape);
  const outerShape = x.shape.map((d, i) => (i === a ? 1 : d));
  for (let o = 0; o < sizeOf(outerShape); o++) {
    const idx = unravel(o, outerShape);
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      idx[a] = j;
      row.push(x.data[ravel(idx, x.shape)]!);
    }
    const res = f(row);
    for (let j = 0; j < shape[a]!; j++) {
      idx[a] = j;
      out.data[ravel(idx, shape)] = res[j]!;
    }
  }
  return out;
}

/** Plain left-to-right float64 sum. */
export const sumOf = (v: readonly number[]): number => v.reduce((p, q) => p + q, 0);
/** Largest value (NaN if any is NaN). */
export const maxOf = (v: readonly number[]): number => Math.max(...v);
/** Smallest value (NaN if any is NaN). */
export const minOf = (v: readonly number[]): number => Math.min(...v);

/** log Σ exp, shifted by the max; -inf for an all -inf row. */
export function logsumexpOf(row: readonly number[]): number {
  const m = Math.max(...row);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log(sumOf(row.map((v) => Math.exp(v - m))));
}

/** exp(v − lse) per entry; an all −inf row gives zeros. */
export function softmaxOf(row: readonly number[]): number[] {
  const lse = logsumexpOf(row);
  if (lse === Number.NEGATIVE_INFINITY) return row.map(() => 0);
  return row.map((v) => Math.exp(v - lse));
}

/** v − lse per entry. */
export function logSoftmaxOf(row: readonly number[]): number[] {
  const lse = logsumexpOf(row);
  return row.map((v) => v - lse);
}

/** 1 / (1 + e^−x), the textbook form (fine in float64 for the tested ranges). */
export const sigmoidOf = (x: number): number => 1 / (1 + Math.exp(-x));
/** The textbook stable form of log(1 + e^x). */
export const softplusOf = (x: number): number =>
  Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** Indices of the k largest of `row`, largest first, ties to the lower index. */
export function topkOf(row: readonly number[], k: number): number[] {
  const order = row.map((_, i) => i);
  order.sort((p, q) => (row[q]! !== row[p]! ? row[q]! - row[p]! : p - q));
  return order.slice(0, k);
}

/**
 * NumPy matmul: 1-D a is a row vector and 1-D b a column vector (the added dim is dropped
 * from the result), batch dims broadcast. Sums in float64 in plain k order.
 */
export function matmulNd(a: Nd, b: Nd): Nd {
  const a2 = a.shape.length === 1 ? nd([1, a.shape[0]!], a.data) : a;
  const b2 = b.shape.length === 1 ? nd([b.shape[0]!, 1], b.data) : b;
  const [m, k] = a2.shape.slice(-2) as [number, number];
  const [k2, n] = b2.shape.slice(-2) as [number, number];
  if (k !== k2) throw new Error(`matmulNd: inner dims ${k} and ${k2}`);
  const batch = broadcastShape(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const shape = [...batch, m, n];
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const idx = unravel(i, shape);
    const bi = idx.slice(0, -2);
    const [r, c] = idx.slice(-2) as [number, number];
    let s = 0;
    for (let p = 0; p < k; p++) {
      s += broadcastGet(a2, [...bi, r, p]) * broadcastGet(b2, [...bi, p, c]);
    }
    out.data[i] = s;
  }
  let finalShape = shape;
  if (a.shape.length === 1) finalShape = finalShape.filter((_, i) => i !== finalShape.length - 2);
  if (b.shape.length === 1) finalShape = finalShape.slice(0, -1);
  return { data: out.data, shape: finalShape };
}

/** Allowed error: |actual − expected| ≤ atol + rtol·|expected|. */
export interface Tolerance {
  atol?: number;
  rtol?: number;
}

/** Tolerance for float32 results computed from float32 inputs. */
export const F32_TOL: Tolerance = { atol: 1e-6, rtol: 1e-6 };
/** Tolerance for float64 results. */
export const F64_TOL: Tolerance = { atol: 1e-12, rtol: 1e-12 };

/**
 * Element-wise |actual − expected| ≤ atol + rtol·|expected|. NaN matches NaN and infinities
 * must match exactly. On failure the message names the worst element and both values.
 */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
  label: string,
): void {
  const { atol = 0, rtol = 0 } = tol;
  assert.equal(
    actual.length,
    expected.length,
    `${label}: length ${actual.length} vs ${expected.length}`,
  );
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    let excess: number;
    if (Number.isNaN(e) || Number.isNaN(a)) excess = Number.isNaN(e) && Number.isNaN(a) ? 0 : 1e300;
    else if (!Number.isFinite(e) || !Number.isFinite(a)) excess = a === e ? 0 : 1e300;
    else excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (worst >= 0) {
    const a = actual[worst]!;
    const e = expected[worst]!;
    assert.fail(
      `${label}: element ${worst} is ${a}, expected ${e} (|diff| ${Math.abs(a - e)}, ` +
        `atol ${atol}, rtol ${rtol})`,
    );
  }
}

/** Asserts equal shapes, then close data. */
export function assertNdClose(
  actual: { shape: readonly number[]; data: ArrayLike<number> },
  expected: Nd,
  tol: Tolerance,
  label: string,
): void {
  assert.deepEqual([...actual.shape], expected.shape, `${label}: shape`);
  assertClose(actual.data, expected.data, tol, label);
}
