// bfloat16 is the upper half of a float32 (same 8-bit exponent, 7 mantissa bits), so decoding is
// a 16-bit shift and encoding is float32 rounding at bit 16.

/** Decodes bfloat16 bit patterns [n] to float32 [n] (exact). */
export function bf16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) u[i] = (bits[i] ?? 0) << 16;
  return out;
}

/**
 * bfloat16 bit pattern of a float32 bit pattern `u` with round-to-nearest-even; overflow rounds
 * to Inf exactly as the float32 carry dictates, and NaN stays a (quiet) NaN with its sign.
 */
export function float32BitsToBf16Bits(u: number): number {
  u >>>= 0;
  if ((u & 0x7f800000) === 0x7f800000 && (u & 0x7fffff) !== 0) return (u >>> 16) | 0x40;
  // Adding 0x7FFF plus the lowest kept bit carries into bit 16 exactly when the dropped half is
  // above the midpoint, or on the midpoint with an odd kept half.
  return ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16) & 0xffff;
}

/** Encodes float32 values [n] to bfloat16 bit patterns [n] with round-to-nearest-even. */
export function float32ToBf16(x: Float32Array): Uint16Array {
  const u = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const out = new Uint16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = float32BitsToBf16Bits(u[i] ?? 0);
  return out;
}

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** Rounds `x` to float32 and then to the nearest bfloat16 value (RNE), returned as a number. */
export function roundToBf16(x: number): number {
  scratchF32[0] = x;
  scratchU32[0] = float32BitsToBf16Bits(scratchU32[0] ?? 0) << 16;
  return scratchF32[0] ?? 0;
}
