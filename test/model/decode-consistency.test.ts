// Incremental decoding with the layered cache must reproduce full-sequence logits at every
// position (f32, relative error < 1e-4): prompts ending just before, on and after compression
// boundaries (CSA ratio 4, HCA ratio 16 in the nano preset), prompts shorter than the window,
// and a run long enough to wrap the 16-slot ring buffer several times.
import assert from "node:assert/strict";
import { test } from "node:test";
import { disposeCache } from "../../src/model/cache.ts";
import { initParams } from "../../src/model/init.ts";
import {
  createCache,
  createModel,
  decodeStep,
  forward,
  type Model,
  prefill,
} from "../../src/model/model.ts";
import { getPreset, withVocabSize } from "../../src/model/presets.ts";
import { noGrad, Rng, tidy } from "../../src/tensor/index.ts";

const VOCAB = 97;
const cfg = withVocabSize(getPreset("nano"), VOCAB);
const model: Model = createModel(cfg, initParams(cfg, 2024));
const rng = new Rng(5);
const LONG = 72; // 4.5 turns of the 16-slot window, 4 HCA entries, 18 CSA entries
const tokens = Int32Array.from({ length: LONG }, () => rng.int(VOCAB));
const full = tidy(() => noGrad(() => forward(model, tokens, 1, LONG).logits.toArray()));

/** Logits of prefill(P) followed by single-token decode steps up to `length`. */
function incremental(P: number, length: number): Float32Array {
  const out = new Float32Array(length * VOCAB);
  const cache = createCache(model, 1);
  if (P > 0) tidy(() => out.set(prefill(model, tokens.slice(0, P), 1, P, cache).logits.toArray()));
  for (let t = P; t < length; t++) {
    tidy(() =>
      out.set(decodeStep(model, cache, tokens.slice(t, t + 1)).logits.toArray(), t * VOCAB),
    );
  }
  disposeCache(cache);
  return out;
}

/** Worst relative error max|a − b| / max|b| per position, over positions [0, length). */
function worstRelative(got: Float32Array, length: number): number {
  let worst = 0;
  for (let t = 0; t < length; t++) {
    let diff = 0;
    let scale = 1e-6;
    for (let v = 0; v < VOCAB; v++) {
      const i = t * VOCAB + v;
      diff = Math.max(diff, Math.abs(got[i]! - full[i]!));
      scale = Math.max(scale, Math.abs(full[i]!));
    }
    worst = Math.max(worst, diff / scale);
  }
  return worst;
}

test("prefill-only logits equal the full forward's prefix (causality)", () => {
  for (const P of [1, 5, 16, 33]) {
    const got = incremental(P, P);
    assert.ok(worstRelative(got, P) < 1e-4, `prefix of length ${P}`);
  }
});

test("token-by-token decode from the start wraps the ring buffer and matches", () => {
  const err = worstRelative(incremental(0, LONG), LONG);
  assert.ok(err < 1e-4, `relative error ${err}`);
});

test("prefill then decode across every kind of boundary matches", () => {
  // CSA boundaries at multiples of 4, HCA at 16, window 16: before, on and after each.
  for (const P of [3, 4, 5, 15, 16, 17, 31, 32, 33, 47, 48, 49]) {
    const length = Math.min(LONG, P + 12);
    const err = worstRelative(incremental(P, length), length);
    assert.ok(err < 1e-4, `prefill ${P}: relative error ${err}`);
  }
});

test("a fresh cache carries nothing from an earlier sequence", () => {
  const a = incremental(0, 6);
  incremental(0, 20);
  const b = incremental(0, 6);
  assert.deepEqual(b, a);
});
