import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type HfTokenizer, hfTokenizerFromJSON } from "./hf-tokenizer.ts";
import { isRecord } from "./json-checks.ts";

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = isRecord(err) ? err.code : undefined;
    if (code === "ENOENT") throw new Error(`loadTokenizer: file not found: ${path}`);
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`loadTokenizer: cannot read ${path}: ${message}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`loadTokenizer: ${path} is not valid JSON: ${message}`, { cause: err });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads a Hugging Face `tokenizer.json` (Tessera's own or any other model's) through
 * `@huggingface/tokenizers`. `path` is the file or a directory holding `tokenizer.json`. A
 * `tokenizer_config.json` next to it, when present, supplies the BOS/EOS/PAD token names and
 * the decode clean-up flag. Errors name the path: missing file, invalid JSON, or a format the
 * library rejects.
 */
export async function loadTokenizer(path: string): Promise<HfTokenizer> {
  const file = (await isDirectory(path)) ? join(path, "tokenizer.json") : path;
  const json = await readJson(file);
  const configPath = join(dirname(file), "tokenizer_config.json");
  let config: Record<string, unknown> = {};
  if (await exists(configPath)) {
    const parsed = await readJson(configPath);
    if (!isRecord(parsed)) throw new Error(`loadTokenizer: ${configPath} must hold a JSON object`);
    config = parsed;
  }
  return hfTokenizerFromJSON(json, { config, source: file });
}
