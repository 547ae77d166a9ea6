import { minifloatEncoderRne, minifloatValue } from "./minifloat.ts";

// IEEE 754 binary16: sign | 5 exponent bits (bias 15) | 10 mantissa bits; max finite 65504,
// exponent field 31 is Inf (mantissa 0) or NaN.

const MANT_BITS = 10;
const BIAS = 15;
const INF_CODE = 0x7c00;
const encodeMagnitude = minifloatEncoderRne(MANT_BITS, BIAS);

let table: Float32Array | undefined;

// Decoding through a 64K-entry table (256 KiB, built on first use) is much faster than
// recomputing exponent arithmetic per element for multi-million-element tensors.
function f16Table(): Float32Array {
  if (table === undefined) {
    const t = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) t[h] = f16BitsToNumber(h);
    table = t;
  }
  return table;
}

/** Value of one binary16 bit pattern (low 16 bits of `h`). */
export function f16BitsToNumber(h: number): number {
  const mag = h & 0x7fff;
  let v: number;
  if (mag >= INF_CODE) v = mag === INF_CODE ? Number.POSITIVE_INFINITY : Number.NaN;
  else v = minifloatValue(mag, MANT_BITS, BIAS);
  return h & 0x8000 ? -v : v;
}

/**
 * binary16 bit pattern nearest to `x` (round-to-nearest-even; magnitudes >= 65520 become Inf,
 * NaN becomes the quiet NaN 0x7E00 with the sign of x kept where JS exposes it).
 */
export function numberToF16Bits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Number.POSITIVE_INFINITY) return sign | INF_CODE;
  const code = encodeMagnitude(a);
  return sign | (code >= INF_CODE ? INF_CODE : code);
}

/** Decodes binary16 bit patterns [n] to float32 [n] (exact: every binary16 is a float32). */
export function f16ToFloat32(bits: Uint16Array): Float32Array {
  const t = f16Table();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = t[bits[i] ?? 0] ?? 0;
  return out;
}

/** Encodes float32 values [n] to binary16 bit patterns [n] with round-to-nearest-even. */
export function float32ToF16(x: Float32Array): Uint16Array {
  const out = new Uint16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = numberToF16Bits(x[i] ?? 0);
  return out;
}
