// A small dense checkpoint directory to quantize in the tests: the nano preset with a 64-token
// vocabulary and seeded weights, written as F32 (hash tables as I64) with config.json.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TensorToWrite, writeSafetensors } from "../../src/io/index.ts";
import type { ModelConfig } from "../../src/model/config.ts";
import { toOfficialConfigJson } from "../../src/model/config-json.ts";
import { initParams } from "../../src/model/init.ts";
import type { Params } from "../../src/model/params.ts";
import { getPreset, withVocabSize } from "../../src/model/presets.ts";

/** The nano preset with 64 token ids. */
export function nanoConfig(): ModelConfig {
  return withVocabSize(getPreset("nano"), 64);
}

/** A fresh temporary directory. */
export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `tessera-${tag}-`));
}

/** Writes config.json and model.safetensors (F32, I64 hash tables) of `params` into `dir`. */
export function writeDense(dir: string, cfg: ModelConfig, params: Params): string {
  writeFileSync(join(dir, "config.json"), JSON.stringify(toOfficialConfigJson(cfg)));
  const tensors: TensorToWrite[] = [];
  for (const [name, t] of params) {
    const values = t.toArray();
    if (t.dtype === "i32") {
      tensors.push({
        name,
        dtype: "I64",
        shape: t.shape,
        data: BigInt64Array.from(values, BigInt),
      });
    } else {
      tensors.push({ name, dtype: "F32", shape: t.shape, data: Float32Array.from(values) });
    }
  }
  writeSafetensors(join(dir, "model.safetensors"), tensors);
  return dir;
}

/** A nano checkpoint with seeded weights in a new temporary directory. */
export function denseCheckpoint(seed = 1): { dir: string; cfg: ModelConfig; params: Params } {
  const cfg = nanoConfig();
  const params = initParams(cfg, seed);
  return { dir: writeDense(tempDir("dense"), cfg, params), cfg, params };
}

/** Token ids [n] cycling through the vocabulary. */
export function sampleIds(n: number, vocab = 64): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => (i * 7 + 3) % vocab);
}
