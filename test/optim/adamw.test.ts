import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type DType, type Tensor, tensor } from "../../src/tensor/index.ts";
import { AdamW, V4_ADAMW_EPS } from "../../src/train/optim/index.ts";
import { adamwStep64, gaussians, maxRelDiff } from "./f64-reference.ts";

function param(data: ArrayLike<number>, shape: number[], dtype: DType = "f64"): Tensor {
  const arr = dtype === "f64" ? Float64Array.from(data) : Float32Array.from(data);
  return tensor(arr, shape).requireGrad();
}

function setGrad(p: Tensor, data: ArrayLike<number>): void {
  p.grad?.dispose();
  p.grad = tensor(p.dtype === "f64" ? Float64Array.from(data) : Float32Array.from(data), [
    ...p.shape,
  ]);
}

// Runs `steps` AdamW updates on a [5, 7] parameter and the float64 reference side by side,
// with a learning rate that changes every step (as under a schedule); returns the worst
// relative difference seen after any step.
function compareWithReference(dtype: DType, eps: number, steps = 6): number {
  const n = 35;
  const init = gaussians(n, 11);
  const p = param(init, [5, 7], dtype);
  const opt = new AdamW(new Map([["w", p]]), { lr: 1e-2, eps });
  const ref = { p: Float64Array.from(dtype === "f32" ? Float32Array.from(init) : init) };
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  let worst = 0;
  for (let t = 1; t <= steps; t++) {
    const lr = 1e-2 / t;
    // Mixed magnitudes, so eps and the per-element scaling both matter.
    const g = gaussians(n, 100 + t).map((x, i) => x * 10 ** ((i % 5) - 3));
    const gUsed = dtype === "f32" ? Float32Array.from(g) : g;
    setGrad(p, g);
    opt.step({ lr });
    adamwStep64(ref.p, m, v, gUsed, t, { lr, b1: 0.9, b2: 0.95, eps, wd: 0.1 });
    worst = Math.max(worst, maxRelDiff(p.toArray(), ref.p));
  }
  assert.equal(opt.stepCount, steps);
  return worst;
}

describe("AdamW", () => {
  it("has DeepSeek-V4 defaults except eps (1e-8; V4 uses 1e-20)", () => {
    const opt = new AdamW(new Map([["w", param([1], [1])]]), { lr: 1 });
    assert.equal(opt.beta1, 0.9);
    assert.equal(opt.beta2, 0.95);
    assert.equal(opt.eps, 1e-8);
    assert.equal(opt.weightDecay, 0.1);
    assert.equal(V4_ADAMW_EPS, 1e-20);
  });

  it("matches a float64 reference over 6 steps on f64 parameters", () => {
    assert.ok(compareWithReference("f64", 1e-8) < 1e-13);
  });

  it("matches the reference with V4's eps = 1e-20", () => {
    assert.ok(compareWithReference("f64", V4_ADAMW_EPS) < 1e-13);
  });

  it("matches the reference on f32 parameters to f32 rounding", () => {
    const diff = compareWithReference("f32", 1e-8);
    assert.ok(diff < 1e-6, `f32 differs by ${diff}`);
  });

  it("first step moves each weight by lr against the sign of its gradient", () => {
    // m̂ = g and v̂ = g² after one step, so the update is lr·g/|g|; with V4's eps the
    // small gradient moves as far as the large ones (eps 1e-8 would shorten it by 3e-6).
    const p = param([0, 0, 0], [3]);
    const opt = new AdamW(new Map([["w", p]]), { lr: 0.5, weightDecay: 0, eps: V4_ADAMW_EPS });
    setGrad(p, [2, -3e-3, 40]);
    opt.step();
    const got = Array.from(p.toArray());
    const want = [-0.5, 0.5, -0.5];
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(got[i]! - want[i]!) < 1e-9, `${got}`);
  });

  it("decays a weight without gradient by exactly (1 - lr*wd) on its first step", () => {
    const p = param([2, -4], [2]);
    const opt = new AdamW(new Map([["w", p]]), { lr: 0.1, weightDecay: 0.5 });
    opt.step();
    assert.deepEqual(Array.from(p.toArray()), [2 * 0.95, -4 * 0.95]);
  });

  it("treats a missing gradient as zero (moments decay, step count shared)", () => {
    const p = param([1, 2], [2]);
    const opt = new AdamW(new Map([["w", p]]), { lr: 0.1 });
    const ref = Float64Array.from([1, 2]);
    const m = new Float64Array(2);
    const v = new Float64Array(2);
    const o = { lr: 0.1, b1: 0.9, b2: 0.95, eps: 1e-8, wd: 0.1 };
    setGrad(p, [0.5, -1]);
    opt.step();
    adamwStep64(ref, m, v, [0.5, -1], 1, o);
    opt.zeroGrad();
    assert.equal(p.grad, null);
    opt.step();
    adamwStep64(ref, m, v, [0, 0], 2, o);
    assert.ok(maxRelDiff(p.toArray(), ref) < 1e-15);
  });

  it("rejects frozen, integer, shared and badly configured parameters", () => {
    const frozen = tensor([1, 2]);
    assert.throws(() => new AdamW(new Map([["f", frozen]]), { lr: 1 }), /"f" does not require/);
    const ints = tensor(Int32Array.from([1]), [1]);
    assert.throws(() => new AdamW(new Map([["i", ints]]), { lr: 1 }), /"i" is i32/);
    const p = param([1], [1]);
    assert.throws(
      () =>
        new AdamW(
          new Map([
            ["a", p],
            ["b", p],
          ]),
          { lr: 1 },
        ),
      /both "a" and "b"/,
    );
    assert.throws(() => new AdamW(new Map(), { lr: -1 }), /learning rate/);
    assert.throws(() => new AdamW(new Map(), { lr: 1, betas: [1, 0.9] }), /betas\[0\]/);
    assert.throws(() => new AdamW(new Map(), { lr: 1, eps: 0 }), /eps must be > 0/);
  });
});
