import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Tensor, tensor, tidy } from "../../src/tensor/index.ts";
import {
  AdamW,
  createOptimizer,
  type HostTensor,
  type Optimizer,
  OptimizerStateError,
  stateToHost,
} from "../../src/train/optim/index.ts";
import { gaussians } from "./f64-reference.ts";

// A two-layer least-squares model: w1 [6, 5] and w2 [5, 3] go to Muon, the bias and the norm
// weight to AdamW. Inputs and targets are fixed; gradients come from backward.
const x = tensor(Float32Array.from(gaussians(8 * 6, 1)), [8, 6]);
const y = tensor(Float32Array.from(gaussians(8 * 3, 2)), [8, 3]);

function makeParams(from?: Map<string, Float32Array>): Map<string, Tensor> {
  const init = (name: string, shape: number[], seed: number) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = from?.get(name) ?? Float32Array.from(gaussians(n, seed).map((v) => v * 0.3));
    return tensor(Float32Array.from(data), shape).requireGrad();
  };
  return new Map([
    ["layers.0.w1.weight", init("layers.0.w1.weight", [6, 5], 3)],
    ["layers.0.ffn_norm.weight", init("layers.0.ffn_norm.weight", [5], 4)],
    ["layers.0.w2.weight", init("layers.0.w2.weight", [5, 3], 5)],
    ["layers.0.w2.bias", init("layers.0.w2.bias", [3], 6)],
  ]);
}

function trainSteps(named: Map<string, Tensor>, opt: Optimizer, from: number, to: number) {
  const [w1, norm, w2, b] = [...named.values()] as [Tensor, Tensor, Tensor, Tensor];
  for (let s = from; s < to; s++) {
    opt.zeroGrad();
    const loss = tidy(() => {
      const h = x.matmul(w1).mul(norm).tanh();
      const l = h.matmul(w2).add(b).sub(y).square().mean();
      l.backward();
      return l.item();
    });
    opt.step({ lr: 0.05 / (1 + s), loss });
  }
}

function weights(named: Map<string, Tensor>): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, p] of named) out.set(name, Float32Array.from(p.toArray()));
  return out;
}

describe("optimizer state dict", () => {
  it("names its tensors <param>.exp_avg / .exp_avg_sq / .momentum_buffer", () => {
    const named = makeParams();
    const { optimizer } = createOptimizer(named, { lr: 0.01 });
    assert.deepEqual([...optimizer.stateDict().tensors.keys()].sort(), [
      "layers.0.ffn_norm.weight.exp_avg",
      "layers.0.ffn_norm.weight.exp_avg_sq",
      "layers.0.w1.weight.momentum_buffer",
      "layers.0.w2.bias.exp_avg",
      "layers.0.w2.bias.exp_avg_sq",
      "layers.0.w2.weight.momentum_buffer",
    ]);
    assert.equal(optimizer.stateDict().step, 0);
  });

  it("5 steps, save to host, new optimizer, load, 5 more == 10 straight steps, bit for bit", () => {
    const straight = makeParams();
    const optA = createOptimizer(straight, { lr: 0.01 }).optimizer;
    trainSteps(straight, optA, 0, 10);

    const first = makeParams();
    const optB = createOptimizer(first, { lr: 0.01 }).optimizer;
    trainSteps(first, optB, 0, 5);
    const savedState = stateToHost(optB.stateDict());
    const savedWeights = weights(first);
    optB.dispose();

    const resumed = makeParams(savedWeights);
    const optC = createOptimizer(resumed, { lr: 0.01 }).optimizer;
    optC.loadStateDict(savedState);
    assert.equal(optC.stepCount, 5);
    trainSteps(resumed, optC, 5, 10);

    assert.deepEqual(weights(resumed), weights(straight));
    const a = stateToHost(optA.stateDict());
    const c = stateToHost(optC.stateDict());
    assert.equal(c.step, 10);
    for (const [name, t] of a.tensors) assert.deepEqual(c.tensors.get(name)!.data, t.data, name);
  });

  it("loads device tensors as well as host arrays", () => {
    const named = makeParams();
    const src = new AdamW(new Map([["b", named.get("layers.0.w2.bias")!]]), { lr: 0.1 });
    named.get("layers.0.w2.bias")!.grad = tensor([1, -2, 3]);
    src.step();
    const dst = new AdamW(new Map([["b", tensor([0, 0, 0]).requireGrad()]]), { lr: 0.1 });
    dst.loadStateDict(src.stateDict());
    assert.deepEqual(
      stateToHost(dst.stateDict()).tensors.get("b.exp_avg")!.data,
      Float32Array.from([0.1, -0.2, 0.3]),
    );
  });

  it("rejects mismatched state and changes nothing when it does", () => {
    const named = makeParams();
    const { optimizer } = createOptimizer(named, { lr: 0.01 });
    trainSteps(named, optimizer, 0, 1);
    const good = stateToHost(optimizer.stateDict());
    const edit = (name: string, value: HostTensor | null, step = good.step) => {
      const tensors = new Map(good.tensors);
      if (value) tensors.set(name, value);
      else tensors.delete(name);
      return { step, tensors };
    };
    const before = stateToHost(optimizer.stateDict());
    const zeroed = (n: number): HostTensor => ({ data: new Float32Array(n), shape: [n] });
    assert.throws(
      () => optimizer.loadStateDict(edit("layers.0.w2.bias.exp_avg", null)),
      (e: unknown) =>
        e instanceof OptimizerStateError &&
        e.message === 'AdamW.loadStateDict: state "layers.0.w2.bias.exp_avg" is missing',
    );
    assert.throws(
      () => optimizer.loadStateDict(edit("layers.0.w2.bias.exp_avg", zeroed(4))),
      /state "layers.0.w2.bias.exp_avg" is \[4\] f32, expected \[3\] f32/,
    );
    assert.throws(
      () =>
        optimizer.loadStateDict(
          edit("layers.0.w2.bias.exp_avg", { data: new Float64Array(3), shape: [3] }),
        ),
      /is \[3\] f64, expected \[3\] f32/,
    );
    assert.throws(
      () => optimizer.loadStateDict(edit("layers.0.w9.momentum_buffer", zeroed(3))),
      /unexpected state "layers.0.w9.momentum_buffer"/,
    );
    assert.throws(() => optimizer.loadStateDict(edit("x", null, -1)), /step must be an integer/);
    // A failure in the AdamW part must not have written the Muon part first.
    const late = edit("layers.0.w2.bias.exp_avg_sq", zeroed(2));
    late.tensors.set("layers.0.w1.weight.momentum_buffer", {
      data: new Float32Array(30),
      shape: [6, 5],
    });
    assert.throws(() => optimizer.loadStateDict(late), OptimizerStateError);
    const after = stateToHost(optimizer.stateDict());
    assert.equal(after.step, before.step);
    for (const [name, t] of before.tensors) assert.deepEqual(after.tensors.get(name)!.data, t.data);
  });
});
