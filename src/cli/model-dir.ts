/**
 * Opening a checkpoint directory for inference (`generate`, `eval`): config.json, the weights
 * (model.safetensors or a sharded index), tokenizer.json and the optional
 * generation_config.json. Missing pieces are reported by path before anything is parsed.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { INDEX_FILE, SINGLE_FILE } from "../io/index.ts";
import { type GenerationDefaults, readGenerationConfig } from "../model/generation-config.ts";
import { loadWeights, readConfig } from "../model/load.ts";
import { createModel, type Model } from "../model/model.ts";
import { loadTokenizer, type TextTokenizer } from "../train/tokenizer/index.ts";
import { CliError } from "./errors.ts";

/** A checkpoint ready to run. */
export interface ModelDir {
  dir: string;
  model: Model;
  tokenizer: TextTokenizer;
  /** The generation_config.json fields, empty when the file is absent. */
  generation: GenerationDefaults;
}

const LAYOUT = "a model directory holds config.json, model.safetensors and tokenizer.json";

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Throws a CliError (prefixed with `command`, e.g. "tessera eval") naming the first missing
 * piece of `dir`: the directory itself, config.json, the weights, tokenizer.json.
 */
export function checkModelDir(command: string, dir: string): void {
  if (!existsSync(dir)) throw new CliError(`${command}: model directory ${dir} does not exist`);
  if (!isDirectory(dir)) {
    throw new CliError(`${command}: --model ${dir} is not a directory (${LAYOUT})`);
  }
  const config = join(dir, "config.json");
  if (!existsSync(config)) throw new CliError(`${command}: ${config} not found (${LAYOUT})`);
  if (!existsSync(join(dir, SINGLE_FILE)) && !existsSync(join(dir, INDEX_FILE))) {
    throw new CliError(
      `${command}: no weights in ${dir}: neither ${SINGLE_FILE} nor ${INDEX_FILE} (${LAYOUT})`,
    );
  }
  const tokenizer = join(dir, "tokenizer.json");
  if (!existsSync(tokenizer)) throw new CliError(`${command}: ${tokenizer} not found (${LAYOUT})`);
}

/**
 * Loads the checkpoint in `dir` (see `checkModelDir` for the checks made first). Parse errors
 * of the files propagate with the file named by the reader that found them.
 */
export async function loadModelDir(command: string, dir: string): Promise<ModelDir> {
  checkModelDir(command, dir);
  const cfg = readConfig(dir);
  const tokenizer = await loadTokenizer(join(dir, "tokenizer.json"));
  const generation = readGenerationConfig(dir) ?? {};
  // Quantized weights (FP4 experts, FP8 projections) stay packed where the device can use them.
  const { params, packed } = loadWeights(dir);
  const model = createModel(cfg, params, packed);
  return { dir, model, tokenizer, generation };
}
