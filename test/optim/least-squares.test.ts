// Both optimizers must actually minimise: fit Y = X·W* + b* from zero weights under the
// warm-up + cosine schedule. Observed: the loss falls from 10.74 to 3.9e-5 (Muon + AdamW)
// and to 1.7e-6 (AdamW alone).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Tensor, tensor, tidy, zeros } from "../../src/tensor/index.ts";
import { createOptimizer, lrAt } from "../../src/train/optim/index.ts";
import { gaussians } from "./f64-reference.ts";

const x = tensor(Float32Array.from(gaussians(32 * 8, 1)), [32, 8]);
const wTrue = tensor(Float32Array.from(gaussians(8 * 4, 2)), [8, 4]);
const bTrue = tensor([0.5, -1, 2, 0]);
const y = x.matmul(wTrue).add(bTrue);

function fit(optimizer: "muon" | "adamw", peak: number, steps: number) {
  const w = zeros([8, 4]).requireGrad();
  const b = zeros([4]).requireGrad();
  const named = new Map<string, Tensor>([
    ["proj.weight", w],
    ["proj.bias", b],
  ]);
  const { optimizer: opt, groups } = createOptimizer(named, {
    lr: peak,
    optimizer,
    adamw: { weightDecay: 0 },
    muon: { weightDecay: 0 },
  });
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    const loss = tidy(() => {
      const l = x.matmul(w).add(b).sub(y).square().mean();
      l.backward();
      return l.item();
    });
    losses.push(loss);
    opt.step({ lr: lrAt(s, { peak, warmupSteps: 10, totalSteps: steps }), loss });
  }
  return { losses, groups };
}

describe("least squares", () => {
  it("Muon (weight) + AdamW (bias) drive the loss below 1e-4 of its start", () => {
    const { losses, groups } = fit("muon", 0.2, 200);
    assert.deepEqual([...groups.muon.keys()], ["proj.weight"]);
    assert.deepEqual([...groups.adamw.keys()], ["proj.bias"]);
    const last = losses[losses.length - 1]!;
    assert.ok(last < losses[0]! * 1e-4, `loss ${losses[0]} -> ${last}`);
  });

  it("AdamW alone drives the loss below 1e-4 of its start", () => {
    const { losses, groups } = fit("adamw", 0.1, 150);
    assert.equal(groups.muon.size, 0);
    const last = losses[losses.length - 1]!;
    assert.ok(last < losses[0]! * 1e-4, `loss ${losses[0]} -> ${last}`);
  });
});
