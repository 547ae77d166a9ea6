// Every trainable parameter of a micro V4 model (sliding, CSA and HCA layers, indexer,
// hash and learned routing, shared experts, mHC, MTP) gets the gradient of the full training
// loss that central differences in float64 give.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ModelConfig } from "../../src/model/config.ts";
import { initParams } from "../../src/model/init.ts";
import { createModel } from "../../src/model/model.ts";
import { getPreset } from "../../src/model/presets.ts";
import { trainingLoss } from "../../src/model/training-loss.ts";
import { noGrad, Rng, tensor, tidy } from "../../src/tensor/index.ts";

const cfg: ModelConfig = {
  ...getPreset("nano"),
  vocabSize: 11,
  hiddenSize: 8,
  numLayers: 3,
  numHeads: 2,
  headDim: 8,
  ropeHeadDim: 4,
  qLoraRank: 6,
  oGroups: 2,
  oLoraRank: 4,
  slidingWindow: 4,
  compressRatios: [0, 4, 8, 0],
  indexNumHeads: 2,
  indexHeadDim: 8,
  indexTopk: 2,
  numRoutedExperts: 4,
  numExpertsPerTok: 2,
  moeIntermediateSize: 6,
  numHashLayers: 1,
  hcSinkhornIters: 6,
};

function setup() {
  const params = initParams(cfg, 9, "f64");
  // Replace the gentle initialisation by O(1) random weights so every path matters.
  const rng = new Rng(77);
  noGrad(() => {
    for (const [name, p] of params) {
      if (p.dtype !== "f64" || name.endsWith("gate.bias")) continue;
      const base = name.endsWith("norm.weight") ? 1 : 0;
      const v = Float64Array.from({ length: p.size }, () => base + 0.4 * rng.normal());
      p.assign(tensor(v, p.shape));
    }
  });
  const model = createModel(cfg, params);
  const T = 13;
  const seq = Int32Array.from({ length: T + 2 }, () => rng.int(cfg.vocabSize));
  const batch = {
    batch: 1,
    seq: T,
    inputs: seq.slice(0, T),
    targets: seq.slice(1, T + 1),
    mtpTargets: seq.slice(2, T + 2),
  };
  return { params, model, batch };
}

/** Central differences at three entries of every selected parameter; returns entries checked. */
function check(trainIndexer: boolean, select: (name: string) => boolean): number {
  const { params, model, batch } = setup();
  const loss = () =>
    tidy(() =>
      noGrad(() => trainingLoss(model, batch, { trainIndexer, balanceWeight: 0.1 }).total.item()),
    );
  tidy(() => trainingLoss(model, batch, { trainIndexer, balanceWeight: 0.1 }).total.backward());
  const h = 1e-6;
  let checked = 0;
  for (const [name, p] of params) {
    if (!p.requiresGrad || !select(name)) continue;
    const grad = p.grad?.toArray() ?? new Float64Array(p.size);
    const values = p.toArray();
    for (const i of [0, Math.floor(p.size / 2), p.size - 1]) {
      const probe = (delta: number) => {
        const v = values.slice();
        v[i]! += delta;
        noGrad(() => p.assign(tensor(v, p.shape)));
        return loss();
      };
      const numeric = (probe(h) - probe(-h)) / (2 * h);
      noGrad(() => p.assign(tensor(values, p.shape)));
      const err = Math.abs(numeric - grad[i]!);
      assert.ok(
        err <= 1e-5 + 1e-4 * Math.abs(numeric),
        `${name}[${i}]: analytic ${grad[i]} vs numeric ${numeric}`,
      );
      checked++;
    }
  }
  return checked;
}

// CE + MTP + sequence balance, w.r.t. every parameter outside the indexer.
test("main-loss gradients match central differences", () => {
  const checked = check(false, (name) => !name.includes(".indexer."));
  assert.ok(checked > 150, `checked ${checked} entries`);
});

// The indexer's loss pulls its scores toward the (detached) main attention, from inputs cut from
// the main graph, so only the indexer's own weights receive its gradient.
test("indexer-loss gradients of the indexer's parameters match central differences", () => {
  const checked = check(true, (name) => name.includes(".indexer."));
  assert.ok(checked >= 18, `checked ${checked} entries`);
});
