/**
 * Next-token cross-entropy of a model over a token stream, in non-overlapping windows: window w
 * reads ids[w·seq, w·seq + seq) and predicts ids[w·seq + 1, w·seq + seq + 1), so every token
 * after the first is predicted exactly once, from at most `seq` tokens of context.
 */
import { crossEntropy, noGrad, tensor, tidy } from "../tensor/index.ts";
import { forward, type Model } from "./model.ts";

/** Options of `evaluateTokens`. */
export interface EvaluateOptions {
  /** Tokens of context per window. */
  seq: number;
  /** Windows per forward pass. */
  batch: number;
  /** Evaluate at most this many windows (from the start); all when omitted. */
  maxWindows?: number;
  /** Called after each forward pass with windows done and windows planned. */
  onProgress?: (done: number, total: number) => void;
}

/** Totals of `evaluateTokens`. */
export interface EvaluateTotals {
  /** Sum of −ln p(target) over every predicted token (nats). */
  nats: number;
  /** Number of predicted tokens. */
  tokens: number;
  /** Windows evaluated; the last one may be shorter than seq. */
  windows: number;
  /** Mean loss: nats / tokens. */
  loss: number;
}

/** The windows of a stream of n ids: [start, length] with length ≤ seq, in order. */
export function evalWindows(
  n: number,
  seq: number,
  maxWindows = Infinity,
): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (let start = 0; start + 1 < n && windows.length < maxWindows; start += seq) {
    windows.push([start, Math.min(seq, n - 1 - start)]);
  }
  return windows;
}

function checkPositiveInt(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`evaluateTokens: ${name} must be an integer >= 1, got ${value}`);
  }
}

/**
 * Summed and mean next-token cross-entropy of `model` over `ids` (see the module comment for
 * the windows). Windows of equal length are batched `batch` at a time; the loss is summed in
 * float64 across batches. Throws when fewer than 2 ids are given (nothing to predict), on bad
 * options, and on ids outside the model's vocabulary.
 */
export function evaluateTokens(
  model: Model,
  ids: Int32Array,
  opts: EvaluateOptions,
): EvaluateTotals {
  checkPositiveInt(opts.seq, "seq");
  checkPositiveInt(opts.batch, "batch");
  if (opts.maxWindows !== undefined) checkPositiveInt(opts.maxWindows, "maxWindows");
  if (ids.length < 2) {
    throw new RangeError(
      `evaluateTokens: need at least 2 tokens to predict one, got ${ids.length}`,
    );
  }
  const V = model.cfg.vocabSize;
  ids.forEach((id, i) => {
    if (!(id >= 0 && id < V)) {
      throw new RangeError(
        `evaluateTokens: token id ${id} at position ${i} is outside the vocabulary [0, ${V})`,
      );
    }
  });
  const windows = evalWindows(ids.length, opts.seq, opts.maxWindows);
  let nats = 0;
  let tokens = 0;
  let done = 0;
  while (done < windows.length) {
    // A group is up to `batch` consecutive windows of the same length (only the last window
    // can be shorter).
    const T = windows[done]![1];
    let B = 0;
    while (B < opts.batch && done + B < windows.length && windows[done + B]![1] === T) B++;
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const start = windows[done + b]![0];
      inputs.set(ids.subarray(start, start + T), b * T);
      targets.set(ids.subarray(start + 1, start + 1 + T), b * T);
    }
    nats += tidy(() =>
      noGrad(() => {
        const { logits } = forward(model, inputs, B, T);
        return crossEntropy(logits.reshape([B * T, V]), tensor(targets, [B * T]), {
          reduction: "sum",
        }).item();
      }),
    );
    tokens += B * T;
    done += B;
    opts.onProgress?.(done, windows.length);
  }
  return { nats, tokens, windows: windows.length, loss: nats / tokens };
}
