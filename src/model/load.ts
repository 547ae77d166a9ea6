/**
 * Reading model weights from a Hugging Face-style checkpoint directory: `config.json` plus
 * `model.safetensors` (or shards with an index). Float tensors become f32, integer tensors i32.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isIntegerDtype, openCheckpoint } from "../io/index.ts";
import { keep, tensor } from "../tensor/index.ts";
import type { ModelConfig } from "./config.ts";
import { parseConfig } from "./config-parse.ts";
import { ModelError, type Params } from "./params.ts";

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

/** Every tensor of the checkpoint in `dir`, by name. */
export function loadParams(dir: string): Params {
  const ckpt = openCheckpoint(dir);
  const params: Params = new Map();
  try {
    for (const name of ckpt.names) {
      const { dtype, shape } = ckpt.info(name);
      const data = isIntegerDtype(dtype) ? ckpt.readInt32(name) : ckpt.readFloat32(name);
      params.set(name, keep(tensor(data, shape)));
    }
  } finally {
    ckpt.close();
  }
  return params;
}
