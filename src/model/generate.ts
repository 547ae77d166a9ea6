/**
 * Autoregressive generation with the incremental cache: one prefill of the prompt, then one
 * `decodeStep` per new token, so each step costs one token's compute instead of the whole
 * sequence's.
 */
import { Rng, type Tensor, tidy } from "../tensor/index.ts";
import { disposeCache } from "./cache.ts";
import { createCache, decodeStep, type Model, prefill } from "./model.ts";
import { ModelError } from "./params.ts";
import { checkSamplingOptions, type SamplingOptions, sampleNext } from "./sampling.ts";

/** Options of `generate`. */
export interface GenerateOptions extends SamplingOptions {
  /** Upper bound on the number of new tokens. */
  maxNewTokens: number;
  /** Seed of the sampling generator: the same seed gives the same tokens. */
  seed: number;
  /** Ids that end generation (e.g. EOS); the stop token itself is not returned. */
  stopIds?: Iterable<number>;
  /** Id to start from when the prompt is empty; without it an empty prompt is an error. */
  bosId?: number;
  /**
   * Sample only ids below this, e.g. the tokenizer's size when the model's vocabulary is
   * padded beyond it; defaults to the model's vocabulary size.
   */
  vocabLimit?: number;
  /** Ids never to produce, e.g. BOS and PAD, which have no place inside a text. */
  bannedIds?: Iterable<number>;
}

/** What `generate` produced. */
export interface GenerateResult {
  /** The new tokens, in order, without the prompt and without a stop token. */
  ids: Int32Array;
  /** "stop" when a stop id ended generation, "length" when maxNewTokens was reached. */
  reason: "stop" | "length";
}

/** The last position's row of logits [B=1, T, V] as a host array [V]. */
function lastRow(logits: Tensor): Float32Array {
  const [, T, V] = logits.shape;
  const row = logits.slice(1, T! - 1, T!).toArray();
  if (row.length !== V) throw new ModelError(`generate: logits row has ${row.length} != ${V}`);
  return row instanceof Float32Array ? row : Float32Array.from(row);
}

function checkOptions(model: Model, promptLength: number, opts: GenerateOptions): void {
  checkSamplingOptions(opts);
  const { maxNewTokens, seed } = opts;
  if (!(Number.isInteger(maxNewTokens) && maxNewTokens >= 0)) {
    throw new RangeError(`generate: maxNewTokens must be an integer >= 0, got ${maxNewTokens}`);
  }
  if (!Number.isInteger(seed)) {
    throw new RangeError(`generate: seed must be an integer, got ${seed}`);
  }
  const V = model.cfg.vocabSize;
  const { vocabLimit = V } = opts;
  if (!(Number.isInteger(vocabLimit) && vocabLimit >= 1 && vocabLimit <= V)) {
    throw new RangeError(`generate: vocabLimit must be an integer in [1, ${V}], got ${vocabLimit}`);
  }
  const limit = model.cfg.maxPositionEmbeddings;
  if (promptLength + maxNewTokens > limit) {
    throw new RangeError(
      `generate: prompt (${promptLength} tokens) + maxNewTokens (${maxNewTokens}) exceeds the ` +
        `model's max_position_embeddings (${limit})`,
    );
  }
}

/**
 * Continues `promptIds` (each in [0, vocabSize)) by up to `maxNewTokens` tokens of one
 * sequence, calling `onToken` with each new id as soon as it is chosen. An empty prompt starts
 * from `bosId` (an error when it is not given). Generation stops early at the first id in
 * `stopIds`, which is neither passed to `onToken` nor returned; only ids below `vocabLimit`
 * are sampled. Every step runs inside its own scope and the cache is disposed before
 * returning, also when `onToken` throws. Throws on invalid options (RangeError) and on
 * out-of-vocabulary prompt ids (ModelError).
 */
export function generate(
  model: Model,
  promptIds: ArrayLike<number>,
  opts: GenerateOptions,
  onToken?: (id: number) => void,
): GenerateResult {
  let prompt = Int32Array.from(promptIds);
  if (prompt.length === 0) {
    if (opts.bosId === undefined) {
      throw new ModelError("generate: the prompt is empty and no BOS token is known to start from");
    }
    prompt = Int32Array.of(opts.bosId);
  }
  checkOptions(model, prompt.length, opts);
  const stops = new Set(opts.stopIds ?? []);
  const banned = [...(opts.bannedIds ?? [])].filter((b) => !stops.has(b));
  const vocabLimit = opts.vocabLimit ?? model.cfg.vocabSize;
  const rng = new Rng(opts.seed);
  const out: number[] = [];
  if (opts.maxNewTokens === 0) return { ids: new Int32Array(0), reason: "length" };
  const cache = createCache(model, 1);
  try {
    const T = prompt.length;
    let logits = tidy(() => lastRow(prefill(model, prompt, 1, T, cache).logits));
    for (;;) {
      // Ids from the limit up are the last columns, so dropping them is a prefix view.
      const row = logits.subarray(0, vocabLimit);
      for (const b of banned) if (b < row.length) row[b] = Number.NEGATIVE_INFINITY;
      const id = sampleNext(row, opts, rng);
      if (stops.has(id)) return { ids: Int32Array.from(out), reason: "stop" };
      out.push(id);
      onToken?.(id);
      // The last token needs no forward pass: nothing will read its logits.
      if (out.length === opts.maxNewTokens) return { ids: Int32Array.from(out), reason: "length" };
      logits = tidy(() => lastRow(decodeStep(model, cache, Int32Array.of(id)).logits));
    }
  } finally {
    disposeCache(cache);
  }
}
