import { minifloatValue } from "./minifloat.ts";

// FP8 E5M2: sign | 5 exponent bits (bias 15) | 2 mantissa bits, IEEE-style: exponent field 31
// holds +-Inf (mantissa 0) and NaN (mantissa != 0); subnormals are m * 2^-16.

const MANT_BITS = 2;
const BIAS = 15;

/** Decoded value of every E5M2 byte. */
export const E5M2_VALUES: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let b = 0; b < 256; b++) {
    const mag = b & 0x7f;
    let v: number;
    if (mag >>> MANT_BITS === 0x1f) v = (mag & 3) === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
    else v = minifloatValue(mag, MANT_BITS, BIAS);
    t[b] = b & 0x80 ? -v : v;
  }
  return t;
})();

/** Value of an E5M2 byte (max finite 57344, 0x7C = +Inf, 0x7D..0x7F = NaN). */
export function decodeE5M2(b: number): number {
  return E5M2_VALUES[b & 0xff] ?? 0;
}
