import { ceilLog2, floorLog2 } from "./float-bits.ts";

// E8M0 (UE8M0, float8_e8m0fnu): 8 exponent bits, bias 127, no sign, no mantissa, no zero.
// Byte b in 0..254 is 2^(b - 127); 0xFF is NaN. Byte 0 is 2^-127 (a float32 subnormal), not 0.

/** The E8M0 NaN byte. */
export const E8M0_NAN = 0xff;
/** E8M0 exponent bias. */
export const E8M0_BIAS = 127;

/** Value of an E8M0 byte: 2^(b - 127) for b in 0..254, NaN for 255. */
export function decodeE8M0(b: number): number {
  const byte = b & 0xff;
  return byte === E8M0_NAN ? Number.NaN : 2 ** (byte - E8M0_BIAS);
}

/**
 * E8M0 byte of an exact power of two 2^k with k in [-127, 127]. Anything else (not a power of
 * two, out of range, negative, zero, NaN) throws a RangeError: use encodeE8M0Ceil or
 * encodeE8M0Nearest to round arbitrary values.
 */
export function encodeE8M0PowerOfTwo(x: number): number {
  if (x > 0 && x !== Number.POSITIVE_INFINITY) {
    const k = floorLog2(x);
    if (x === 2 ** k && k >= -127 && k <= 127) return k + E8M0_BIAS;
  }
  throw new RangeError(
    `encodeE8M0PowerOfTwo: expected a power of two in [2^-127, 2^127], got ${x}`,
  );
}

/**
 * E8M0 byte of the smallest power of two >= |x| (round toward +Inf, like NVIDIA's cvt.rp),
 * saturated to [2^-127, 2^127]. The sign is ignored, 0 gives 0x00, NaN gives 0xFF and Infinity
 * saturates to 0xFE.
 */
export function encodeE8M0Ceil(x: number): number {
  if (Number.isNaN(x)) return E8M0_NAN;
  const a = Math.abs(x);
  if (a === 0) return 0;
  if (a === Number.POSITIVE_INFINITY) return 254;
  return clampExponentByte(ceilLog2(a) + E8M0_BIAS);
}

/**
 * E8M0 byte nearest to |x| in the linear domain (PyTorch's float32 -> float8_e8m0fnu cast):
 * a float32 m * 2^k with m in [1, 2) rounds up when m >= 1.5 (the tie 1.5 * 2^k goes up), and
 * float32 subnormals round against 2^-127 the same way. x is first rounded to float32. The sign
 * is ignored, 0 gives 0x00, NaN and +-Infinity give 0xFF, and large values saturate to 0xFE.
 */
export function encodeE8M0Nearest(x: number): number {
  const a = Math.abs(Math.fround(x));
  if (Number.isNaN(a) || a === Number.POSITIVE_INFINITY) return E8M0_NAN;
  if (a === 0) return 0;
  if (a < 2 ** -126) {
    // float32 subnormal: the implicit bit is 0, so the exact midpoint 2^-127 rounds down to the
    // even exponent 0 while anything above it rounds up to 2^-126.
    return a > 2 ** -127 ? 1 : 0;
  }
  const k = floorLog2(a);
  const up = a / 2 ** k >= 1.5 ? 1 : 0;
  return Math.min(k + up + E8M0_BIAS, 254);
}

function clampExponentByte(b: number): number {
  return b < 0 ? 0 : b > 254 ? 254 : b;
}
