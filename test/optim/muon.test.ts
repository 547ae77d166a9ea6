import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type DType, type Tensor, tensor } from "../../src/tensor/index.ts";
import { Muon } from "../../src/train/optim/index.ts";
import { gaussians, mat, maxRelDiff, muonStep64, muonUpdate64 } from "./f64-reference.ts";

function param(data: ArrayLike<number>, shape: number[], dtype: DType = "f64"): Tensor {
  const arr = dtype === "f64" ? Float64Array.from(data) : Float32Array.from(data);
  return tensor(arr, shape).requireGrad();
}

function setGrad(p: Tensor, data: ArrayLike<number>): void {
  p.grad?.dispose();
  const arr = p.dtype === "f64" ? Float64Array.from(data) : Float32Array.from(data);
  p.grad = tensor(arr, [...p.shape]);
}

function rms(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! ** 2;
  return Math.sqrt(s / a.length);
}

// Runs 4 Muon steps on a rows x cols matrix next to the float64 reference; returns the worst
// relative difference of the weights after any step.
function compare(rows: number, cols: number, dtype: DType): number {
  const n = rows * cols;
  const init = gaussians(n, 21).map((v) => v * 0.1);
  const p = param(init, [rows, cols], dtype);
  const opt = new Muon(new Map([["w", p]]), { lr: 0.02 });
  const w = mat(rows, cols, dtype === "f32" ? Float32Array.from(init) : init);
  const buf = new Float64Array(n);
  let worst = 0;
  for (let t = 1; t <= 4; t++) {
    const g = gaussians(n, 200 + t);
    setGrad(p, g);
    opt.step();
    muonStep64(w, buf, dtype === "f32" ? Float32Array.from(g) : g, {
      lr: 0.02,
      mu: 0.95,
      wd: 0.1,
    });
    worst = Math.max(worst, maxRelDiff(p.toArray(), w.data));
  }
  return worst;
}

describe("Muon", () => {
  it("has DeepSeek-V4 defaults: momentum 0.95, Nesterov, wd 0.1, update RMS 0.18", () => {
    const opt = new Muon(new Map([["w", param([1, 2, 3, 4], [2, 2])]]), { lr: 1 });
    assert.equal(opt.momentum, 0.95);
    assert.equal(opt.nesterov, true);
    assert.equal(opt.weightDecay, 0.1);
    assert.equal(opt.updateRms, 0.18);
  });

  it("matches the float64 reference over 4 steps (wide and tall, f64)", () => {
    assert.ok(compare(6, 10, "f64") < 1e-12);
    assert.ok(compare(10, 6, "f64") < 1e-12);
  });

  it("matches the float64 reference on f32 weights to f32 rounding", () => {
    const diff = compare(6, 10, "f32");
    assert.ok(diff < 1e-5, `f32 differs by ${diff}`);
  });

  it("scales the orthogonalised update to RMS 0.18 via sqrt(max(n, m)) * 0.18", () => {
    // With W = 0, lr = 1 and wd = 0 one step leaves W = −O. O = NS(U)·√max(n,m)·0.18 with
    // U = (1 + μ)G; its RMS is 0.18·‖NS(U)‖_F/√min(n,m), i.e. 0.18 up to NS's ~1e-4 excess.
    for (const [rows, cols] of [
      [8, 13],
      [13, 8],
      [5, 5],
    ] as const) {
      const n = rows * cols;
      const p = param(new Float64Array(n), [rows, cols]);
      const opt = new Muon(new Map([["w", p]]), { lr: 1, weightDecay: 0 });
      const g = gaussians(n, rows * 7 + cols);
      setGrad(p, g);
      opt.step();
      const got = p.toArray().map((v) => -v);
      const want = muonUpdate64(
        mat(
          rows,
          cols,
          g.map((v) => 1.95 * v),
        ),
      );
      assert.ok(maxRelDiff(got, want.data) < 1e-12, `${rows}x${cols}`);
      const r = rms(got);
      assert.ok(Math.abs(r - 0.18) < 0.18 * 1e-3, `${rows}x${cols}: update RMS ${r}`);
    }
  });

  it("orthogonalises each slice of a stacked [E, out, in] parameter separately", () => {
    const [e, r, c] = [3, 4, 6];
    const g = gaussians(e * r * c, 31);
    // Scale one expert's gradient by 1000: per-slice normalisation must hide that.
    for (let i = r * c; i < 2 * r * c; i++) g[i] = g[i]! * 1000;
    const p = param(new Float64Array(e * r * c), [e, r, c]);
    const opt = new Muon(new Map([["experts.w1", p]]), { lr: 1, weightDecay: 0 });
    setGrad(p, g);
    opt.step();
    const got = p.toArray();
    for (let k = 0; k < e; k++) {
      const slice = g.slice(k * r * c, (k + 1) * r * c).map((v) => 1.95 * v);
      const want = muonUpdate64(mat(r, c, slice)).data.map((v) => -v);
      assert.ok(maxRelDiff(got.slice(k * r * c, (k + 1) * r * c), want) < 1e-12, `slice ${k}`);
    }
  });

  it("applies decoupled weight decay W ← W − lr·wd·W when the update is zero", () => {
    // No gradient and an empty momentum buffer give U = 0, NS(0) = 0.
    const p = param([1, -2, 3, -4], [2, 2]);
    const opt = new Muon(new Map([["w", p]]), { lr: 0.5, weightDecay: 0.1 });
    opt.step();
    assert.ok(maxRelDiff(p.toArray(), [0.95, -1.9, 2.85, -3.8]) < 1e-15);
  });

  it("rejects vectors and names them", () => {
    assert.throws(
      () => new Muon(new Map([["attn_sink", param([1, 2], [2])]]), { lr: 1 }),
      /Muon: parameter "attn_sink" has shape \[2\].*AdamW/,
    );
  });
});
