/**
 * Reading a checkpoint's `generation_config.json` (the Hugging Face file of default sampling
 * settings and special ids). Every field is optional; fields this code does not use are
 * ignored, the ones it uses are type-checked.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ModelError } from "./params.ts";

/** The fields of generation_config.json that generation uses. */
export interface GenerationDefaults {
  temperature?: number;
  topP?: number;
  topK?: number;
  /** HF semantics: false means greedy decoding whatever the temperature. */
  doSample?: boolean;
  bosTokenId?: number;
  /** One id or several; stored as a list. */
  eosTokenIds?: number[];
}

/** File name of the defaults inside a checkpoint directory. */
export const GENERATION_CONFIG_FILE = "generation_config.json";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Typed fields of a parsed generation_config.json. Throws a ModelError naming `source` and
 * the field when a used field has the wrong type: temperature/top_p numbers, top_k, bos and
 * eos ids non-negative integers (eos_token_id also a list of them), do_sample a boolean.
 * Range checks of the sampling values happen where they are used.
 */
export function parseGenerationConfig(json: unknown, source: string): GenerationDefaults {
  if (!isRecord(json)) throw new ModelError(`${source}: expected a JSON object`);
  const out: GenerationDefaults = {};
  const fail = (key: string, expected: string): never => {
    throw new ModelError(
      `${source}: "${key}" must be ${expected}, got ${JSON.stringify(json[key])}`,
    );
  };
  const isId = (v: unknown): v is number => Number.isInteger(v) && Number(v) >= 0;
  const num = (key: string): number | undefined => {
    const v = json[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === "number" && Number.isFinite(v) ? v : fail(key, "a number");
  };
  const id = (key: string): number | undefined => {
    const v = json[key];
    if (v === undefined || v === null) return undefined;
    return isId(v) ? v : fail(key, "a non-negative integer");
  };
  const temperature = num("temperature");
  if (temperature !== undefined) out.temperature = temperature;
  const topP = num("top_p");
  if (topP !== undefined) out.topP = topP;
  const topK = id("top_k");
  if (topK !== undefined) out.topK = topK;
  const doSample = json.do_sample;
  if (doSample !== undefined && doSample !== null) {
    out.doSample = typeof doSample === "boolean" ? doSample : fail("do_sample", "a boolean");
  }
  const bos = id("bos_token_id");
  if (bos !== undefined) out.bosTokenId = bos;
  const eos = json.eos_token_id;
  if (Array.isArray(eos)) {
    out.eosTokenIds = eos.every(isId) ? [...eos] : fail("eos_token_id", "an id or a list of ids");
  } else if (eos !== undefined && eos !== null) {
    out.eosTokenIds = [isId(eos) ? eos : fail("eos_token_id", "an id or a list of ids")];
  }
  return out;
}

/**
 * The defaults in `dir/generation_config.json`, or null when the file does not exist. Throws
 * a ModelError naming the file when it cannot be read, is not JSON or has mistyped fields.
 */
export function readGenerationConfig(dir: string): GenerationDefaults | null {
  const path = join(dir, GENERATION_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if (isRecord(err) && err.code === "ENOENT") return null;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ModelError(`cannot read ${path}: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ModelError(`${path} is not valid JSON: ${reason}`);
  }
  return parseGenerationConfig(json, path);
}
