/**
 * A quick look at what a model learned: text continued from a prompt with the incremental
 * decode cache (one prefill, then one decode step per token), sampled at a temperature, and
 * detokenized as a stream so characters split across tokens come out whole.
 */
import { disposeCache } from "../model/cache.ts";
import { createCache, decodeStep, type Model, prefill } from "../model/model.ts";
import { Rng, type Tensor, tidy } from "../tensor/index.ts";
import { createStreamDecoder, type TextTokenizer } from "./tokenizer/index.ts";

export interface SampleOptions {
  /** Number of tokens to generate. */
  maxNewTokens: number;
  /** Softmax temperature; 0 picks the most likely token (greedy). */
  temperature: number;
  /** Seed of the sampling generator. */
  seed: number;
  /** Receives text as soon as it is complete. */
  onText?: (text: string) => void;
}

/** The last position's logits of [1, T, V] as a host array. */
function lastLogits(logits: Tensor): Float32Array {
  const T = logits.shape[1]!;
  const row = logits.slice(1, T - 1, T).toArray();
  return row instanceof Float32Array ? row : Float32Array.from(row);
}

/** An id drawn from softmax(logits / temperature), or the argmax when temperature is 0. */
export function pickToken(logits: Float32Array, temperature: number, rng: Rng): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  if (temperature === 0) return best;
  // Shifting by the maximum keeps exp() in range; the weights are unnormalised softmax.
  const top = logits[best]!;
  const weights = Array.from(logits, (l) => Math.exp((l - top) / temperature));
  let r = rng.uniform() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return best;
}

/**
 * Continues `prompt` by `maxNewTokens` tokens (an empty prompt starts from BOS) and returns
 * the new text. Throws RangeError for a negative token count or temperature.
 */
export function sampleText(
  model: Model,
  tok: TextTokenizer,
  prompt: string,
  o: SampleOptions,
): string {
  if (!(Number.isInteger(o.maxNewTokens) && o.maxNewTokens >= 0)) {
    throw new RangeError(`sampleText: maxNewTokens must be an integer >= 0, got ${o.maxNewTokens}`);
  }
  if (!(o.temperature >= 0)) {
    throw new RangeError(`sampleText: temperature must be >= 0, got ${o.temperature}`);
  }
  let ids = Int32Array.from(tok.encode(prompt));
  if (ids.length === 0) ids = Int32Array.of(tok.bosId ?? model.cfg.bosTokenId);
  const rng = new Rng(o.seed);
  const decoder = createStreamDecoder(tok);
  const cache = createCache(model, 1);
  let text = "";
  const emit = (piece: string) => {
    if (piece === "") return;
    text += piece;
    o.onText?.(piece);
  };
  try {
    let logits = tidy(() => lastLogits(prefill(model, ids, 1, ids.length, cache).logits));
    for (let i = 0; i < o.maxNewTokens; i++) {
      const next = pickToken(logits, o.temperature, rng);
      emit(decoder.push(next));
      if (i + 1 < o.maxNewTokens) {
        logits = tidy(() => lastLogits(decodeStep(model, cache, Int32Array.of(next)).logits));
      }
    }
    emit(decoder.flush());
  } finally {
    disposeCache(cache);
  }
  return text;
}
