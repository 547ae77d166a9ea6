/**
 * The fused attention core (one kernel each way) against the same core composed of generic
 * ops and differentiated by autograd, in float64 on the reference device: outputs, the
 * probabilities recomputed from the saved log-sum-exp, and the gradients of q, keys and sink.
 * Shapes: awkward sizes, non-contiguous q, a mask shared by the batch and a per-batch mask
 * with a fully masked query row.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { attendCore } from "../../src/model/attention-core.ts";
import { Rng, ShapeError, type Tensor, tensor, tidy } from "../../src/tensor/index.ts";
import { compositeAttention } from "../helpers/attention-composite.ts";

const TOL = 1e-12;

function assertClose(got: Tensor, want: Tensor, what: string): void {
  const g = got.toArray();
  const w = want.toArray();
  assert.equal(g.length, w.length, `${what}: length`);
  for (let i = 0; i < w.length; i++) {
    const err = Math.abs(g[i]! - w[i]!);
    assert.ok(err <= TOL * (1 + Math.abs(w[i]!)), `${what}[${i}]: got ${g[i]}, want ${w[i]}`);
  }
}

function random(rng: Rng, shape: number[]): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return tensor(
    Float64Array.from({ length: n }, () => rng.normal()),
    shape,
    { dtype: "f64" },
  );
}

function check(B: number, T: number, H: number, S: number, C: number, V: number, seed: number) {
  const rng = new Rng(seed);
  tidy(() => {
    // q arrives as a permuted view, as the model's query projection gives it.
    const qStore = random(rng, [B, H, T, C]);
    const keys = random(rng, [B, S, C]);
    const sink = random(rng, [H]);
    const vis = Int32Array.from({ length: V * T * S }, () => (rng.uniform() < 0.6 ? 1 : 0));
    vis.fill(0, 0, S);
    const visible = tensor(vis, [V, 1, T, S], { dtype: "i32" });
    const dout = random(rng, [B, T, H, C]);
    const scale = 1 / Math.sqrt(C);

    const grads = (fused: boolean) => {
      const qs = qStore.clone().requireGrad();
      const ks = keys.clone().requireGrad();
      const ss = sink.clone().requireGrad();
      const q = qs.permute([0, 2, 1, 3]); // [B, T, H, C]
      const run = fused ? attendCore : compositeAttention;
      const r = run(q, ks, visible, ss, scale);
      r.out.mul(dout).sum().backward();
      const probs = fused ? (r.probs as (a?: number, b?: number) => Tensor)() : (r.probs as Tensor);
      return { out: r.out, probs, dq: qs.grad!, dk: ks.grad!, dsink: ss.grad! };
    };
    const f = grads(true);
    const c = grads(false);
    const what = `B${B} T${T} H${H} S${S} C${C} V${V}`;
    for (const k of ["out", "probs", "dq", "dk", "dsink"] as const) {
      assertClose(f[k], c[k], `${k} ${what}`);
    }
  });
}

test("fused attention matches the composed core with a shared mask", () => {
  check(2, 7, 3, 11, 5, 1, 1);
});

test("fused attention matches the composed core with per-batch masks", () => {
  check(3, 4, 2, 17, 8, 3, 2);
});

test("fused attention matches the composed core for one query and one key", () => {
  check(1, 1, 1, 1, 1, 1, 3);
});

test("a slice of the recomputed probabilities equals that slice of all of them", () => {
  const rng = new Rng(4);
  tidy(() => {
    const q = random(rng, [1, 3, 2, 4]);
    const keys = random(rng, [1, 6, 4]);
    const visible = tensor(new Int32Array(18).fill(1), [1, 1, 3, 6], { dtype: "i32" });
    const core = attendCore(q, keys, visible, random(rng, [2]), 0.5);
    assertClose(core.probs(2, 5), core.probs().slice(-1, 2, 5), "probs[2:5]");
  });
});

test("attention shapes that do not fit are rejected with the expected layout", () => {
  tidy(() => {
    const q = tensor(new Float64Array(24), [1, 3, 2, 4], { dtype: "f64" });
    const keys = tensor(new Float64Array(15), [1, 5, 3], { dtype: "f64" });
    const visible = tensor(new Int32Array(15).fill(1), [1, 1, 3, 5], { dtype: "i32" });
    assert.throws(
      () => attendCore(q, keys, visible, tensor(new Float64Array(2), [2], { dtype: "f64" }), 1),
      (e: Error) =>
        e instanceof ShapeError && /expected q \[B, T, H, C\], kv \[B, S, C\]/.test(e.message),
    );
  });
});
