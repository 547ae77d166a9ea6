/** Helpers shared by the op modules: output allocation, scalar promotion, broadcast views. */
import type { DType, View } from "../../backend/index.ts";
import { checkDType, DeviceError } from "../errors.ts";
import { broadcastStrides, type Shape, shapeSize } from "../shape.ts";
import { emptyTensor, Tensor } from "../tensor.ts";

/** A fresh contiguous output on `like`'s device. */
export function output(like: Tensor, dtype: DType, shape: Shape): Tensor {
  return emptyTensor(dtype, shape, like.device);
}

/** A one-element tensor holding `value` as `dtype`, on `like`'s device. */
export function scalarLike(like: Tensor, value: number, dtype: DType = like.dtype): Tensor {
  const t = output(like, dtype, []);
  t.device.run("fill", { out: t.storage.buffer, value });
  return t;
}

/** Promotes a number to a scalar tensor and checks devices and dtypes agree. */
export function operand(op: string, x: Tensor | number, like: Tensor, arg: string): Tensor {
  if (typeof x === "number") {
    checkDType(
      like.dtype !== "i32" || Number.isInteger(x),
      () =>
        `${op}: the number ${x} is not an integer and cannot be combined with an i32 tensor; ` +
        "cast the tensor to f32 first",
    );
    return scalarLike(like, x);
  }
  x.assertAlive(op);
  if (x.device !== like.device) {
    throw new DeviceError(
      `${op}: ${arg} is on device "${x.device.name}" but the other operand is on "${like.device.name}"`,
    );
  }
  checkDType(
    x.dtype === like.dtype,
    () => `${op}: dtypes differ (${like.dtype} and ${x.dtype}); cast one operand first`,
  );
  return x;
}

/**
 * x's elements in row-major order at the start of a buffer, for kernels that take bare buffers
 * (row and index kernels have no offset or strides): x itself as a view when it already is,
 * else a packed copy. A contiguous slice is not enough, since it starts at its offset.
 */
export function packed(x: Tensor): Tensor {
  x.assertAlive("packed");
  if (x.isContiguous && x.offset === 0) return x.view();
  const out = output(x, x.dtype, x.shape);
  x.device.run("copy", { src: x.layout, dst: out.layout });
  return out;
}

/** The view of `t` broadcast to `shape` (zero strides on expanded dims). */
export function broadcastView(t: Tensor, shape: Shape): View {
  return {
    buffer: t.storage.buffer,
    shape,
    strides: broadcastStrides(t.shape, t.strides, shape),
    offset: t.offset,
  };
}

export function requireFloat(op: string, t: Tensor): void {
  checkDType(
    t.dtype === "f32" || t.dtype === "f64",
    () => `${op}: expected a floating-point tensor (f32 or f64), got ${t.dtype}`,
  );
}

/** Disposes operands created from numbers once nothing refers to them any more. */
export function disposeTemps(
  out: Tensor,
  temps: readonly (Tensor | number)[],
  made: Tensor[],
): void {
  if (out.node) return;
  for (const t of made) if (!temps.includes(t)) t.dispose();
}

export function numel(shape: Shape): number {
  return shapeSize(shape);
}

export { Tensor };

/** Runs a kernel that may reject its input; on failure, releases what the op allocated. */
export function runOrRelease(temps: readonly Tensor[], run: () => void): void {
  try {
    run();
  } catch (err) {
    for (const t of temps) t.dispose();
    throw err;
  }
}
