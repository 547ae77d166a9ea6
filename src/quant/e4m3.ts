import { minifloatEncoderRne, minifloatValue } from "./minifloat.ts";

// FP8 E4M3FN: sign | 4 exponent bits (bias 7) | 3 mantissa bits. No infinities; S.1111.111
// (0x7F / 0xFF) is NaN, so the largest finite magnitude is 1.75 * 2^8 = 448 (0x7E). Subnormals
// are m * 2^-9.

/** Largest finite E4M3FN magnitude. */
export const E4M3_MAX = 448;
/** Canonical E4M3FN NaN byte produced by the encoder. */
export const E4M3_NAN = 0x7f;

const MANT_BITS = 3;
const BIAS = 7;
const MAX_CODE = 0x7e;
const encodeMagnitude = minifloatEncoderRne(MANT_BITS, BIAS);

/** Decoded value of every E4M3FN byte. */
export const E4M3_VALUES: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let b = 0; b < 256; b++) {
    const mag = b & 0x7f;
    const v = mag === 0x7f ? Number.NaN : minifloatValue(mag, MANT_BITS, BIAS);
    t[b] = b & 0x80 ? -v : v;
  }
  return t;
})();

/** Value of an E4M3FN byte (0x7F and 0xFF are NaN; 0x80 is -0). */
export function decodeE4M3(b: number): number {
  return E4M3_VALUES[b & 0xff] ?? 0;
}

/**
 * E4M3FN byte of `x` with round-to-nearest-even, after clamping to [-448, 448] (so values in
 * (448, 480] and +-Infinity saturate instead of becoming NaN as PyTorch's eager cast would).
 * The sign is kept (-0 gives 0x80); NaN gives 0x7F.
 */
export function encodeE4M3(x: number): number {
  if (Number.isNaN(x)) return E4M3_NAN;
  const sign = x < 0 || Object.is(x, -0) ? 0x80 : 0;
  const a = Math.abs(x);
  const code = a >= E4M3_MAX ? MAX_CODE : encodeMagnitude(a);
  return sign | (code > MAX_CODE ? MAX_CODE : code);
}

/** Rounds `x` to the nearest E4M3FN value (saturating, as encodeE4M3) and returns that value. */
export function roundToE4M3(x: number): number {
  return decodeE4M3(encodeE4M3(x));
}
