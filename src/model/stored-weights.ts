/**
 * How each stored tensor of a checkpoint decodes, decided from its dtype and its `.scale`
 * companion rather than from a model name (spec §10.3, §10.4): an I8 (or U8) weight with an
 * E8M0 `.scale` of shape [out, in/32] is MXFP4 packed [out, in/2]; an F8_E4M3 weight with a
 * `.scale` is block FP8 (E8M0 or float scales, block size from quantization_config); anything
 * else is a plain float or integer tensor. Reads are lazy, one tensor at a time.
 */
import type { TensorInfo, TensorSource } from "../io/index.ts";
import { isIntegerDtype } from "../io/index.ts";
import { dequantizeFp8Block, type Fp8BlockTensor } from "../quant/fp8-block.ts";
import { dequantizeMxfp4, MXFP4_BLOCK, type Mxfp4Tensor } from "../quant/mxfp4.ts";
import { ModelError } from "./params.ts";
import { isPackableWeight, scaleNameOf } from "./precision.ts";

/** The decode path of one stored tensor. */
export type StoredTensor =
  | Readonly<{ kind: "mxfp4"; name: string; scale: string; rows: number; cols: number }>
  | Readonly<{ kind: "fp8-block"; name: string; scale: string; rows: number; cols: number }>
  | Readonly<{ kind: "float"; name: string; shape: readonly number[] }>
  | Readonly<{ kind: "int"; name: string; shape: readonly number[] }>;

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

function classify(w: TensorInfo, s: TensorInfo | null): StoredTensor {
  const { name, dtype, shape } = w;
  const packedDtype = dtype === "I8" || dtype === "U8";
  if (s !== null && (packedDtype || dtype === "F8_E4M3")) {
    if (shape.length !== 2 || s.shape.length !== 2) {
      throw new ModelError(
        `checkpoint: quantized weight "${name}" ${shapeText(shape)} and its scale "${s.name}" ` +
          `${shapeText(s.shape)} must both be 2-D`,
      );
    }
    const [rows, stored] = shape as [number, number];
    if (packedDtype) {
      if (s.dtype !== "F8_E8M0" && s.dtype !== "U8") {
        throw new ModelError(
          `checkpoint: "${name}" is ${dtype} (packed FP4) but its scale "${s.name}" is ` +
            `${s.dtype}; expected F8_E8M0`,
        );
      }
      const cols = stored * 2;
      const want = [rows, cols / MXFP4_BLOCK];
      if (cols % MXFP4_BLOCK !== 0 || s.shape[0] !== want[0] || s.shape[1] !== want[1]) {
        throw new ModelError(
          `checkpoint: packed FP4 weight "${name}" ${shapeText(shape)} holds [${rows}, ${cols}]; ` +
            `its scale "${s.name}" is ${shapeText(s.shape)}, expected [${rows}, ${cols}/32]`,
        );
      }
      return { kind: "mxfp4", name, scale: s.name, rows, cols };
    }
    if (s.dtype === "F8_E4M3" || isIntegerDtype(s.dtype)) {
      throw new ModelError(
        `checkpoint: the scale "${s.name}" of FP8 weight "${name}" is ${s.dtype}; expected ` +
          "F8_E8M0 or a float dtype",
      );
    }
    return { kind: "fp8-block", name, scale: s.name, rows, cols: stored };
  }
  if (packedDtype && isPackableWeight(name)) {
    throw new ModelError(
      `checkpoint: weight "${name}" is ${dtype} but has no "${scaleNameOf(name)}" tensor; ` +
        "packed FP4 weights need their E8M0 scales",
    );
  }
  return { kind: isIntegerDtype(dtype) ? "int" : "float", name, shape };
}

/**
 * The decode plan of every tensor of `src`, in storage order. A `.scale` tensor that belongs to
 * an I8/U8 or F8_E4M3 weight is folded into that weight's entry; other tensors are plain.
 */
export function planStoredTensors(src: TensorSource): StoredTensor[] {
  const consumed = new Set<string>();
  const out: StoredTensor[] = [];
  for (const name of src.names) {
    const info = src.info(name);
    const scaleName = scaleNameOf(name);
    const scale = scaleName !== null && src.has(scaleName) ? src.info(scaleName) : null;
    const entry = classify(info, scale);
    if (entry.kind === "mxfp4" || entry.kind === "fp8-block") consumed.add(entry.scale);
    out.push(entry);
  }
  return out.filter((e) => !consumed.has(e.name));
}

/** Reads an MXFP4 weight's packed bytes and scales. */
export function readMxfp4(
  src: TensorSource,
  t: Extract<StoredTensor, { kind: "mxfp4" }>,
): Mxfp4Tensor {
  return { packed: src.readRaw(t.name), scales: src.readRaw(t.scale), rows: t.rows, cols: t.cols };
}

/**
 * Reads a block-FP8 weight with tiles of `block` = [rows, cols]; its scale tensor must be
 * [ceil(rows / block[0]), ceil(cols / block[1])]. E8M0 scales stay bytes, float ones f32.
 */
export function readFp8Block(
  src: TensorSource,
  t: Extract<StoredTensor, { kind: "fp8-block" }>,
  block: readonly [number, number],
): Fp8BlockTensor {
  const [br, bc] = block;
  const s = src.info(t.scale);
  const want = [Math.ceil(t.rows / br), Math.ceil(t.cols / bc)];
  if (s.shape[0] !== want[0] || s.shape[1] !== want[1]) {
    throw new ModelError(
      `checkpoint: FP8 weight "${t.name}" [${t.rows}, ${t.cols}] with ${br}x${bc} blocks ` +
        `(quantization_config.weight_block_size) needs a scale of ${shapeText(want)}, but ` +
        `"${t.scale}" is ${shapeText(s.shape)}`,
    );
  }
  const scales = s.dtype === "F8_E8M0" ? src.readRaw(t.scale) : src.readFloat32(t.scale);
  const data = src.readRaw(t.name);
  return { data, scales, rows: t.rows, cols: t.cols, blockRows: br, blockCols: bc };
}

/** A stored tensor decoded to f32 values in its logical shape (quantized weights dequantised). */
export function readDequantized(
  src: TensorSource,
  t: StoredTensor,
  block: readonly [number, number],
): { values: Float32Array; shape: readonly number[] } {
  switch (t.kind) {
    case "mxfp4":
      return { values: dequantizeMxfp4(readMxfp4(src, t)), shape: [t.rows, t.cols] };
    case "fp8-block":
      return { values: dequantizeFp8Block(readFp8Block(src, t, block)), shape: [t.rows, t.cols] };
    default:
      return { values: src.readFloat32(t.name), shape: t.shape };
  }
}
