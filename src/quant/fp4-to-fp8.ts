import { E2M1_VALUES } from "./e2m1.ts";
import { encodeE4M3 } from "./e4m3.ts";
import { E8M0_BIAS, E8M0_NAN } from "./e8m0.ts";
import type { Fp8BlockTensor } from "./fp8-block.ts";
import { MXFP4_BLOCK, type Mxfp4Tensor } from "./mxfp4.ts";

// Loss-less MXFP4 -> block FP8 re-encode. Inside one FP8 tile let e_i be the exponents of the
// 1 x 32 FP4 scales and e_max their maximum. The tile scale is S = 2^(e_max - 6) and element
// c * 2^e_i becomes the E4M3 value c * 2^(e_i - e_max + 6). E2M1 magnitudes have at most two
// significant bits and reach 6, so the largest product is 6 * 2^6 = 384 <= 448, and with a
// spread d = e_max - e_i the smallest non-zero product is 0.5 * 2^(6 - d): a normal E4M3 number
// for d <= 11, and still an exact E4M3 subnormal (a multiple of 2^-9) for d <= 14.

/** Options for mxfp4ToFp8Block. */
export interface Fp4ToFp8Options {
  /** FP8 tile height; default 128. */
  blockRows?: number;
  /** FP8 tile width, a multiple of 32; default 128. */
  blockCols?: number;
  /**
   * Largest allowed e_max - e_min among the non-zero FP4 sub-blocks of one tile. Default 11
   * (every product stays an E4M3 normal, the DeepSeek kernel's assertion); at most 14, beyond
   * which the re-encode would lose bits.
   */
  maxExponentSpread?: number;
}

const LOSSLESS_SPREAD_LIMIT = 14;

/**
 * Re-encodes an MXFP4 [rows, cols] matrix as E4M3FN with E8M0 tile scales, exactly: every
 * dequantized value is identical. All-zero FP4 sub-blocks do not constrain the spread. Throws,
 * naming the tile, when a scale is NaN, when the spread exceeds `maxExponentSpread`, or when the
 * tile scale 2^(e_max - 6) would fall below 2^-127.
 */
export function mxfp4ToFp8Block(q: Mxfp4Tensor, options: Fp4ToFp8Options = {}): Fp8BlockTensor {
  const { packed, scales, rows, cols } = q;
  const br = options.blockRows ?? 128;
  const bc = options.blockCols ?? 128;
  const maxSpread = options.maxExponentSpread ?? 11;
  if (!Number.isSafeInteger(br) || br <= 0 || !Number.isSafeInteger(bc) || bc <= 0) {
    throw new RangeError(`mxfp4ToFp8Block: tile ${br} x ${bc} must have positive integer sides`);
  }
  if (bc % MXFP4_BLOCK !== 0) {
    throw new RangeError(`mxfp4ToFp8Block: blockCols ${bc} must be a multiple of ${MXFP4_BLOCK}`);
  }
  if (!Number.isInteger(maxSpread) || maxSpread < 0 || maxSpread > LOSSLESS_SPREAD_LIMIT) {
    throw new RangeError(
      `mxfp4ToFp8Block: maxExponentSpread ${maxSpread} must be an integer in ` +
        `[0, ${LOSSLESS_SPREAD_LIMIT}] for the re-encode to stay exact`,
    );
  }
  if (cols % MXFP4_BLOCK !== 0 || packed.length * 2 !== rows * cols) {
    throw new RangeError(
      `mxfp4ToFp8Block: packed has ${packed.length} bytes, expected [${rows}, ${cols}/2] with ` +
        `cols a multiple of ${MXFP4_BLOCK}`,
    );
  }
  const spr = cols / MXFP4_BLOCK; // scales per row
  if (scales.length !== rows * spr) {
    throw new RangeError(
      `mxfp4ToFp8Block: scales has ${scales.length} bytes, expected [${rows}, ${spr}]`,
    );
  }
  const tr = Math.ceil(rows / br);
  const tc = Math.ceil(cols / bc);
  const data = new Uint8Array(rows * cols);
  const tileScales = new Uint8Array(tr * tc);
  for (let ti = 0; ti < tr; ti++) {
    const r0 = ti * br;
    const r1 = Math.min(r0 + br, rows);
    for (let tj = 0; tj < tc; tj++) {
      const c0 = tj * bc;
      const c1 = Math.min(c0 + bc, cols);
      const s0 = c0 / MXFP4_BLOCK;
      const s1 = c1 / MXFP4_BLOCK;
      const where = `tile rows ${r0}..${r1 - 1}, cols ${c0}..${c1 - 1}`;
      // Exponent bytes (not unbiased exponents): the spread is the same either way.
      let maxAll = -1;
      let maxNz = -1;
      let minNz = 256;
      for (let r = r0; r < r1; r++) {
        for (let s = s0; s < s1; s++) {
          const e = scales[r * spr + s] ?? 0;
          if (e === E8M0_NAN) {
            throw new RangeError(
              `mxfp4ToFp8Block: ${where}: FP4 scale at row ${r}, block ${s} is NaN (0xFF)`,
            );
          }
          if (e > maxAll) maxAll = e;
          if (subBlockHasNonZero(packed, (r * cols + s * MXFP4_BLOCK) / 2)) {
            if (e > maxNz) maxNz = e;
            if (e < minNz) minNz = e;
          }
        }
      }
      const hasNonZero = maxNz >= 0;
      if (hasNonZero && maxNz - minNz > maxSpread) {
        throw new RangeError(
          `mxfp4ToFp8Block: ${where}: FP4 scale exponents span ` +
            `${minNz - E8M0_BIAS}..${maxNz - E8M0_BIAS} (spread ${maxNz - minNz}), more than ` +
            `maxExponentSpread ${maxSpread}; the FP8 re-encode would not be exact`,
        );
      }
      const eMax = hasNonZero ? maxNz : maxAll;
      if (hasNonZero && eMax - 6 < 0) {
        throw new RangeError(
          `mxfp4ToFp8Block: ${where}: tile scale 2^${eMax - 6 - E8M0_BIAS} is below the E8M0 ` +
            "minimum 2^-127",
        );
      }
      const tileByte = Math.max(eMax - 6, 0);
      tileScales[ti * tc + tj] = tileByte;
      for (let r = r0; r < r1; r++) {
        for (let s = s0; s < s1; s++) {
          // Multiplier 2^(e_i - e_max + 6) = 2^(e_i - tileByte).
          const mult = 2 ** ((scales[r * spr + s] ?? 0) - tileByte);
          const base = r * cols + s * MXFP4_BLOCK;
          for (let k = 0; k < MXFP4_BLOCK; k += 2) {
            const p = packed[(base + k) / 2] ?? 0;
            data[base + k] = encodeE4M3((E2M1_VALUES[p & 0xf] ?? 0) * mult);
            data[base + k + 1] = encodeE4M3((E2M1_VALUES[p >>> 4] ?? 0) * mult);
          }
        }
      }
    }
  }
  return { data, scales: tileScales, rows, cols, blockRows: br, blockCols: bc };
}

// True when any of the 32 codes starting at byte `start` has a non-zero magnitude (+-0 ignored).
function subBlockHasNonZero(packed: Uint8Array, start: number): boolean {
  for (let i = start; i < start + MXFP4_BLOCK / 2; i++) {
    if (((packed[i] ?? 0) & 0x77) !== 0) return true;
  }
  return false;
}
