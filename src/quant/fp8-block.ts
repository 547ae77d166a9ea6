import { E4M3_MAX, E4M3_VALUES, encodeE4M3 } from "./e4m3.ts";
import { decodeE8M0, E8M0_BIAS } from "./e8m0.ts";
import { ceilLog2 } from "./float-bits.ts";

// Block-scaled FP8 (DeepSeek-V3/V4): a row-major [rows, cols] matrix is cut into
// blockRows x blockCols tiles (edge tiles may be smaller); each tile has one scale s and stores
// e4m3(clamp(x / s, -448, 448)). Weights use 128 x 128 tiles, activations 1 x 128 (per token),
// the KV-cache simulation 1 x 64. Dequantization is x = e4m3 * s (the stored scale multiplies).

/**
 * Scale storage: "e8m0" stores s = 2^ceil(log2(max(amax, 1e-4) / 448)) as an E8M0 byte
 * (V3.1 / V4 `scale_fmt: ue8m0`); "f32" stores s = max(amax, 1e-4) / 448 as float32 (V3).
 */
export type Fp8ScaleFormat = "e8m0" | "f32";

/** Options for block FP8 quantization. */
export interface Fp8BlockOptions {
  /** Tile height; default 128. */
  blockRows?: number;
  /** Tile width; default 128. */
  blockCols?: number;
  /** Scale storage; default "e8m0". */
  scaleFormat?: Fp8ScaleFormat;
}

/** A row-major [rows, cols] matrix in block-scaled FP8 E4M3FN. */
export interface Fp8BlockTensor {
  /** [rows, cols] E4M3FN bytes. */
  data: Uint8Array;
  /**
   * [ceil(rows / blockRows), ceil(cols / blockCols)]: E8M0 bytes (Uint8Array) or float32
   * multipliers (Float32Array).
   */
  scales: Uint8Array | Float32Array;
  rows: number;
  cols: number;
  blockRows: number;
  blockCols: number;
}

// The reference clamps amax to 1e-4 (as float32) so all-zero tiles get a finite scale.
const MIN_AMAX = Math.fround(1e-4);

/**
 * Dequantization multiplier for a tile with largest magnitude `amax` (finite, >= 0).
 * "e8m0": 2^ceil(log2(q)) with q = float32(max(amax, 1e-4) / 448); "f32": q itself.
 */
export function fp8BlockScale(amax: number, format: Fp8ScaleFormat = "e8m0"): number {
  if (!Number.isFinite(amax) || amax < 0) {
    throw new RangeError(`fp8BlockScale: amax must be finite and >= 0, got ${amax}`);
  }
  const q = Math.fround(Math.max(amax, MIN_AMAX) / E4M3_MAX);
  if (format === "f32") return q;
  return 2 ** Math.min(ceilLog2(q), 127);
}

