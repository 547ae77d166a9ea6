/**
 * Training text and batches: the corpus read strictly as UTF-8, split into training and
 * validation text (the last 10%), and random windows of the token stream drawn from a seeded
 * generator, so that the generator state alone says where the data stream stands.
 */
import { readFileSync, statSync } from "node:fs";
import type { TrainBatch } from "../model/training-loss.ts";
import { Rng } from "../tensor/index.ts";
import { TrainError } from "./errors.ts";

/** Fraction of the corpus, taken from its end, held out for validation. */
export const VALIDATION_FRACTION = 0.1;

/**
 * The text of `path`. Throws a TrainError naming the file when it does not exist, is a
 * directory, holds a NUL byte (a binary file), is not valid UTF-8, or is empty.
 */
export function readCorpus(path: string): string {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined) throw new TrainError(`data file ${path} does not exist`);
  if (info.isDirectory()) throw new TrainError(`data file ${path} is a directory, not a text file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new TrainError(`cannot read data file ${path}: ${(err as Error).message}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new TrainError(
      `data file ${path} looks binary (NUL byte at offset ${nul}); expected UTF-8 text`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new TrainError(`data file ${path} is not valid UTF-8 text`);
  }
  if (text.length === 0) {
    throw new TrainError(`data file ${path} is empty; expected UTF-8 text`);
  }
  return text;
}

/**
 * Splits `text` into training text and the last `valFraction` of it as validation text, cut
 * between code points (never inside a surrogate pair).
 */
export function splitCorpus(
  text: string,
  valFraction = VALIDATION_FRACTION,
): { train: string; val: string } {
  if (!(valFraction > 0 && valFraction < 1)) {
    throw new RangeError(`splitCorpus: valFraction must be in (0, 1), got ${valFraction}`);
  }
  let cut = Math.floor(text.length * (1 - valFraction));
  const code = text.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut--; // step back before a low surrogate
  return { train: text.slice(0, cut), val: text.slice(cut) };
}

/** Tokens needed for one training window: seq inputs plus the two further targets. */
export function windowLength(seq: number): number {
  return seq + 2;
}

/** Throws a TrainError unless `tokens` (the `what`) holds at least one window of `seq`. */
export function checkFits(tokens: Int32Array, seq: number, what: string): void {
  if (tokens.length < windowLength(seq)) {
    throw new TrainError(
      `the ${what} has ${tokens.length} tokens; a window of --seq ${seq} needs ` +
        `${windowLength(seq)} (use a smaller --seq or more text)`,
    );
  }
}

/** The batch of windows starting at `starts`: inputs w[0:T], targets w[1:T+1], w[2:T+2]. */
export function batchAt(tokens: Int32Array, starts: readonly number[], seq: number): TrainBatch {
  const B = starts.length;
  const inputs = new Int32Array(B * seq);
  const targets = new Int32Array(B * seq);
  const mtpTargets = new Int32Array(B * seq);
  starts.forEach((s, b) => {
    inputs.set(tokens.subarray(s, s + seq), b * seq);
    targets.set(tokens.subarray(s + 1, s + seq + 1), b * seq);
    mtpTargets.set(tokens.subarray(s + 2, s + seq + 2), b * seq);
  });
  return { batch: B, seq, inputs, targets, mtpTargets };
}

/**
 * Random training windows of a token stream. Each batch draws `batch` start positions
 * uniformly from the seeded generator; `getState`/`setState` capture the generator, which is
 * the whole position of the data stream, so a resumed run draws the same batches.
 */
export class BatchSampler {
  private readonly rng: Rng;

  constructor(
    readonly tokens: Int32Array,
    readonly batch: number,
    readonly seq: number,
    seed: number,
  ) {
    checkFits(tokens, seq, "training split");
    this.rng = new Rng(seed);
  }

  /** The next batch [batch, seq]. */
  next(): TrainBatch {
    const windows = this.tokens.length - windowLength(this.seq) + 1;
    const starts = Array.from({ length: this.batch }, () => this.rng.int(windows));
    return batchAt(this.tokens, starts, this.seq);
  }

  /** The generator state (JSON-safe: a missing normal spare is null). */
  getState(): (number | null)[] {
    return this.rng.getState().map((v) => (Number.isNaN(v) ? null : v));
  }

  /** Restores a state from `getState`. */
  setState(state: readonly (number | null)[]): void {
    this.rng.setState(state.map((v) => v ?? Number.NaN));
  }
}

/**
 * `count` fixed evaluation batches spread evenly over `tokens` (the same windows at every
 * evaluation, so successive losses are comparable and no generator state is consumed).
 */
export function evalBatches(
  tokens: Int32Array,
  batch: number,
  seq: number,
  count: number,
  what: string,
): TrainBatch[] {
  checkFits(tokens, seq, what);
  const windows = tokens.length - windowLength(seq) + 1;
  const n = batch * count;
  const starts = Array.from({ length: n }, (_, i) => Math.floor((i * windows) / n));
  return Array.from({ length: count }, (_, k) =>
    batchAt(tokens, starts.slice(k * batch, (k + 1) * batch), seq),
  );
}
