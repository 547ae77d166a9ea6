// Exact bit-level helpers shared by the number-format codecs. Every function here is exact for
// all finite doubles (no reliance on Math.log2 being correctly rounded).

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** True when typed arrays use little-endian byte order on this platform. */
export const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Index of the 32-bit word holding the sign and exponent of a float64.
const HI = IS_LITTLE_ENDIAN ? 1 : 0;

/**
 * floor(log2(x)) for a positive finite x, exact (read from the float64 exponent field).
 * Throws a RangeError for x <= 0, NaN or Infinity.
 */
export function floorLog2(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) {
    throw new RangeError(`floorLog2: expected a positive finite number, got ${x}`);
  }
  f64[0] = x;
  const biased = ((u32[HI] ?? 0) >>> 20) & 0x7ff;
  if (biased === 0) {
    // float64 subnormal: scale into the normal range first (2^64 is exact).
    return floorLog2(x * 2 ** 64) - 64;
  }
  return biased - 1023;
}

/**
 * ceil(log2(x)) for a positive finite x, exact: equals floorLog2(x) for powers of two and
 * floorLog2(x) + 1 otherwise.
 */
export function ceilLog2(x: number): number {
  const e = floorLog2(x);
  return x === 2 ** e ? e : e + 1;
}

/** Rounds a finite number to the nearest integer, ties to the even integer. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Throws on a big-endian platform, naming the caller (raw tensor bytes are little-endian). */
export function assertLittleEndian(where: string): void {
  if (!IS_LITTLE_ENDIAN) {
    throw new Error(`${where}: requires a little-endian platform (tensor bytes are little-endian)`);
  }
}
