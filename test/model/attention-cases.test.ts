// Cases derived from bugs reported in other V4 implementations: the sink, the indexer's
// ReLU-before-sum, compressed-entry visibility and the −∞ padding of the first CSA window.
import assert from "node:assert/strict";
import { test } from "node:test";
import { attentionSequence, attnParams } from "../../src/model/attention.ts";
import { attendCore } from "../../src/model/attention-core.ts";
import { type CompressorParams, poolSequence } from "../../src/model/compressor.ts";
import { indexScores, selectTopk, visibilityMask } from "../../src/model/indexer.ts";
import { initParams } from "../../src/model/init.ts";
import { getPreset, withVocabSize } from "../../src/model/presets.ts";
import { ropeTableFor } from "../../src/model/rope-table.ts";
import { layerSchedule } from "../../src/model/schedule.ts";
import { noGrad, ones, Rng, randn, tensor, zeros } from "../../src/tensor/index.ts";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test("sink: logits [1, 2] with sink 0.5 give weights [0.231224, 0.628532]", () => {
  const q = tensor([1], [1, 1, 1, 1]); // [B, T, H, c]
  const keys = tensor([1, 2], [1, 2, 1]); // q·k = [1, 2]
  const { probs } = attendCore(q, keys, ones([1, 1, 1, 2], { dtype: "i32" }), tensor([0.5]), 1);
  const p = probs().toArray();
  close(p[0]!, 0.231224, 1e-6, "p0");
  close(p[1]!, 0.628532, 1e-6, "p1");
});

test("sink: a query that sees no key gets a zero output, not NaN", () => {
  const q = tensor([1, -2], [1, 1, 1, 2]);
  const keys = tensor([3, 4, 5, 6], [1, 2, 2]);
  const { out } = attendCore(q, keys, zeros([1, 1, 1, 2], { dtype: "i32" }), tensor([0.5]), 1);
  assert.deepEqual(Array.from(out.toArray()), [0, 0]);
});

test("indexer: ReLU before the head sum, one top-k for all heads", () => {
  // Entries are unit vectors, so head h's raw score against entry s is q[h][s].
  const headScores = [4, -6, 1, -5, 2, 0.5]; // [heads 2, entries 3]
  const p = {
    wqB: tensor(headScores, [6, 1]), // cq = [1] -> q = the scores
    weightsProj: tensor([1, 1], [2, 1]), // h = [1] -> head weights [1, 1]
    compressor: {} as CompressorParams,
  };
  const keys = tensor([1, 0, 0, 0, 1, 0, 0, 0, 1], [1, 3, 3]);
  const identity = { cos: ones([1, 1, 1]), sin: zeros([1, 1, 1]) }; // rotation by 0
  const scores = indexScores(
    p,
    { numHeads: 2, headDim: 3, ropeDims: 2 },
    tensor([1], [1, 1, 1]),
    tensor([1], [1, 1, 1]),
    keys,
    identity.cos,
    identity.sin,
  );
  const sel = selectTopk(scores, ones([1, 1, 3], { dtype: "i32" }), 2);
  assert.deepEqual([...sel.indices].sort(), [0, 1]);
});

test("visibility with ratio 4: entry k is visible to position i iff k < floor((i + 1) / 4)", () => {
  const mask = visibilityMask(1, 9, 2, 0, 4).toNested() as number[][][];
  const expected = [0, 0, 0, 1, 1, 1, 1, 2, 2].map((n) => [0, 1].map((k) => (k < n ? 1 : 0)));
  assert.deepEqual(mask[0], expected);
});

test("a 4-token prompt: positions 0-2 equal a run without compression, position 3 differs", () => {
  const cfg = withVocabSize(getPreset("nano"), 32);
  const params = initParams(cfg, 3);
  const csa = layerSchedule(cfg).layers.find((l) => l.attention === "csa")!;
  const plain = { ...csa, attention: "sliding" as const, ratio: 0 };
  const h = randn([1, 4, cfg.hiddenSize], new Rng(1));
  const run = (plan: typeof csa) =>
    noGrad(() =>
      attentionSequence(
        attnParams(params, plan),
        { cfg, plan, rope: ropeTableFor(cfg, csa), indexerMode: "sparse", trainIndexer: false },
        h,
        null,
      ).out.toArray(),
    );
  const withEntries = run(csa);
  const without = run(plain);
  const D = cfg.hiddenSize;
  assert.deepEqual(withEntries.slice(0, 3 * D), without.slice(0, 3 * D));
  let diff = 0;
  for (let i = 3 * D; i < 4 * D; i++)
    diff = Math.max(diff, Math.abs(withEntries[i]! - without[i]!));
  assert.ok(diff > 1e-6, "position 3 attends to compressed entry 0");
});

test("CSA first entry: the missing previous window is −∞, so values [1,1,1,1] pool to 1.0", () => {
  const c = 2;
  // Second-half (current window) values are 1 with gate scores 0; first half is junk.
  const a = tensor([9, 9, 1, 1, 9, 9, 1, 1, 9, 9, 1, 1, 9, 9, 1, 1], [1, 4, 2 * c]);
  const z = zeros([1, 4, 2 * c]);
  const p = { ape: zeros([4, 2 * c]) } as CompressorParams;
  const spec = { ratio: 4, overlap: true, dim: c, ropeDims: 2, normEps: 1e-6 };
  assert.deepEqual(Array.from(poolSequence(p, spec, a, z).toArray()), [1, 1]);
});
