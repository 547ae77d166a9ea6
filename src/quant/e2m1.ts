// FP4 E2M1 (OCP MX element type): sign | 2 exponent bits (bias 1) | 1 mantissa bit, no Inf/NaN.
// Codes 0..7 are the magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6 in increasing order; bit 3 is the sign.

/** Decoded value of each of the 16 E2M1 codes (code 8 is -0). */
export const E2M1_VALUES: Float32Array = new Float32Array([
  0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6,
]);

/** Largest finite E2M1 magnitude. */
export const E2M1_MAX = 6;

/** Value of an E2M1 code; only the low 4 bits of `code` are used. */
export function decodeE2M1(code: number): number {
  return E2M1_VALUES[code & 0xf] ?? 0;
}

/**
 * E2M1 code of `v` with round-to-nearest-even on the E2M1 grid and saturation to +-6 (the
 * hardware `cvt.rn.satfinite` behaviour). The sign is kept, so -0 and small negatives that round
 * to zero give code 0x8. +-Infinity saturates to +-6; NaN has no E2M1 encoding and throws.
 */
export function encodeE2M1(v: number): number {
  if (Number.isNaN(v)) throw new RangeError("encodeE2M1: NaN has no E2M1 encoding");
  const sign = v < 0 || Object.is(v, -0) ? 8 : 0;
  return sign | e2m1MagnitudeCode(Math.abs(v));
}

/**
 * Unsigned code (0..7) of a non-NaN magnitude `a` >= 0. The midpoints between neighbouring grid
 * values are 0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5; a value exactly on a midpoint goes to the even
 * code, which is the lower neighbour when it is even (`<=`) and the upper one otherwise (`<`).
 */
export function e2m1MagnitudeCode(a: number): number {
  if (a <= 0.25) return 0;
  if (a < 0.75) return 1;
  if (a <= 1.25) return 2;
  if (a < 1.75) return 3;
  if (a <= 2.5) return 4;
  if (a < 3.5) return 5;
  if (a <= 5) return 6;
  return 7;
}
