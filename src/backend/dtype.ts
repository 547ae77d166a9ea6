/**
 * Element types of tensors. f32 is the compute type; f64 exists for gradient checks and
 * reference computations; i32 holds indices, token ids and masks.
 */
export type DType = "f32" | "f64" | "i32";

export type TypedArray = Float32Array | Float64Array | Int32Array;

export const DTYPES: readonly DType[] = ["f32", "f64", "i32"];

/** Bytes per element of a dtype. */
export function dtypeSize(dtype: DType): number {
  return dtype === "f64" ? 8 : 4;
}

/** A zeroed host array of `length` elements of `dtype`. */
export function allocArray(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case "f32":
      return new Float32Array(length);
    case "f64":
      return new Float64Array(length);
    case "i32":
      return new Int32Array(length);
  }
}

/** The dtype a host array stores. */
export function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return "f32";
  if (data instanceof Float64Array) return "f64";
  return "i32";
}

export function isFloat(dtype: DType): boolean {
  return dtype === "f32" || dtype === "f64";
}

export function isDType(value: unknown): value is DType {
  return value === "f32" || value === "f64" || value === "i32";
}
