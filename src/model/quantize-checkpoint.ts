/**
 * Writes a checkpoint in DeepSeek's released layout (spec §10): routed experts as packed FP4
 * (`I8` [out, in/2] + `F8_E8M0` `.scale` [out, in/32], ceil scale rule) or FP8, the dense
 * projections as `F8_E4M3` with `F8_E8M0` block `.scale` tensors, and every other tensor in the
 * BF16 / F32 / I64 precision of spec §10.5. The source is read one tensor at a time and the
 * output goes out shard by shard, so memory holds at most one shard.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type Dtype,
  dtypeSize,
  encodeFloat32To,
  INDEX_FILE,
  openCheckpoint,
  SINGLE_FILE,
  type TensorSource,
  type TensorToWrite,
  writeSafetensors,
} from "../io/index.ts";
import { quantizeFp8Block } from "../quant/fp8-block.ts";
import { MXFP4_BLOCK, quantizeMxfp4 } from "../quant/mxfp4.ts";
import type { ModelConfig, QuantizationConfig } from "./config.ts";
import { toOfficialConfigJson } from "./config-json.ts";
import { readConfig } from "./load.ts";
import { ModelError } from "./params.ts";
import { scaleNameOf, storageRole } from "./precision.ts";
import { planStoredTensors, readDequantized, type StoredTensor } from "./stored-weights.ts";

/** Formats of `quantizeCheckpoint`. */
export interface QuantizeOptions {
  /** Routed experts: packed MXFP4 (default) or block FP8. */
  experts?: "mxfp4" | "fp8";
  /** The dense projections: block FP8 (default) or BF16. */
  linears?: "fp8" | "bf16";
  /** FP8 tile [rows, cols]; default 128 x 128. */
  blockSize?: readonly [number, number];
  /** Largest shard in bytes before a new one starts; default 4 GiB. */
  maxShardBytes?: number;
}

/** What `quantizeCheckpoint` wrote. */
export interface QuantizeReport {
  tensors: number;
  bytesIn: number;
  bytesOut: number;
  /** Weight files written (1: model.safetensors; more: shards with an index). */
  shards: number;
  /** Tensors written per output dtype. */
  byDtype: Record<string, number>;
}

/** Files copied from the source directory when present. */
const SIDE_FILES = ["tokenizer.json", "tokenizer_config.json", "generation_config.json"];

/** How one source tensor is written: a quantized weight (two tensors) or a plain cast. */
type Output =
  | { kind: "mxfp4"; src: StoredTensor; rows: number; cols: number }
  | { kind: "fp8"; src: StoredTensor; rows: number; cols: number }
  | { kind: "cast"; src: StoredTensor; dtype: Dtype; shape: readonly number[] }
  | { kind: "copy"; src: StoredTensor; names: string[] };

function logicalShape(t: StoredTensor): readonly number[] {
  return t.kind === "mxfp4" || t.kind === "fp8-block" ? [t.rows, t.cols] : t.shape;
}

function planOutput(t: StoredTensor, opts: Required<QuantizeOptions>): Output {
  const role = storageRole(t.name);
  const shape = logicalShape(t);
  const quantizeAs = (format: "mxfp4" | "fp8"): Output => {
    if (shape.length !== 2) {
      throw new ModelError(`quantize: "${t.name}" ${JSON.stringify(shape)} is not a matrix`);
    }
    const [rows, cols] = shape as [number, number];
    if (format === "mxfp4" && cols % MXFP4_BLOCK !== 0) {
      throw new ModelError(
        `quantize: routed expert "${t.name}" has ${cols} inputs, not a multiple of ` +
          `${MXFP4_BLOCK} as MXFP4 needs; use --experts fp8`,
      );
    }
    return { kind: format, src: t, rows, cols };
  };
  switch (role) {
    case "routed-expert":
      return quantizeAs(opts.experts);
    case "fp8-linear":
      return opts.linears === "fp8"
        ? quantizeAs("fp8")
        : { kind: "cast", src: t, dtype: "BF16", shape };
    case "bf16":
      return { kind: "cast", src: t, dtype: "BF16", shape };
    case "f32":
      return { kind: "cast", src: t, dtype: "F32", shape };
    case "index":
      return { kind: "cast", src: t, dtype: "I64", shape };
    default: {
      // A tensor the layout does not know is carried over exactly as stored.
      const names = t.kind === "mxfp4" || t.kind === "fp8-block" ? [t.name, t.scale] : [t.name];
      return { kind: "copy", src: t, names };
    }
  }
}

