/**
 * Bridges between reference arrays and engine tensors for the tests: construction in a given
 * dtype, read-back, non-contiguous layouts holding given logical values, and memory counters.
 */
import { type DType, defaultDevice, type Tensor, tensor } from "../../src/tensor/index.ts";
import {
  F32_TOL,
  F64_TOL,
  type Nd,
  nd,
  roundF32,
  type Tolerance,
  transposeNd,
} from "./reference.ts";

export type FloatDType = "f32" | "f64";
export const FLOAT_DTYPES: readonly FloatDType[] = ["f32", "f64"];

/** A new contiguous tensor holding x's values in `dtype`. */
export function toTensor(x: Nd, dtype: DType = "f64"): Tensor {
  return tensor(x.data, x.shape, { dtype });
}

/** An i32 tensor (index, ids, mask). */
export function i32(values: readonly number[], shape: readonly number[] = [values.length]): Tensor {
  return tensor(Int32Array.from(values), shape);
}

/** The tensor's logical contents as a float64 reference array. */
export function toNd(t: Tensor): Nd {
  return nd(t.shape, t.toArray());
}

/** x as the values a tensor of `dtype` would hold (rounded to float32 for f32). */
export function asDType(x: Nd, dtype: FloatDType): Nd {
  return dtype === "f32" ? roundF32(x) : x;
}

/** The tolerance a float result of `dtype` is held to. */
export function tolFor(dtype: FloatDType): Tolerance {
  return dtype === "f32" ? F32_TOL : F64_TOL;
}

/**
 * Memory layouts a test input can take. Every one holds the same logical values; only the
 * strides and offset into the shared buffer differ.
 */
export type Layout = "contiguous" | "sliced" | "strided" | "offset" | "transposed";
export const LAYOUTS: readonly Layout[] = [
  "contiguous",
  "sliced",
  "strided",
  "offset",
  "transposed",
];

/**
 * A tensor with x's logical values in the given layout. "sliced" is contiguous at a non-zero
 * offset into a larger buffer. "strided" and "offset" interleave the
 * values with NaN sentinels in a buffer twice as large (every stride doubles; "offset" also
 * starts one element in), so a kernel that ignores strides or offsets reads NaN. "transposed"
 * stores the transpose and views it back (rank ≥ 2; lower ranks fall back to "offset").
 */
export function withLayout(x: Nd, dtype: DType, layout: Layout): Tensor {
  if (layout === "contiguous") return toTensor(x, dtype);
  if (layout === "sliced") {
    // Contiguous, but starting one element into a buffer padded with sentinels on both sides.
    const n = x.data.length;
    const padded = nd([n + 2]);
    padded.data.fill(dtype === "i32" ? -999 : Number.NaN);
    padded.data.set(x.data, 1);
    const base = toTensor(padded, dtype);
    const inner = base.slice(0, 1, n + 1);
    const view = inner.reshape(x.shape);
    base.dispose();
    inner.dispose();
    return view;
  }
  if (layout === "transposed" && x.shape.length >= 2) {
    const base = toTensor(transposeNd(x), dtype);
    const view = base.transpose(-2, -1);
    base.dispose();
    return view;
  }
  const slot = layout === "strided" ? 0 : 1;
  const wide = nd([...x.shape, 2]);
  wide.data.fill(dtype === "i32" ? -999 : Number.NaN);
  for (let i = 0; i < x.data.length; i++) wide.data[2 * i + slot] = x.data[i]!;
  const base = toTensor(wide, dtype);
  const sliced = base.slice(-1, slot, slot + 1);
  const view = sliced.squeeze(-1);
  base.dispose();
  sliced.dispose();
  return view;
}

/** Buffers currently allocated on the default device. */
export function liveBuffers(): number {
  return defaultDevice().memory().liveBuffers;
}

/** Disposes every tensor given (arrays of tensors too). */
export function disposeAll(...ts: readonly (Tensor | readonly Tensor[] | null | undefined)[]) {
  for (const t of ts) {
    if (!t) continue;
    if (Array.isArray(t)) for (const u of t) u.dispose();
    else (t as Tensor).dispose();
  }
}
