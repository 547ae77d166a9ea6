import { floorLog2, roundHalfEven } from "./float-bits.ts";

// A binary float format with `mantBits` stored mantissa bits and exponent bias `bias` (IEEE-style
// layout: exponent field 0 holds subnormals m * 2^(1 - bias - mantBits)). The unsigned code of a
// magnitude is (exponentField << mantBits) | mantissa, so codes are ordered like values and a
// mantissa carry (e.g. 1.111b rounding up) lands on the next exponent automatically.

/** Maps a non-negative finite magnitude to its unsigned round-to-nearest-even code. */
export type MinifloatEncoder = (a: number) => number;

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/**
 * Builds the round-to-nearest-even encoder of non-negative finite magnitudes for a format with
 * `mantBits` (<= 22) mantissa bits and exponent `bias` (with 1 - bias >= -126, so its normal
 * range sits inside float32's). No overflow handling: a result can exceed
 * the format's largest finite code, and the caller decides whether to saturate or produce Inf.
 */
export function minifloatEncoderRne(mantBits: number, bias: number): MinifloatEncoder {
  const minNormalExp = 1 - bias;
  const minNormal = 2 ** minNormalExp;
  const subnormalScale = 2 ** (mantBits - minNormalExp);
  const shift = 23 - mantBits;
  const half = (1 << (shift - 1)) - 1;
  const rebias = (127 - bias) << mantBits;
  return (a: number): number => {
    // Subnormal codes are multiples of 2^(minNormalExp - mantBits); scaling by a power of two is
    // exact and a result of 2^mantBits is exactly the smallest normal code.
    if (a < minNormal) return roundHalfEven(a * subnormalScale);
    scratchF32[0] = a;
    if (scratchF32[0] === a) {
      // float32 input: round the 23-bit mantissa at bit `shift` on the raw bits. Adding
      // half - 1 plus the lowest kept bit carries exactly when the dropped part exceeds the
      // midpoint, or equals it with an odd kept part; a carry out of the mantissa increments
      // the exponent field. Rebiasing the exponent field then gives the code.
      const u = scratchU32[0] ?? 0;
      return ((u + half + ((u >>> shift) & 1)) >>> shift) - rebias;
    }
    // Other doubles: a / 2^(e - mantBits) lies in [2^mantBits, 2^(mantBits + 1)).
    const e = floorLog2(a);
    const m = roundHalfEven(a * 2 ** (mantBits - e));
    return ((e + bias) << mantBits) + (m - (1 << mantBits));
  };
}

/**
 * Value of a finite unsigned code (sign bit excluded) in a format with `mantBits` mantissa bits
 * and exponent `bias`; the caller handles Inf/NaN encodings.
 */
export function minifloatValue(code: number, mantBits: number, bias: number): number {
  const field = code >>> mantBits;
  const mant = code & ((1 << mantBits) - 1);
  if (field === 0) return mant * 2 ** (1 - bias - mantBits);
  return (1 + mant / (1 << mantBits)) * 2 ** (field - bias);
}
