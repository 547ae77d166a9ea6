// Element types of the safetensors format and their sizes in bytes.

/** Every dtype name this reader and writer understands. */
export const DTYPES = [
  "BOOL",
  "U8",
  "I8",
  "I16",
  "U16",
  "I32",
  "U32",
  "I64",
  "U64",
  "F16",
  "BF16",
  "F32",
  "F64",
  "F8_E4M3",
  "F8_E5M2",
  "F8_E8M0",
] as const;

/** A safetensors dtype name. */
export type Dtype = (typeof DTYPES)[number];

const SIZES: Readonly<Record<Dtype, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  I16: 2,
  U16: 2,
  I32: 4,
  U32: 4,
  I64: 8,
  U64: 8,
  F16: 2,
  BF16: 2,
  F32: 4,
  F64: 8,
  F8_E4M3: 1,
  F8_E5M2: 1,
  F8_E8M0: 1,
};

/** True when `s` is a known dtype name (case-sensitive, as in the format). */
export function isDtype(s: unknown): s is Dtype {
  return typeof s === "string" && Object.hasOwn(SIZES, s);
}

/** Size in bytes of one element of `dtype`. */
export function dtypeSize(dtype: Dtype): number {
  return SIZES[dtype];
}

/** True for dtypes holding integers (BOOL counts as 0/1). */
export function isIntegerDtype(dtype: Dtype): boolean {
  return !dtype.startsWith("F") && dtype !== "BF16";
}
