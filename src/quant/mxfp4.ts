import { E2M1_VALUES, e2m1MagnitudeCode } from "./e2m1.ts";
import { E8M0_BIAS, E8M0_NAN } from "./e8m0.ts";
import { ceilLog2, floorLog2 } from "./float-bits.ts";

// MXFP4: blocks of 32 consecutive elements along the last (reduction) axis share one E8M0 scale
// X = 2^k; element i is stored as the E2M1 code of V_i / X (RNE, saturating at +-6).

/** Elements per MXFP4 block. */
export const MXFP4_BLOCK = 32;

/**
 * How the block scale is chosen from the block's largest magnitude amax:
 * - "ceil" (DeepSeek): X = 2^ceil(log2(max(amax, 6 * 2^-126) / 6)); V / X <= 6, never clips.
 * - "floor" (OCP MX v1.0 reference): X = 2^(floor(log2 amax) - 2), exponent clamped to >= -127;
 *   the block maximum is clipped to 6X whenever amax / 2^floor(log2 amax) > 1.5.
 */
export type Mxfp4ScaleRule = "ceil" | "floor";

/** Options for MXFP4 quantization. */
export interface Mxfp4Options {
  /** Block-scale rule; default "ceil". */
  scaleRule?: Mxfp4ScaleRule;
}

/** A row-major [rows, cols] matrix in MXFP4. */
export interface Mxfp4Tensor {
  /** [rows, cols / 2]: element 2i in the low nibble, 2i + 1 in the high nibble. */
  packed: Uint8Array;
  /** [rows, cols / 32]: E8M0 scale bytes. */
  scales: Uint8Array;
  rows: number;
  cols: number;
}

// Smallest amax the "ceil" rule uses, so the scale never drops below 2^-126 (byte 0x01).
const CEIL_MIN_AMAX = 6 * 2 ** -126;

/**
 * E8M0 scale byte for a block with largest magnitude `amax` (>= 0) under `rule`.
 * Under "floor" a non-finite amax gives the NaN byte 0xFF; under "ceil" it throws, because a
 * block holding NaN or Inf has no meaningful DeepSeek scale and must be caught before quantizing.
 */
export function mxfp4ScaleByte(amax: number, rule: Mxfp4ScaleRule = "ceil"): number {
  if (rule === "floor") {
    if (!Number.isFinite(amax)) return E8M0_NAN;
    // For amax = 0 (or below 2^-125) the exponent clamps to -127, i.e. byte 0x00.
    // An exponent above 127 (only possible for amax beyond float32) is the NaN scale, as in OCP.
    const k = amax > 0 ? floorLog2(amax) - 2 : -127;
    return k > 127 ? E8M0_NAN : Math.max(k, -127) + E8M0_BIAS;
  }
  if (!Number.isFinite(amax)) {
    throw new RangeError(`mxfp4ScaleByte: block amax ${amax} is not finite (scale rule "ceil")`);
  }
  // The kernels divide by 6 in float32; for float32 amax that quotient has the same ceil(log2)
  // as the float64 one used here: either rounds onto 2^k only when amax is exactly 6 * 2^k.
  const k = ceilLog2(Math.max(amax, CEIL_MIN_AMAX) / 6);
  return Math.min(k, 127) + E8M0_BIAS;
}

function checkShape(fn: string, length: number, rows: number, cols: number): void {
  if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(cols) || cols < 0) {
    throw new RangeError(`${fn}: rows ${rows} and cols ${cols} must be non-negative integers`);
  }
  if (cols % MXFP4_BLOCK !== 0) {
    throw new RangeError(
      `${fn}: cols ${cols} must be a multiple of ${MXFP4_BLOCK} (MXFP4 blocks run along cols)`,
    );
  }
  if (length !== rows * cols) {
    throw new RangeError(
      `${fn}: input has ${length} elements, expected rows x cols = ${rows * cols}`,
    );
  }
}

/**
 * Quantizes a row-major [rows, cols] matrix to MXFP4 along cols (blocks of 32; cols must be a
 * multiple of 32). Elements are rounded to E2M1 with round-to-nearest-even and saturation.
 * A block containing NaN/Inf throws under the default "ceil" rule; under "floor" its scale is
 * the NaN byte and its codes are 0, so it decodes to NaN.
 */
