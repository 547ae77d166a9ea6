// Every step releases its temporaries: live device memory after a step equals the memory
// before it (state is allocated once, at construction, and overwritten in place).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultDevice, type Tensor, tensor } from "../../src/tensor/index.ts";
import {
  AdamW,
  clipGradNorm,
  createOptimizer,
  findNonFinite,
  Muon,
  type Optimizer,
} from "../../src/train/optim/index.ts";
import { gaussians } from "./f64-reference.ts";

function params(): Map<string, Tensor> {
  const p = (shape: number[], seed: number) =>
    tensor(
      Float32Array.from(
        gaussians(
          shape.reduce((a, b) => a * b, 1),
          seed,
        ),
      ),
      shape,
    ).requireGrad();
  return new Map([
    ["layers.0.attn.wq_a.weight", p([6, 9], 1)],
    ["layers.0.ffn.experts", p([2, 5, 3], 2)],
    ["layers.0.attn_norm.weight", p([9], 3)],
  ]);
}

function setGrads(named: Map<string, Tensor>, seed: number): void {
  for (const [i, p] of [...named.values()].entries()) {
    p.grad?.dispose();
    p.grad = tensor(Float32Array.from(gaussians(p.size, seed * 7 + i)), [...p.shape]);
  }
}

function assertFlat(named: Map<string, Tensor>, opt: Optimizer): void {
  const device = defaultDevice();
  setGrads(named, 1);
  const baseline = device.memory().liveBytes;
  for (let s = 0; s < 4; s++) {
    clipGradNorm(named, 0.5);
    assert.equal(findNonFinite(named), null);
    opt.step({ lr: 0.01, loss: 1 });
    assert.equal(device.memory().liveBytes, baseline, `live bytes changed at step ${s}`);
  }
  opt.zeroGrad();
  opt.dispose();
  for (const p of named.values()) p.dispose();
}

describe("optimizer memory", () => {
  it("AdamW steps keep live bytes unchanged", () => {
    const named = params();
    assertFlat(named, new AdamW(named, { lr: 0.01 }));
  });

  it("Muon steps keep live bytes unchanged", () => {
    const named = params();
    named.delete("layers.0.attn_norm.weight");
    assertFlat(named, new Muon(named, { lr: 0.01 }));
  });

  it("combined steps keep live bytes unchanged, and dispose frees all state", () => {
    const device = defaultDevice();
    const before = device.memory().liveBytes;
    const named = params();
    assertFlat(named, createOptimizer(named, { lr: 0.01 }).optimizer);
    assert.equal(device.memory().liveBytes, before);
  });
});
