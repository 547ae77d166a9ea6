/**
 * Reading model weights from a Hugging Face-style checkpoint directory: `config.json` plus
 * `model.safetensors` (or shards with an index), tensor by tensor. The decode path of each
 * tensor follows its stored dtype (see stored-weights.ts): quantized linear weights (MXFP4
 * experts, block-FP8 projections) can stay packed on the device, everything else becomes f32
 * (floats) or i32 (integers, e.g. the I64 hash tables).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Device } from "../backend/index.ts";
import { openCheckpoint } from "../io/index.ts";
import { fp8BlockWeight, mxfp4Weight, type QuantizedWeight } from "../nn/index.ts";
import { defaultDevice, keep, tensor } from "../tensor/index.ts";
import type { ModelConfig } from "./config.ts";
import { parseConfig } from "./config-parse.ts";
import { createModel, type Model } from "./model.ts";
import { ModelError, type Params } from "./params.ts";
import { isPackableWeight } from "./precision.ts";
import { planStoredTensors, readDequantized, readFp8Block, readMxfp4 } from "./stored-weights.ts";

/** Parses `dir/config.json`, with errors naming the file. */
export function readConfig(dir: string): ModelConfig {
  const path = join(dir, "config.json");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ModelError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(json, path);
}

/** Options of `loadWeights`. */
export interface LoadOptions {
  /**
   * Keep quantized linear weights packed (MXFP4 / FP8 bytes and scales) instead of
   * dequantising them to f32. Default: when the device has both quantized matmul kernels.
   */
  keepPacked?: boolean;
  /** Where the weights go; default the default device. */
  device?: Device;
  /**
   * FP8 tile [rows, cols]; default config.json's quantization_config.weight_block_size, or
   * 128 x 128 without one.
   */
  weightBlockSize?: readonly [number, number];
}

/** The weights of a checkpoint: dense tensors plus the linear weights kept packed. */
export interface LoadedWeights {
  params: Params;
  packed: Map<string, QuantizedWeight>;
}

function blockSizeOf(dir: string, opts: LoadOptions): readonly [number, number] {
  if (opts.weightBlockSize) return opts.weightBlockSize;
  if (!existsSync(join(dir, "config.json"))) return [128, 128];
  return readConfig(dir).quantization?.weightBlockSize ?? [128, 128];
}

/**
 * Every tensor of the checkpoint in `dir`, read one at a time. Quantized weights the model uses
 * as linear weights stay packed with `keepPacked`; other quantized tensors, and all of them
 * without it, are dequantised to f32 in their logical shape. `.scale` tensors are consumed.
 */
export function loadWeights(dir: string, opts: LoadOptions = {}): LoadedWeights {
  const device = opts.device ?? defaultDevice();
  const keepPacked =
    opts.keepPacked ?? (device.supports("matmulMxfp4") && device.supports("matmulFp8Block"));
  const ckpt = openCheckpoint(dir);
  const params: Params = new Map();
  const packed = new Map<string, QuantizedWeight>();
  try {
    const plan = planStoredTensors(ckpt);
    const quantized = plan.some((t) => t.kind === "fp8-block");
    const block = quantized ? blockSizeOf(dir, opts) : ([128, 128] as const);
    for (const t of plan) {
      if (t.kind === "int") {
        params.set(t.name, keep(tensor(ckpt.readInt32(t.name), t.shape, { device })));
      } else if (keepPacked && t.kind !== "float" && isPackableWeight(t.name)) {
        const w =
          t.kind === "mxfp4"
            ? mxfp4Weight(readMxfp4(ckpt, t), device)
            : fp8BlockWeight(readFp8Block(ckpt, t, block), device);
        packed.set(t.name, w);
      } else {
        const { values, shape } = readDequantized(ckpt, t, block);
        params.set(t.name, keep(tensor(values, shape, { device })));
      }
    }
  } catch (err) {
    for (const t of params.values()) t.dispose();
    for (const w of packed.values()) w.dispose();
    throw err;
  } finally {
    ckpt.close();
  }
  return { params, packed };
}

/** Every tensor of the checkpoint in `dir` as f32/i32 tensors (quantized ones dequantised). */
export function loadParams(dir: string): Params {
  return loadWeights(dir, { keepPacked: false }).params;
}

/** The model in `dir` (config.json + weights), quantized weights packed as `loadWeights` does. */
export function loadModel(dir: string, opts: LoadOptions = {}): Model {
  const cfg = readConfig(dir);
  const { params, packed } = loadWeights(dir, opts);
  return createModel(cfg, params, packed);
}