function checkGeometry(fn: string, rows: number, cols: number, br: number, bc: number): void {
  for (const [name, v] of [
    ["rows", rows],
    ["cols", cols],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${v}`);
    }
  }
  for (const [name, v] of [
    ["blockRows", br],
    ["blockCols", bc],
  ] as const) {
    if (!Number.isSafeInteger(v) || v <= 0) {
      throw new RangeError(`${fn}: ${name} must be a positive integer, got ${v}`);
    }
  }
}

/**
 * Quantizes a row-major [rows, cols] matrix to E4M3FN with one scale per
 * blockRows x blockCols tile (ragged edge tiles allowed). Throws on NaN/Inf input, naming the
 * tile, since no finite scale represents it.
 */
export function quantizeFp8Block(
  x: Float32Array,
  rows: number,
  cols: number,
  options: Fp8BlockOptions = {},
): Fp8BlockTensor {
  const br = options.blockRows ?? 128;
  const bc = options.blockCols ?? 128;
  const format = options.scaleFormat ?? "e8m0";
  checkGeometry("quantizeFp8Block", rows, cols, br, bc);
  if (x.length !== rows * cols) {
    throw new RangeError(
      `quantizeFp8Block: input has ${x.length} elements, expected rows x cols = ${rows * cols}`,
    );
  }
  const tr = Math.ceil(rows / br);
  const tc = Math.ceil(cols / bc);
  const data = new Uint8Array(rows * cols);
  const scales = format === "e8m0" ? new Uint8Array(tr * tc) : new Float32Array(tr * tc);
  for (let ti = 0; ti < tr; ti++) {
    const r0 = ti * br;
    const r1 = Math.min(r0 + br, rows);
    for (let tj = 0; tj < tc; tj++) {
      const c0 = tj * bc;
      const c1 = Math.min(c0 + bc, cols);
      let amax = 0;
      for (let r = r0; r < r1; r++) {
        for (let i = r * cols + c0; i < r * cols + c1; i++) {
          const a = Math.abs(x[i] ?? 0);
          if (a > amax) amax = a;
          // `a > amax` is false for NaN, so NaN is recorded here; once set it stays NaN.
          else if (Number.isNaN(a)) amax = Number.NaN;
        }
      }
      if (!Number.isFinite(amax)) {
        throw new RangeError(
          `quantizeFp8Block: tile rows ${r0}..${r1 - 1}, cols ${c0}..${c1 - 1} contains a ` +
            `non-finite value (amax ${amax})`,
        );
      }
      const s = fp8BlockScale(amax, format);
      scales[ti * tc + tj] = format === "e8m0" ? ceilLog2(s) + E8M0_BIAS : s;
      for (let r = r0; r < r1; r++) {
        for (let i = r * cols + c0; i < r * cols + c1; i++) {
          // float32 division, as the kernels do; exact when s is a power of two.
          data[i] = encodeE4M3(Math.fround((x[i] ?? 0) / s));
        }
      }
    }
  }
  return { data, scales, rows, cols, blockRows: br, blockCols: bc };
}

/** Dequantizes block FP8: out[i][j] = e4m3(data[i][j]) * scale[i / blockRows][j / blockCols]. */
export function dequantizeFp8Block(q: Fp8BlockTensor): Float32Array {
  const { data, scales, rows, cols, blockRows: br, blockCols: bc } = q;
  checkGeometry("dequantizeFp8Block", rows, cols, br, bc);
  const tr = Math.ceil(rows / br);
  const tc = Math.ceil(cols / bc);
  if (data.length !== rows * cols) {
    throw new RangeError(
      `dequantizeFp8Block: data has ${data.length} bytes, expected rows x cols = ${rows * cols}`,
    );
  }
  if (scales.length !== tr * tc) {
    throw new RangeError(
      `dequantizeFp8Block: scales has ${scales.length} entries, expected ` +
        `ceil(${rows}/${br}) x ceil(${cols}/${bc}) = ${tr * tc}`,
    );
  }
  const isE8m0 = scales instanceof Uint8Array;
  const tileScale = new Float64Array(tr * tc);
  for (let t = 0; t < tr * tc; t++) {
    const s = scales[t] ?? 0;
    tileScale[t] = isE8m0 ? decodeE8M0(s) : s;
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const rowTiles = Math.floor(r / br) * tc;
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      out[i] = (E4M3_VALUES[data[i] ?? 0] ?? 0) * (tileScale[rowTiles + Math.floor(c / bc)] ?? 0);
    }
  }
  return out;
}

/** Block FP8 quantize-then-dequantize of a row-major [rows, cols] matrix; returns a new array. */
export function fakeQuantFp8Block(
  x: Float32Array,
  rows: number,
  cols: number,
  options: Fp8BlockOptions = {},
): Float32Array {
  return dequantizeFp8Block(quantizeFp8Block(x, rows, cols, options));
}

/**
 * Activation quantization of the reference model: [tokens, dim] rows quantized in 1 x blockSize
 * blocks (default 128) with power-of-two (E8M0) scales.
 */
export function quantizeFp8Activation(
  x: Float32Array,
  tokens: number,
  dim: number,
  blockSize = 128,
): Fp8BlockTensor {
  return quantizeFp8Block(x, tokens, dim, {
    blockRows: 1,
    blockCols: blockSize,
    scaleFormat: "e8m0",
  });
}