function numel(shape: readonly number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}

/** Bytes the output of `o` takes on disk. */
function outputBytes(o: Output, src: TensorSource, block: readonly [number, number]): number {
  switch (o.kind) {
    case "mxfp4":
      return (o.rows * o.cols) / 2 + (o.rows * o.cols) / MXFP4_BLOCK;
    case "fp8":
      return o.rows * o.cols + Math.ceil(o.rows / block[0]) * Math.ceil(o.cols / block[1]);
    case "cast":
      return numel(o.shape) * dtypeSize(o.dtype);
    case "copy":
      return o.names.reduce((a, n) => a + src.info(n).byteLength, 0);
  }
}

function fail(name: string, err: unknown): never {
  throw new ModelError(`quantize: tensor "${name}": ${err instanceof Error ? err.message : err}`);
}

/** The tensors written for `o`, read from the source now. */
function produce(
  o: Output,
  src: TensorSource,
  srcBlock: readonly [number, number],
  block: readonly [number, number],
): TensorToWrite[] {
  const name = o.src.name;
  if (o.kind === "copy") {
    return o.names.map((n) => {
      const info = src.info(n);
      return { name: n, dtype: info.dtype, shape: info.shape, data: src.readRaw(n) };
    });
  }
  if (o.kind === "cast" && o.dtype === "I64") {
    const ints = src.readInt32(name);
    return [{ name, dtype: "I64", shape: o.shape, data: BigInt64Array.from(ints, BigInt) }];
  }
  const { values } = readDequantized(src, o.src, srcBlock);
  if (o.kind === "cast") {
    const data = o.dtype === "F32" ? values : encodeFloat32To("BF16", values);
    return [{ name, dtype: o.dtype, shape: o.shape, data }];
  }
  const scale =
    scaleNameOf(name) ?? fail(name, new Error("a quantized weight must end in .weight"));
  try {
    if (o.kind === "mxfp4") {
      const q = quantizeMxfp4(values, o.rows, o.cols);
      return [
        { name, dtype: "I8", shape: [o.rows, o.cols / 2], data: q.packed },
        { name: scale, dtype: "F8_E8M0", shape: [o.rows, o.cols / MXFP4_BLOCK], data: q.scales },
      ];
    }
    const [blockRows, blockCols] = block;
    const q = quantizeFp8Block(values, o.rows, o.cols, { blockRows, blockCols });
    const tiles = [Math.ceil(o.rows / blockRows), Math.ceil(o.cols / blockCols)];
    return [
      { name, dtype: "F8_E4M3", shape: [o.rows, o.cols], data: q.data },
      { name: scale, dtype: "F8_E8M0", shape: tiles, data: q.scales },
    ];
  } catch (err) {
    return fail(name, err);
  }
}

function shardName(i: number, n: number): string {
  const pad = (k: number) => String(k).padStart(5, "0");
  return `model-${pad(i + 1)}-of-${pad(n)}.safetensors`;
}

/** The config of the quantized checkpoint: FP8 E4M3 with power-of-two (UE8M0) block scales. */
function quantizedConfig(cfg: ModelConfig, block: readonly [number, number]): ModelConfig {
  const quantization: QuantizationConfig = {
    quantMethod: "fp8",
    fmt: "e4m3",
    weightBlockSize: [block[0], block[1]],
    scaleFmt: "ue8m0",
    activationScheme: "dynamic",
  };
  return { ...cfg, quantization };
}

