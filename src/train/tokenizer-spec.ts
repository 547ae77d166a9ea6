/**
 * The `--tokenizer` choice: `char` (one token per character), `bpe:N` (byte-level BPE with N
 * ids trained on the training text) or the path of an existing `tokenizer.json`; how each is
 * built for a new run and restored exactly from a checkpoint's `tokenizer.json`.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TrainError } from "./errors.ts";
import {
  ByteLevelBpeTokenizer,
  CharTokenizer,
  loadTokenizer,
  type TextTokenizer,
  trainByteLevelBpe,
  trainCharTokenizer,
} from "./tokenizer/index.ts";

/** A parsed `--tokenizer` value. */
export type TokenizerSpec =
  | { readonly kind: "char" }
  | { readonly kind: "bpe"; readonly vocabSize: number }
  | { readonly kind: "file"; readonly path: string };

/** Smallest byte-level BPE: 3 special tokens + 256 bytes. */
const MIN_BPE = 259;

/** Parses `char`, `bpe:N` or a path; throws a TrainError naming the accepted forms. */
export function parseTokenizerSpec(text: string): TokenizerSpec {
  if (text === "char") return { kind: "char" };
  const bpe = /^bpe:(.*)$/.exec(text);
  if (bpe) {
    const n = /^\d+$/.test(bpe[1]!) ? Number(bpe[1]) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < MIN_BPE) {
      throw new TrainError(
        `--tokenizer bpe:N needs an integer N >= ${MIN_BPE} (3 special + 256 byte tokens), ` +
          `got "${text}"`,
      );
    }
    return { kind: "bpe", vocabSize: n };
  }
  if (text === "") throw new TrainError("--tokenizer is empty; use char, bpe:N or a path");
  return { kind: "file", path: text };
}

/** The spec as written on the command line. */
export function formatTokenizerSpec(spec: TokenizerSpec): string {
  if (spec.kind === "char") return "char";
  return spec.kind === "bpe" ? `bpe:${spec.vocabSize}` : spec.path;
}

/**
 * A tokenizer for a new run. BPE merges are learned from the training text only. A character
 * vocabulary is taken from the whole corpus: it carries no statistics, and a character that
 * occurs only in the validation text would otherwise make that text unencodable.
 */
export async function buildTokenizer(
  spec: TokenizerSpec,
  corpus: { train: string; full: string },
): Promise<TextTokenizer> {
  if (spec.kind === "char") return trainCharTokenizer(corpus.full);
  if (spec.kind === "bpe") return trainByteLevelBpe(corpus.train, { vocabSize: spec.vocabSize });
  const isDir = statSync(spec.path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const file = isDir ? join(spec.path, "tokenizer.json") : spec.path;
  if (statSync(file, { throwIfNoEntry: false }) === undefined) {
    throw new TrainError(
      `--tokenizer: ${file} does not exist (expected char, bpe:N or a tokenizer.json path)`,
    );
  }
  return loadTokenizer(file);
}

/**
 * The tokenizer saved with a run in `file` (a checkpoint's tokenizer.json), rebuilt as the
 * same implementation that trained it, so the token stream of a resumed run is identical.
 * Errors name the file.
 */
export async function restoreTokenizer(spec: TokenizerSpec, file: string): Promise<TextTokenizer> {
  try {
    if (spec.kind === "file") return await loadTokenizer(file);
    const json: unknown = JSON.parse(readFileSync(file, "utf8"));
    return spec.kind === "char"
      ? CharTokenizer.fromJSON(json)
      : ByteLevelBpeTokenizer.fromJSON(json);
  } catch (err) {
    throw new TrainError(`${file}: cannot rebuild the tokenizer: ${(err as Error).message}`);
  }
}

/** Ids of `text` as the model's input stream; `what` names the text in errors. */
export function encodeText(tok: TextTokenizer, text: string, what: string): Int32Array {
  let ids: Uint32Array;
  try {
    ids = tok.encode(text);
  } catch (err) {
    throw new TrainError(`cannot tokenize the ${what}: ${(err as Error).message}`);
  }
  return Int32Array.from(ids);
}
