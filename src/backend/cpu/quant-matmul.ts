/**
 * Reference matmuls against quantized weights: each weight row is dequantised once into a
 * float64 scratch row (its tile of the weight), then dotted with every row of x. The products
 * and their order (Σ over k from 0, in float64) are those of the reference matmul against the
 * dequantised f32 weight, so both give identical results.
 */
import { E2M1_VALUES } from "../../quant/e2m1.ts";
import { E4M3_VALUES } from "../../quant/e4m3.ts";
import { decodeE8M0 } from "../../quant/e8m0.ts";
import type { DeviceBuffer } from "../device.ts";
import type { TypedArray } from "../dtype.ts";
import { DeviceError } from "../errors.ts";
import type { KernelArgs, View } from "../kernels.ts";
import { hostData } from "./buffer.ts";

/** The bytes stored in an i32 word buffer (little-endian, 4 per word). */
function wordBytes(kernel: string, arg: string, buffer: DeviceBuffer, need: number): Uint8Array {
  const words = hostData(buffer);
  if (!(words instanceof Int32Array)) {
    throw new DeviceError(`cpu ${kernel}: ${arg} must be an i32 word buffer, got ${buffer.dtype}`);
  }
  if (words.byteLength < need) {
    throw new DeviceError(
      `cpu ${kernel}: ${arg} holds ${words.byteLength} bytes, the weight rows need ${need}`,
    );
  }
  return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
}

/** o[i, j] = Σ_p x[i, p] · w[p] for every row i of x, with w one dequantised weight row. */
function dotColumn(x: View, w: Float64Array, o: TypedArray, j: number, m: number, n: number): void {
  const xs = hostData(x.buffer);
  const [sm, sk] = x.strides as [number, number];
  const k = w.length;
  for (let i = 0; i < m; i++) {
    const xi = x.offset + i * sm;
    let s = 0;
    for (let p = 0; p < k; p++) s += xs[xi + p * sk]! * w[p]!;
    o[i * n + j] = s;
  }
}

export function matmulMxfp4(args: KernelArgs["matmulMxfp4"]): void {
  const { x, packed, scales, out, m, k, n, rowStart } = args;
  if (k % 32 !== 0) {
    throw new DeviceError(`cpu matmulMxfp4: k = ${k} must be a multiple of 32 (MXFP4 blocks)`);
  }
  const rows = rowStart + n;
  const bytes = wordBytes("matmulMxfp4", "packed", packed, (rows * k) / 2);
  const sc = wordBytes("matmulMxfp4", "scales", scales, (rows * k) / 32);
  const o = hostData(out);
  const w = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    const r = rowStart + j;
    for (let b = 0; b < k / 32; b++) {
      const s = decodeE8M0(sc[(r * k) / 32 + b]!);
      const base = (r * k) / 2 + b * 16;
      for (let i = 0; i < 16; i++) {
        const byte = bytes[base + i]!;
        w[b * 32 + 2 * i] = E2M1_VALUES[byte & 0xf]! * s;
        w[b * 32 + 2 * i + 1] = E2M1_VALUES[byte >>> 4]! * s;
      }
    }
    dotColumn(x, w, o, j, m, n);
  }
}

export function matmulFp8Block(args: KernelArgs["matmulFp8Block"]): void {
  const { x, data, scales, scaleFormat, blockRows: br, blockCols: bc, out, m, k, n } = args;
  const rows = args.rowStart + n;
  const tilesPerRow = Math.ceil(k / bc);
  const bytes = wordBytes("matmulFp8Block", "data", data, rows * k);
  const scaleCount = Math.ceil(rows / br) * tilesPerRow;
  let tileScale: (t: number) => number;
  if (scaleFormat === "e8m0") {
    const sc = wordBytes("matmulFp8Block", "scales", scales, scaleCount);
    tileScale = (t) => decodeE8M0(sc[t]!);
  } else {
    const sc = hostData(scales);
    if (!(sc instanceof Float32Array) || sc.length < scaleCount) {
      throw new DeviceError(
        `cpu matmulFp8Block: f32 scales must be an f32 buffer of at least ${scaleCount} ` +
          `elements, got ${scales.dtype} [${sc.length}]`,
      );
    }
    tileScale = (t) => sc[t]!;
  }
  const roundF32 = scaleFormat === "f32";
  const o = hostData(out);
  const w = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    const r = args.rowStart + j;
    const tileRow = Math.floor(r / br) * tilesPerRow;
    for (let t = 0; t < tilesPerRow; t++) {
      const s = tileScale(tileRow + t);
      const end = Math.min(k, (t + 1) * bc);
      for (let p = t * bc; p < end; p++) {
        const v = E4M3_VALUES[bytes[r * k + p]!]! * s;
        // A float scale makes the product inexact in f32; round it as dequantisation does.
        w[p] = roundF32 ? Math.fround(v) : v;
      }
    }
    dotColumn(x, w, o, j, m, n);
  }
}
