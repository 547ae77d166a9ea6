/**
 * Recognising the dense layouts tile kernels accept among the strided views the engine passes,
 * and packing the others.
 */
import type { DeviceBuffer } from "../device.ts";
import type { View } from "../kernels.ts";
import type { Binding, TileRunner } from "./launch.ts";

/** How a [batch, rows, cols] view is laid out, if densely. */
export interface MatrixLayout {
  /** Stored as [batch, cols, rows] (a transposed matrix) rather than [batch, rows, cols]. */
  readonly transposed: boolean;
  /** Every batch entry is the same matrix (batch stride 0, e.g. a shared weight). */
  readonly shared: boolean;
}

/**
 * The layout of `v` viewed as [batch, rows, cols], or null when it is not a dense matrix (or
 * stack of matrices) in either orientation. Strides of dims of size 1 do not matter.
 */
export function matrixLayout(
  v: View,
  batch: number,
  rows: number,
  cols: number,
): MatrixLayout | null {
  const [sb, sr, sc] = v.strides as [number, number, number];
  const fits = (outer: number, inner: number, outerSize: number, innerSize: number) =>
    (innerSize <= 1 || inner === 1) && (outerSize <= 1 || outer === innerSize);
  const batchOk = (shared: boolean) => batch <= 1 || sb === (shared ? 0 : rows * cols);
  for (const transposed of [false, true]) {
    const dense = transposed ? fits(sc, sr, cols, rows) : fits(sr, sc, rows, cols);
    if (!dense) continue;
    if (batchOk(false)) return { transposed, shared: false };
    if (batchOk(true)) return { transposed, shared: true };
  }
  return null;
}

/** A dense row-major copy of `v` in a scratch buffer, made with the device's copy kernel. */
export function packView(v: View, runner: TileRunner): DeviceBuffer {
  const length = v.shape.reduce((p, d) => p * d, 1);
  const out = runner.temp(v.buffer.dtype, length);
  const strides: number[] = [];
  let s = 1;
  for (let d = v.shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= v.shape[d]!;
  }
  runner.run("copy", { src: v, dst: { buffer: out, shape: v.shape, strides, offset: 0 } });
  return out;
}

/** A binding of `v`'s buffer at its offset. */
export function bindView(v: View): Binding {
  return { buffer: v.buffer, offset: v.offset };
}

/** Whole buffers bound from their start, nulls (absent optional tensors) left out. */
export function whole(...bufs: (DeviceBuffer | null)[]): Binding[] {
  return bufs.filter((b): b is DeviceBuffer => b !== null).map((buffer) => ({ buffer, offset: 0 }));
}
