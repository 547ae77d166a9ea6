import { float32ToBf16 } from "../quant/bf16.ts";
import { encodeE4M3 } from "../quant/e4m3.ts";
import { float32ToF16 } from "../quant/f16.ts";
import { assertLittleEndian } from "../quant/float-bits.ts";

/** Float dtypes that encodeFloat32To can produce. */
export type FloatEncodeDtype = "F32" | "F16" | "BF16" | "F64" | "F8_E4M3";

/**
 * Encodes float32 values [n] as raw little-endian bytes of `dtype`: F32 (copy), F64 (exact),
 * F16 and BF16 (round-to-nearest-even; overflow becomes Inf, NaN stays NaN) or F8_E4M3
 * (round-to-nearest-even, saturating at +-448, NaN -> 0x7F). Returns a new Uint8Array.
 */
export function encodeFloat32To(dtype: FloatEncodeDtype, x: Float32Array): Uint8Array {
  assertLittleEndian("encodeFloat32To");
  const bytes = (a: Float32Array | Float64Array | Uint16Array): Uint8Array =>
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  switch (dtype) {
    case "F32":
      return bytes(Float32Array.from(x));
    case "F64":
      return bytes(Float64Array.from(x));
    case "F16":
      return bytes(float32ToF16(x));
    case "BF16":
      return bytes(float32ToBf16(x));
    case "F8_E4M3": {
      const out = new Uint8Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = encodeE4M3(x[i] ?? 0);
      return out;
    }
    default:
      throw new RangeError(
        `encodeFloat32To: cannot encode to dtype "${String(dtype)}"; expected F32, F16, BF16, ` +
          "F64 or F8_E4M3",
      );
  }
}