export function quantizeMxfp4(
  x: Float32Array,
  rows: number,
  cols: number,
  options: Mxfp4Options = {},
): Mxfp4Tensor {
  checkShape("quantizeMxfp4", x.length, rows, cols);
  const rule = options.scaleRule ?? "ceil";
  const nBlocks = (rows * cols) / MXFP4_BLOCK;
  const packed = new Uint8Array((rows * cols) / 2);
  const scales = new Uint8Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) {
    const start = b * MXFP4_BLOCK;
    let amax = 0;
    for (let i = start; i < start + MXFP4_BLOCK; i++) {
      const a = Math.abs(x[i] ?? 0);
      if (a > amax) amax = a;
      // `a > amax` is false for NaN, so NaN is recorded here; once set it stays NaN.
      else if (Number.isNaN(a)) amax = Number.NaN;
    }
    if (rule === "ceil" && !Number.isFinite(amax)) {
      const row = Math.floor(start / cols);
      const col = start - row * cols;
      throw new RangeError(
        `quantizeMxfp4: block at row ${row}, cols ${col}..${col + MXFP4_BLOCK - 1} contains a ` +
          `non-finite value (amax ${amax}); scale rule "ceil" needs finite input`,
      );
    }
    const byte = mxfp4ScaleByte(amax, rule);
    scales[b] = byte;
    if (byte === E8M0_NAN) continue;
    // 1 / X is a power of two in [2^-127, 2^127], so V * (1 / X) is exact in float64.
    const inv = 2 ** (E8M0_BIAS - byte);
    for (let i = start; i < start + MXFP4_BLOCK; i += 2) {
      packed[i >>> 1] = encodeScaled(x[i] ?? 0, inv) | (encodeScaled(x[i + 1] ?? 0, inv) << 4);
    }
  }
  return { packed, scales, rows, cols };
}

function encodeScaled(v: number, inv: number): number {
  const s = v * inv;
  return (s < 0 || Object.is(s, -0) ? 8 : 0) | e2m1MagnitudeCode(Math.abs(s));
}

/** Dequantizes an MXFP4 [rows, cols] matrix back to float32: value = E2M1(code) * 2^(scale-127). */
export function dequantizeMxfp4(q: Mxfp4Tensor): Float32Array {
  const { packed, scales, rows, cols } = q;
  checkShape("dequantizeMxfp4", packed.length * 2, rows, cols);
  if (scales.length !== (rows * cols) / MXFP4_BLOCK) {
    throw new RangeError(
      `dequantizeMxfp4: scales has ${scales.length} bytes, expected rows x cols/32 = ` +
        `${(rows * cols) / MXFP4_BLOCK}`,
    );
  }
  const out = new Float32Array(rows * cols);
  for (let b = 0; b < scales.length; b++) {
    const byte = scales[b] ?? 0;
    const x = byte === E8M0_NAN ? Number.NaN : 2 ** (byte - E8M0_BIAS);
    const start = b * MXFP4_BLOCK;
    for (let i = start; i < start + MXFP4_BLOCK; i += 2) {
      const p = packed[i >>> 1] ?? 0;
      out[i] = (E2M1_VALUES[p & 0xf] ?? 0) * x;
      out[i + 1] = (E2M1_VALUES[p >>> 4] ?? 0) * x;
    }
  }
  return out;
}

/** Options for fakeQuantMxfp4. */
export interface FakeQuantMxfp4Options extends Mxfp4Options {
  /** Row length of the row-major input; checked to be a multiple of 32 when given. */
  cols?: number;
}

/**
 * MXFP4 quantize-then-dequantize of `x` (used for quantization-aware training); returns a new
 * Float32Array. Blocks are 32 consecutive elements, which for a row-major [rows, cols] input
 * with cols a multiple of 32 is exactly the per-row blocking of quantizeMxfp4.
 */
export function fakeQuantMxfp4(x: Float32Array, options: FakeQuantMxfp4Options = {}): Float32Array {
  const cols = options.cols ?? MXFP4_BLOCK;
  if (!Number.isSafeInteger(cols) || cols <= 0 || x.length % cols !== 0) {
    throw new RangeError(
      `fakeQuantMxfp4: input length ${x.length} is not a whole number of rows of ${cols} columns`,
    );
  }
  const q = quantizeMxfp4(x, x.length / cols, cols, options);
  return dequantizeMxfp4(q);
}
