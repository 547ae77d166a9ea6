/**
 * Error classes of the tensor engine. Messages name the op, the argument and the values
 * involved, e.g. `matmul: a.shape[-1] (768) must equal b.shape[-2] (512)`.
 */
export class ShapeError extends Error {
  override name = "ShapeError";
}

export class DTypeError extends Error {
  override name = "DTypeError";
}

export { DeviceError, UnsupportedError } from "../backend/errors.ts";

/** Throws a ShapeError built lazily, so the message costs nothing on the happy path. */
export function checkShape(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new ShapeError(message());
}

export function checkDType(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new DTypeError(message());
}

export function checkArg(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new RangeError(message());
}
