// Tiny models and checkpoint directories for the generate/eval tests: the nano preset with a
// small vocabulary and seeded random weights, written in the checkpoint layout the CLI reads.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandIo } from "../../src/cli/command-io.ts";
import { type TensorToWrite, writeSafetensors } from "../../src/io/index.ts";
import type { ModelConfig } from "../../src/model/config.ts";
import { toOfficialConfigJson } from "../../src/model/config-json.ts";
import { initParams } from "../../src/model/init.ts";
import { createModel, type Model } from "../../src/model/model.ts";
import { getPreset, withVocabSize } from "../../src/model/presets.ts";
import { saveTokenizer, type TextTokenizer } from "../../src/train/tokenizer/index.ts";

/** Text with ASCII, accents, CJK and emoji; every character a char tokenizer needs. */
export const CORPUS =
  "First Citizen:\nBefore we proceed any further, hear me speak.\n\n" +
  "All:\nSpeak, speak. Café déjà vu, naïve façade.\n" +
  "世界你好，今天天气很好。🎉🎊 emoji 👋🏽 and more 🙂 text.\n";

/** The nano preset (sliding window 16, CSA ratio 4, HCA ratio 16) with `vocab` ids. */
export function tinyConfig(vocab: number): ModelConfig {
  return withVocabSize(getPreset("nano"), vocab);
}

/** A nano model with seeded random weights. */
export function tinyModel(vocab: number, seed = 1): Model {
  const cfg = tinyConfig(vocab);
  return createModel(cfg, initParams(cfg, seed));
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "tessera-gen-"));
}

/**
 * Writes `model` and `tok` as a checkpoint directory: config.json, model.safetensors (F32;
 * hash tables as I64, as in official checkpoints), tokenizer.json and, when given,
 * generation_config.json. Returns the directory.
 */
export async function writeCheckpoint(
  dir: string,
  model: Model,
  tok: TextTokenizer,
  generationConfig?: Record<string, unknown>,
): Promise<string> {
  writeFileSync(join(dir, "config.json"), JSON.stringify(toOfficialConfigJson(model.cfg)));
  const tensors: TensorToWrite[] = [];
  for (const [name, t] of model.params) {
    const values = t.toArray();
    const data = name.endsWith("tid2eid")
      ? BigInt64Array.from(values, (v) => BigInt(v))
      : Float32Array.from(values);
    tensors.push({ name, dtype: name.endsWith("tid2eid") ? "I64" : "F32", shape: t.shape, data });
  }
  writeSafetensors(join(dir, "model.safetensors"), tensors);
  await saveTokenizer(tok, join(dir, "tokenizer.json"));
  if (generationConfig !== undefined) {
    writeFileSync(join(dir, "generation_config.json"), JSON.stringify(generationConfig));
  }
  return dir;
}

/** A CommandIo that records what a command writes. */
export function captureIo(): { stdout: string[]; stderr: string[]; io: CommandIo } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    io: {
      stdout: (text) => void stdout.push(text),
      stderr: (text) => void stderr.push(text),
      stderrIsTTY: false,
    },
  };
}
