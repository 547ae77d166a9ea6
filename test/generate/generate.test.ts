import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type GenerateOptions, generate } from "../../src/model/generate.ts";
import { forward } from "../../src/model/model.ts";
import { noGrad, tidy } from "../../src/tensor/index.ts";
import { liveBuffers } from "../helpers/tensors.ts";
import { tinyModel } from "./fixture.ts";

const V = 40;
const model = tinyModel(V, 1);
const GREEDY: GenerateOptions = { temperature: 0, topK: 0, topP: 1, seed: 0, maxNewTokens: 8 };
const SAMPLED: GenerateOptions = { temperature: 1, topK: 0, topP: 1, seed: 3, maxNewTokens: 12 };

/** Logits [T, V] of one full forward pass over `ids`, as a host array. */
function fullLogits(ids: Int32Array): Float32Array {
  return tidy(() =>
    noGrad(() => Float32Array.from(forward(model, ids, 1, ids.length).logits.toArray())),
  );
}

function prompt(length: number, seed: number): Int32Array {
  return Int32Array.from({ length }, (_, i) => (i * 7 + seed * 13 + 3) % V);
}

describe("generate", () => {
  it("is deterministic under a seed and depends on it", () => {
    const p = prompt(5, 0);
    const a = generate(model, p, SAMPLED);
    const b = generate(model, p, SAMPLED);
    assert.equal(a.ids.length, 12);
    assert.equal(a.reason, "length");
    assert.deepEqual(a.ids, b.ids);
    const c = generate(model, p, { ...SAMPLED, seed: 4 });
    assert.notDeepEqual(a.ids, c.ids);
  });

  it("passes each new id to onToken in order", () => {
    const seen: number[] = [];
    const r = generate(model, prompt(4, 1), SAMPLED, (id) => seen.push(id));
    assert.deepEqual(Int32Array.from(seen), r.ids);
  });

  // Prompt lengths: inside the first window; 18 crosses the sliding window (16) and ends
  // inside an open CSA (4) window; 30 leaves the HCA window (16) half full so decoding
  // crosses position 32 and emits a compressed entry from carried state.
  for (const [length, steps] of [
    [3, 15],
    [18, 12],
    [30, 10],
  ] as const) {
    it(`greedy decoding equals the argmax of full-forward logits (prompt ${length})`, () => {
      const p = prompt(length, length);
      const r = generate(model, p, { ...GREEDY, maxNewTokens: steps });
      assert.equal(r.ids.length, steps);
      const all = Int32Array.from([...p, ...r.ids]);
      const logits = fullLogits(all);
      for (let t = 0; t < steps; t++) {
        // Position length − 1 + t predicts new token t.
        const row = logits.subarray((length - 1 + t) * V, (length + t) * V);
        let best = 0;
        for (let v = 1; v < V; v++) if (row[v]! > row[best]!) best = v;
        const chosen = r.ids[t]!;
        // Decode and full forward agree to float rounding; only an exact near-tie may differ.
        assert.ok(
          chosen === best || row[best]! - row[chosen]! < 1e-5,
          `step ${t}: generated ${chosen}, full forward argmax ${best}`,
        );
      }
    });
  }

  it("stops at a stop id without returning it", () => {
    const p = prompt(6, 2);
    const free = generate(model, p, GREEDY);
    const stop = free.ids[3]!;
    const first = free.ids.indexOf(stop);
    const r = generate(model, p, { ...GREEDY, stopIds: [stop] });
    assert.equal(r.reason, "stop");
    assert.deepEqual(r.ids, free.ids.slice(0, first));
  });

  it("starts an empty prompt from BOS, and refuses one without BOS", () => {
    const fromBos = generate(model, [], { ...GREEDY, bosId: 0 });
    assert.deepEqual(fromBos.ids, generate(model, [0], GREEDY).ids);
    assert.throws(() => generate(model, [], GREEDY), /prompt is empty and no BOS token/);
  });

  it("samples only ids below vocabLimit", () => {
    const r = generate(model, prompt(4, 5), { ...SAMPLED, maxNewTokens: 30, vocabLimit: 6 });
    assert.equal(r.ids.length, 30);
    assert.ok(
      r.ids.every((id) => id < 6),
      `ids ${r.ids}`,
    );
    assert.ok(new Set(r.ids).size > 1);
    assert.throws(() => generate(model, [1], { ...GREEDY, vocabLimit: V + 1 }), /vocabLimit/);
  });

  it("returns nothing for maxNewTokens 0", () => {
    assert.deepEqual(
      generate(model, [1, 2], { ...GREEDY, maxNewTokens: 0 }).ids,
      new Int32Array(0),
    );
  });

  it("rejects bad options and out-of-vocabulary prompt ids", () => {
    assert.throws(() => generate(model, [1], { ...GREEDY, maxNewTokens: -1 }), /maxNewTokens/);
    assert.throws(() => generate(model, [1], { ...GREEDY, seed: 0.5 }), /seed/);
    assert.throws(() => generate(model, [1], { ...GREEDY, topP: 2 }), /top_p/);
    assert.throws(() => generate(model, [1, V], GREEDY), /token id 40 at position 1 is outside/);
    assert.throws(
      () => generate(model, [1], { ...GREEDY, maxNewTokens: 5000 }),
      /exceeds the model's max_position_embeddings \(4096\)/,
    );
  });

  it("frees every tensor it creates, also when onToken throws", () => {
    const before = liveBuffers();
    generate(model, prompt(20, 3), { ...SAMPLED, maxNewTokens: 6 });
    assert.equal(liveBuffers(), before);
    assert.throws(
      () =>
        generate(model, prompt(3, 3), SAMPLED, () => {
          throw new Error("reader closed");
        }),
      /reader closed/,
    );
    assert.equal(liveBuffers(), before);
  });
});