/**
 * Quantizes the checkpoint in `srcDir` (config.json + weights, any stored dtypes) into
 * `outDir`, which must not already hold a checkpoint: weights as described above (one
 * `model.safetensors`, or shards with `model.safetensors.index.json` beyond
 * `maxShardBytes`), config.json with `quantization_config` and `expert_dtype`, and the
 * tokenizer and generation config copied. Throws a ModelError naming the tensor that cannot be
 * quantized (non-finite values, an input dim MXFP4 cannot block).
 */
export function quantizeCheckpoint(
  srcDir: string,
  outDir: string,
  options: QuantizeOptions = {},
): QuantizeReport {
  const opts: Required<QuantizeOptions> = {
    experts: options.experts ?? "mxfp4",
    linears: options.linears ?? "fp8",
    blockSize: options.blockSize ?? [128, 128],
    maxShardBytes: options.maxShardBytes ?? 4 * 2 ** 30,
  };
  if (resolve(srcDir) === resolve(outDir)) {
    throw new ModelError(`quantize: the output directory ${outDir} is the source directory`);
  }
  if (existsSync(outDir)) {
    const taken = readdirSync(outDir).filter(
      (f) => f === "config.json" || f === INDEX_FILE || f.endsWith(".safetensors"),
    );
    if (taken.length > 0) {
      throw new ModelError(
        `quantize: ${outDir} already holds a checkpoint (${taken.join(", ")}); choose an ` +
          "empty or new directory",
      );
    }
  }
  const cfg = readConfig(srcDir);
  const srcBlock = cfg.quantization?.weightBlockSize ?? [128, 128];
  const block = opts.blockSize;
  const src = openCheckpoint(srcDir);
  try {
    const outputs = planStoredTensors(src).map((t) => planOutput(t, opts));
    // Greedy shards in source order, so a reader sees related tensors close together.
    const shards: Output[][] = [[]];
    let filled = 0;
    for (const o of outputs) {
      const bytes = outputBytes(o, src, block);
      const current = shards[shards.length - 1]!;
      if (current.length > 0 && filled + bytes > opts.maxShardBytes) {
        shards.push([o]);
        filled = bytes;
      } else {
        current.push(o);
        filled += bytes;
      }
    }
    mkdirSync(outDir, { recursive: true });
    const report: QuantizeReport = {
      tensors: 0,
      bytesIn: src.names.reduce((a, n) => a + src.info(n).byteLength, 0),
      bytesOut: 0,
      shards: shards.length,
      byDtype: {},
    };
    const weightMap: Record<string, string> = {};
    shards.forEach((shard, i) => {
      const file = shards.length === 1 ? SINGLE_FILE : shardName(i, shards.length);
      const tensors = shard.flatMap((o) => produce(o, src, srcBlock, block));
      for (const t of tensors) {
        weightMap[t.name] = file;
        report.tensors++;
        report.bytesOut += t.data.byteLength;
        report.byDtype[t.dtype] = (report.byDtype[t.dtype] ?? 0) + 1;
      }
      writeSafetensors(join(outDir, file), tensors, { format: "pt" });
    });
    if (shards.length > 1) {
      const index = { metadata: { total_size: report.bytesOut }, weight_map: weightMap };
      writeFileSync(join(outDir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
    }
    const anyQuantized = outputs.some((o) => o.kind === "mxfp4" || o.kind === "fp8");
    const outCfg = anyQuantized ? quantizedConfig(cfg, block) : cfg;
    const json = {
      ...toOfficialConfigJson(outCfg),
      expert_dtype: opts.experts === "mxfp4" ? "fp4" : "fp8",
    };
    writeFileSync(join(outDir, "config.json"), `${JSON.stringify(json, null, 2)}\n`);
    for (const f of SIDE_FILES) {
      if (existsSync(join(srcDir, f))) copyFileSync(join(srcDir, f), join(outDir, f));
    }
    return report;
  } finally {
    src.close();
  }
}
