import { bf16ToFloat32 } from "../quant/bf16.ts";
import { E4M3_VALUES } from "../quant/e4m3.ts";
import { E5M2_VALUES } from "../quant/e5m2.ts";
import { decodeE8M0 } from "../quant/e8m0.ts";
import { f16ToFloat32 } from "../quant/f16.ts";
import { assertLittleEndian } from "../quant/float-bits.ts";
import { type Dtype, dtypeSize, isDtype } from "./dtypes.ts";

// Converts raw little-endian tensor bytes into float32 or int32 arrays.

type View =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

function label(fn: string, name: string | undefined): string {
  return name === undefined ? fn : `${fn}: tensor "${name}"`;
}

// A typed-array view of `bytes` for `dtype`, copying only when the byte offset is misaligned.
function viewAs(fn: string, dtype: Dtype, bytes: Uint8Array, name: string | undefined): View {
  if (!isDtype(dtype)) throw new RangeError(`${label(fn, name)}: unknown dtype "${dtype}"`);
  const size = dtypeSize(dtype);
  if (bytes.byteLength % size !== 0) {
    throw new RangeError(
      `${label(fn, name)}: ${bytes.byteLength} bytes is not a whole number of ${dtype} ` +
        `elements (${size} bytes each)`,
    );
  }
  assertLittleEndian(fn);
  const b = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  const n = b.byteLength / size;
  switch (dtype) {
    case "BOOL":
    case "U8":
    case "F8_E4M3":
    case "F8_E5M2":
    case "F8_E8M0":
      return b;
    case "I8":
      return new Int8Array(b.buffer, b.byteOffset, n);
    case "I16":
      return new Int16Array(b.buffer, b.byteOffset, n);
    case "U16":
    case "F16":
    case "BF16":
      return new Uint16Array(b.buffer, b.byteOffset, n);
    case "I32":
      return new Int32Array(b.buffer, b.byteOffset, n);
    case "U32":
      return new Uint32Array(b.buffer, b.byteOffset, n);
    case "I64":
      return new BigInt64Array(b.buffer, b.byteOffset, n);
    case "U64":
      return new BigUint64Array(b.buffer, b.byteOffset, n);
    case "F32":
      return new Float32Array(b.buffer, b.byteOffset, n);
    case "F64":
      return new Float64Array(b.buffer, b.byteOffset, n);
  }
}

// Converts 64-bit integers to numbers, refusing values outside [lo, hi].
function bigToNumbers(
  fn: string,
  name: string | undefined,
  dtype: Dtype,
  v: BigInt64Array | BigUint64Array,
  out: Float32Array | Int32Array,
  lo: bigint,
  hi: bigint,
  range: string,
): void {
  for (let i = 0; i < v.length; i++) {
    const x = v[i] ?? 0n;
    if (x < lo || x > hi) {
      throw new RangeError(
        `${label(fn, name)}: ${dtype} value ${x} at index ${i} is outside ${range}`,
      );
    }
    out[i] = Number(x);
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/**
 * Decodes raw little-endian bytes of any dtype into a new Float32Array. Floats are converted
 * exactly where float32 can hold them (F64 is rounded to nearest; FP8/F16/BF16/E8M0 are exact;
 * E8M0 byte 0 is 2^-127). Integers are converted to the nearest float32; I64/U64 values must be
 * within +-(2^53 - 1), otherwise a RangeError names the tensor (`name`) and index. BOOL gives 0/1.
 */
export function decodeToFloat32(dtype: Dtype, bytes: Uint8Array, name?: string): Float32Array {
  const fn = "decodeToFloat32";
  const v = viewAs(fn, dtype, bytes, name);
  switch (dtype) {
    case "F16":
      return f16ToFloat32(v as Uint16Array);
    case "BF16":
      return bf16ToFloat32(v as Uint16Array);
    case "F8_E4M3":
    case "F8_E5M2": {
      const table = dtype === "F8_E4M3" ? E4M3_VALUES : E5M2_VALUES;
      const out = new Float32Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = table[(v as Uint8Array)[i] ?? 0] ?? 0;
      return out;
    }
    case "F8_E8M0": {
      const out = new Float32Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = decodeE8M0((v as Uint8Array)[i] ?? 0);
      return out;
    }
    case "BOOL": {
      const out = new Float32Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = (v as Uint8Array)[i] ? 1 : 0;
      return out;
    }
    case "I64":
    case "U64": {
      const out = new Float32Array(v.length);
      const range = "+-(2^53 - 1)";
      const big = v as BigInt64Array | BigUint64Array;
      bigToNumbers(fn, name, dtype, big, out, -MAX_SAFE, MAX_SAFE, range);
      return out;
    }
    default:
      return Float32Array.from(v as Exclude<View, BigInt64Array | BigUint64Array>);
  }
}

/**
 * Decodes raw little-endian bytes of an integer dtype (BOOL, U8, I8, I16, U16, I32, U32, I64,
 * U64) into a new Int32Array. Values outside the int32 range (possible for U32, I64, U64) throw
 * a RangeError naming the tensor (`name`), the value and its index. Float dtypes are refused.
 */
export function decodeToInt32(dtype: Dtype, bytes: Uint8Array, name?: string): Int32Array {
  const fn = "decodeToInt32";
  if (dtype.startsWith("F") || dtype === "BF16") {
    throw new RangeError(
      `${label(fn, name)}: dtype ${dtype} is not an integer dtype; use decodeToFloat32`,
    );
  }
  const v = viewAs(fn, dtype, bytes, name);
  const out = new Int32Array(v.length);
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    bigToNumbers(fn, name, dtype, v, out, INT32_MIN, INT32_MAX, "the int32 range");
    return out;
  }
  if (dtype === "BOOL") {
    for (let i = 0; i < v.length; i++) out[i] = v[i] ? 1 : 0;
    return out;
  }
  if (v instanceof Uint32Array) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i] ?? 0;
      if (x > 0x7fffffff) {
        throw new RangeError(
          `${label(fn, name)}: U32 value ${x} at index ${i} is outside the int32 range`,
        );
      }
      out[i] = x;
    }
    return out;
  }
  out.set(v as Exclude<View, BigInt64Array | BigUint64Array | Float32Array | Float64Array>);
  return out;
}
