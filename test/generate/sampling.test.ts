import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { argmaxLogits, type SamplingOptions, sampleNext } from "../../src/model/sampling.ts";
import { Rng } from "../../src/tensor/index.ts";

const GREEDY: SamplingOptions = { temperature: 0, topK: 0, topP: 1 };

/** softmax(logits / T) in float64. */
function softmax(logits: readonly number[], T: number): number[] {
  const m = Math.max(...logits);
  const w = logits.map((l) => Math.exp((l - m) / T));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/** Frequencies of each id over n seeded draws. */
function frequencies(logits: readonly number[], opts: SamplingOptions, n: number, seed = 7) {
  const rng = new Rng(seed);
  const row = Float32Array.from(logits);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < n; i++) counts[sampleNext(row, opts, rng)]!++;
  return counts.map((c) => c / n);
}

/** Asserts each observed frequency is within 5 standard errors of its probability. */
function assertMatches(observed: number[], expected: number[], n: number): void {
  expected.forEach((p, i) => {
    const tol = 5 * Math.sqrt((p * (1 - p)) / n) + 1e-12;
    assert.ok(
      Math.abs(observed[i]! - p) <= tol,
      `id ${i}: observed ${observed[i]} expected ${p} ± ${tol}`,
    );
  });
}

describe("sampleNext", () => {
  it("temperature 0 is argmax, ties to the lowest id, and draws no random number", () => {
    const rng = new Rng(1);
    const before = rng.getState();
    assert.equal(sampleNext(Float32Array.of(0.1, 2, -3, 1.9), GREEDY, rng), 1);
    assert.equal(sampleNext(Float32Array.of(-1, 5, 0, 5, 5), GREEDY, rng), 1);
    assert.equal(sampleNext(Float32Array.of(-Infinity, -2), GREEDY, rng), 1);
    assert.deepEqual(rng.getState(), before);
    assert.equal(argmaxLogits(Float32Array.of(3, 3)), 0);
  });

  it("top-k = 1 and a tiny top-p both equal greedy at any temperature", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 200; trial++) {
      const row = Float32Array.from({ length: 50 }, () => rng.normal() * 3);
      const best = sampleNext(row, GREEDY, rng);
      for (const temperature of [0.3, 1, 5]) {
        assert.equal(sampleNext(row, { temperature, topK: 1, topP: 1 }, rng), best);
        assert.equal(sampleNext(row, { temperature, topK: 0, topP: 1e-9 }, rng), best);
      }
    }
  });

  it("draws from softmax(logits / T)", () => {
    const logits = [1, 0.5, -1, 2, 0];
    const n = 20000;
    for (const temperature of [0.7, 1, 2]) {
      const expected = softmax(logits, temperature);
      assertMatches(frequencies(logits, { temperature, topK: 0, topP: 1 }, n), expected, n);
    }
  });

  it("top-k renormalises over the k largest logits", () => {
    const logits = [1, 0.5, -1, 2, 0];
    const n = 20000;
    const top = softmax([1, 2], 1);
    const expected = [top[0]!, 0, 0, top[1]!, 0];
    assertMatches(frequencies(logits, { temperature: 1, topK: 2, topP: 1 }, n), expected, n);
  });

  it("top-p keeps the smallest most-likely set reaching p", () => {
    // Probabilities 0.5, 0.3, 0.15, 0.05 (ids 2, 0, 3, 1).
    const probs = [0.3, 0.05, 0.5, 0.15];
    const logits = probs.map(Math.log);
    const n = 20000;
    // p = 0.75: 0.5 < 0.75 <= 0.8, so ids 2 and 0, renormalised to 0.625 / 0.375.
    const two = [0.375, 0, 0.625, 0];
    assertMatches(frequencies(logits, { temperature: 1, topK: 0, topP: 0.75 }, n), two, n);
    // p = 0.5 is reached by id 2 alone.
    const one = [0, 0, 1, 0];
    assertMatches(frequencies(logits, { temperature: 1, topK: 0, topP: 0.5 }, n), one, n);
    // top-k 3 first (0.3/0.95, 0.5/0.95, 0.15/0.95), then p = 0.9 needs all three.
    const three = [0.3 / 0.95, 0, 0.5 / 0.95, 0.15 / 0.95];
    assertMatches(frequencies(logits, { temperature: 1, topK: 3, topP: 0.9 }, n), three, n);
  });

  it("never draws a token whose logit is -Infinity", () => {
    const row = Float32Array.of(-Infinity, 0, -Infinity, 0.5);
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const id = sampleNext(row, { temperature: 1.5, topK: 0, topP: 1 }, rng);
      assert.ok(id === 1 || id === 3, `drew ${id}`);
    }
  });

  it("the same seed gives the same draws", () => {
    const row = Float32Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const opts = { temperature: 1, topK: 10, topP: 0.9 };
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 50 }, () => sampleNext(row, opts, rng));
    };
    assert.deepEqual(draw(5), draw(5));
    assert.notDeepEqual(draw(5), draw(6));
  });

  it("rejects invalid options and NaN logits with the option named", () => {
    const row = Float32Array.of(0, 1);
    const rng = new Rng(0);
    const bad: Array<[Partial<SamplingOptions>, RegExp]> = [
      [{ temperature: -0.5 }, /temperature must be a finite number >= 0.*-0\.5/],
      [{ temperature: Number.NaN }, /temperature/],
      [{ temperature: Infinity }, /temperature/],
      [{ topK: -1 }, /top_k must be an integer >= 0.*-1/],
      [{ topK: 1.5 }, /top_k.*1\.5/],
      [{ topP: 0 }, /top_p must be in \(0, 1\].*got 0/],
      [{ topP: 1.01 }, /top_p.*1\.01/],
      [{ topP: Number.NaN }, /top_p/],
    ];
    for (const [patch, message] of bad) {
      assert.throws(() => sampleNext(row, { temperature: 1, topK: 0, topP: 1, ...patch }, rng), {
        name: "RangeError",
        message,
      });
    }
    assert.throws(() => sampleNext(Float32Array.of(0, Number.NaN), GREEDY, rng), /token 1 is NaN/);
    assert.throws(() => sampleNext(new Float32Array(0), GREEDY, rng), /empty/);
  });
});
