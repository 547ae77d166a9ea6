import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Tensor, tensor } from "../../src/tensor/index.ts";
import {
  AdamW,
  createOptimizer,
  findNonFinite,
  NonFiniteError,
  type Optimizer,
  stateToHost,
} from "../../src/train/optim/index.ts";
import { gaussians } from "./f64-reference.ts";

function param(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Float32Array.from(gaussians(n, seed)), shape).requireGrad();
}

function setGrads(named: Map<string, Tensor>, seed: number): void {
  for (const [i, p] of [...named.values()].entries()) {
    p.grad?.dispose();
    p.grad = tensor(Float32Array.from(gaussians(p.size, seed * 31 + i)), [...p.shape]);
  }
}

function poison(p: Tensor, index: number, value: number): void {
  const data = p.grad!.toArray();
  data[index] = value;
  p.grad!.dispose();
  p.grad = tensor(data, [...p.shape]);
}

/** Everything a step could change: weights and optimizer state, as host arrays. */
function snapshot(named: Map<string, Tensor>, opt: Optimizer): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [name, p] of named) out.set(name, Array.from(p.toArray()));
  for (const [name, t] of stateToHost(opt.stateDict()).tensors) {
    out.set(name, Array.from(t.data));
  }
  return out;
}

function model(): Map<string, Tensor> {
  return new Map([
    ["layers.0.attn.wq_a.weight", param([4, 6], 1)],
    ["layers.0.attn_norm.weight", param([6], 2)],
    ["layers.0.ffn.experts.0.w1.weight", param([3, 6], 3)],
  ]);
}

describe("non-finite guard", () => {
  it("findNonFinite is null for finite gradients and names the first bad element", () => {
    const named = model();
    assert.equal(findNonFinite(named), null);
    setGrads(named, 1);
    assert.equal(findNonFinite(named), null);
    poison(named.get("layers.0.ffn.experts.0.w1.weight")!, 7, Number.NEGATIVE_INFINITY);
    poison(named.get("layers.0.attn_norm.weight")!, 4, Number.NaN);
    poison(named.get("layers.0.attn_norm.weight")!, 5, Number.POSITIVE_INFINITY);
    const hit = findNonFinite(named);
    assert.ok(hit);
    assert.equal(hit.param, "layers.0.attn_norm.weight");
    assert.equal(hit.index, 4);
    assert.ok(Number.isNaN(hit.value));
  });

  it("refuses the step on a NaN gradient, leaving weights and state bit-identical", () => {
    const named = model();
    const { optimizer: opt } = createOptimizer(named, { lr: 0.01 });
    for (let s = 1; s <= 2; s++) {
      setGrads(named, s);
      opt.step();
    }
    setGrads(named, 3);
    // A NaN in an AdamW parameter must also protect the Muon parameters.
    poison(named.get("layers.0.attn_norm.weight")!, 2, Number.NaN);
    const before = snapshot(named, opt);
    assert.throws(
      () => opt.step(),
      (err: unknown) => {
        assert.ok(err instanceof NonFiniteError);
        assert.equal(err.step, 3);
        assert.equal(err.param, "layers.0.attn_norm.weight");
        assert.equal(err.index, 2);
        assert.match(
          err.message,
          /^optimizer step 3: gradient of "layers.0.attn_norm.weight" is NaN at element 2; /,
        );
        return true;
      },
    );
    assert.deepEqual(snapshot(named, opt), before);
    assert.equal(opt.stepCount, 2);
    // After dropping the batch the next finite step is number 3 and changes the weights.
    opt.zeroGrad();
    setGrads(named, 4);
    opt.step();
    assert.equal(opt.stepCount, 3);
    assert.notDeepEqual(snapshot(named, opt), before);
  });

  it("refuses the step on an infinite gradient in a Muon parameter", () => {
    const named = model();
    const { optimizer: opt } = createOptimizer(named, { lr: 0.01 });
    setGrads(named, 1);
    poison(named.get("layers.0.ffn.experts.0.w1.weight")!, 17, Number.POSITIVE_INFINITY);
    const before = snapshot(named, opt);
    assert.throws(
      () => opt.step(),
      /step 1: gradient of "layers.0.ffn.experts.0.w1.weight" is Inf/,
    );
    assert.deepEqual(snapshot(named, opt), before);
  });

  it("refuses the step on a non-finite loss even with finite gradients", () => {
    const named = model();
    const norm = new Map([["n", named.get("layers.0.attn_norm.weight")!]]);
    const opt = new AdamW(norm, { lr: 0.01 });
    setGrads(norm, 1);
    const before = snapshot(norm, opt);
    assert.throws(
      () => opt.step({ loss: Number.POSITIVE_INFINITY }),
      (err: unknown) =>
        err instanceof NonFiniteError &&
        err.param === null &&
        err.step === 1 &&
        /^optimizer step 1: loss is Infinity;/.test(err.message),
    );
    assert.deepEqual(snapshot(norm, opt), before);
    opt.step({ loss: 2.5 });
    assert.equal(opt.stepCount, 1);
  });
});
