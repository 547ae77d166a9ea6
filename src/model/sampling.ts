/**
 * Choosing the next token from a row of logits: greedy at temperature 0, otherwise a draw from
 * softmax(logits / T) restricted to the k most likely tokens and then to the nucleus (the
 * smallest most-likely set whose probability reaches p).
 */
import type { Rng } from "../tensor/index.ts";

/** How `sampleNext` picks a token. */
export interface SamplingOptions {
  /** 0 picks the most likely token; larger values flatten the distribution. */
  temperature: number;
  /** Keep only the k most likely tokens; 0 keeps all. */
  topK: number;
  /** Keep the smallest most-likely set with total probability ≥ p; 1 keeps all. */
  topP: number;
}

/**
 * Throws a RangeError naming the option when `opts` is out of range: temperature must be a
 * finite number ≥ 0, topK an integer ≥ 0, topP a number in (0, 1].
 */
export function checkSamplingOptions(opts: SamplingOptions): void {
  const { temperature, topK, topP } = opts;
  if (!(Number.isFinite(temperature) && temperature >= 0)) {
    throw new RangeError(
      `sampling: temperature must be a finite number >= 0 (0 = greedy), got ${temperature}`,
    );
  }
  if (!(Number.isInteger(topK) && topK >= 0)) {
    throw new RangeError(`sampling: top_k must be an integer >= 0 (0 = off), got ${topK}`);
  }
  if (!(topP > 0 && topP <= 1)) {
    throw new RangeError(`sampling: top_p must be in (0, 1] (1 = off), got ${topP}`);
  }
}

/** Index of the largest logit, the lowest index among equals; throws on NaN. */
export function argmaxLogits(logits: Float32Array): number {
  if (logits.length === 0) throw new RangeError("sampling: logits are empty");
  let best = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (Number.isNaN(v)) throw new RangeError(`sampling: logit of token ${i} is NaN`);
    if (v > logits[best]!) best = i;
  }
  return best;
}

/** Token ids ordered by logit, largest first, ties to the lower id. */
function rankByLogit(logits: Float32Array): Uint32Array {
  const order = new Uint32Array(logits.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => logits[b]! - logits[a]! || a - b);
}

/**
 * The next token id for one row of logits [V]. temperature 0 is greedy (argmax, ties to the
 * lowest id) and consumes no randomness. Otherwise p_i ∝ exp((l_i − max l) / T) over the
 * candidates: the top `topK` ids by logit (all when 0), then the shortest prefix of those,
 * by descending probability, whose renormalised mass reaches `topP` (at least one token).
 * One `rng.uniform()` draw picks from the renormalised candidates. Throws on invalid options
 * (see `checkSamplingOptions`) and on NaN logits.
 */
export function sampleNext(logits: Float32Array, opts: SamplingOptions, rng: Rng): number {
  checkSamplingOptions(opts);
  const top = argmaxLogits(logits);
  if (opts.temperature === 0) return top;
  const V = logits.length;
  const k = opts.topK > 0 ? Math.min(opts.topK, V) : V;
  // Without truncation the order of the candidates does not change the distribution, so the
  // O(V log V) ranking is only paid for when top-k or top-p needs it.
  const truncated = k < V || opts.topP < 1;
  const candidates = truncated ? rankByLogit(logits).subarray(0, k) : null;
  const n = candidates === null ? V : k;
  const idAt = (j: number): number => (candidates === null ? j : candidates[j]!);
  const maxLogit = logits[top]!;
  // An infinite maximum holds all the probability (and would make exp() below NaN).
  if (!Number.isFinite(maxLogit)) return top;
  const weights = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    // Subtracting the maximum keeps exp() ≤ 1; the most likely token has weight exactly 1.
    const w = Math.exp((logits[idAt(j)]! - maxLogit) / opts.temperature);
    weights[j] = w;
    total += w;
  }
  let kept = n;
  if (opts.topP < 1) {
    // A set whose mass equals p up to float32 rounding of the logits counts as reaching p.
    const target = opts.topP * total * (1 - 1e-6);
    let mass = 0;
    kept = 0;
    while (kept < n && mass < target) mass += weights[kept++]!;
    kept = Math.max(kept, 1);
    total = mass > 0 ? mass : weights[0]!;
  }
  let u = rng.uniform() * total;
  for (let j = 0; j < kept; j++) {
    u -= weights[j]!;
    if (u < 0) return idAt(j);
  }
  // Rounding can leave u a hair above zero after the last weight; the last candidate with
  // non-zero weight is the one the draw fell into.
  for (let j = kept - 1; j >= 0; j--) if (weights[j]! > 0) return idAt(j);
  return top;
}
