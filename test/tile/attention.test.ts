/**
 * The attention core (forward and both backward kernels) through the interpreter and WASM
 * against the attention core composed of generic ops on float64 tensors, gradients from autograd.
 * Shapes: several batches and heads, query/key counts that are not multiples of the tiles,
 * a causal mask shared by the batch and a random per-batch mask with fully masked rows.
 * Tolerance: 2e-5 relative + 2e-6 absolute.
 */
import { test } from "node:test";
import { tensor, tidy } from "../../src/tensor/index.ts";
import {
  planAttention,
  planAttentionDelta,
  planAttentionDkv,
  planAttentionDq,
} from "../../src/tile/index.ts";
import type { AttentionShape } from "../../src/tile/kernels/attention.ts";
import { compositeAttention } from "../helpers/attention-composite.ts";
import { assertClose, TestRng } from "./helpers.ts";
import { runTargets } from "./targets.ts";

const TOL = { atol: 2e-6, rtol: 2e-5 };

function f64(data: Float32Array | Int32Array, shape: number[]) {
  return tensor(Float64Array.from(data), shape, { dtype: "f64" });
}

function check(s: AttentionShape, seed: number, causal: boolean): void {
  const { batch: B, queries: T, heads: H, keys: S, headDim: C, maskBatch: V } = s;
  const rng = new TestRng(seed);
  const q = rng.uniform(B * T * H * C);
  const kv = rng.uniform(B * S * C);
  const sink = rng.uniform(H);
  const dout = rng.uniform(B * T * H * C);
  const visible = new Int32Array(V * T * S).map((_, i) => {
    const [t, j] = [Math.floor(i / S) % T, i % S];
    return causal ? (j <= t + S - T ? 1 : 0) : rng.next() < 0.6 ? 1 : 0;
  });
  if (!causal) visible.fill(0, 0, S);
  const scale = 1 / Math.sqrt(C);

  const ref = tidy(() => {
    const qt = f64(q, [B, T, H, C]).requireGrad();
    const kt = f64(kv, [B, S, C]).requireGrad();
    const st = f64(sink, [H]).requireGrad();
    const vis = tensor(visible, [V, 1, T, S]);
    const { out } = compositeAttention(qt, kt, vis, st, scale);
    out
      .mul(f64(dout, [B, T, H, C]))
      .sum()
      .backward();
    return {
      out: out.toArray(),
      dq: qt.grad!.toArray(),
      dkv: kt.grad!.toArray(),
      dsink: st.grad!.toArray(),
    };
  });

  const fwd = runTargets(planAttention("wasm", s, scale), {
    q,
    kv,
    visible,
    sink,
    out: new Float32Array(B * T * H * C),
    lse: new Float32Array(B * H * T),
  });
  for (const r of ["interp", "wasm"] as const) {
    const what = `${r} B${B} T${T} H${H} S${S} C${C} V${V}`;
    assertClose(fwd[r].out!, ref.out, TOL, `out ${what}`);
    const lse = fwd[r].lse!;
    const out = fwd[r].out!;
    const deltaRun = runTargets(planAttentionDelta("wasm", s), {
      sink,
      out,
      dout,
      lse,
      delta: new Float32Array(B * H * T),
      dsinkTerms: new Float32Array(H * B * T),
    })[r];
    const delta = deltaRun.delta!;
    const dsink = Array.from({ length: H }, (_, h) =>
      Array.from(deltaRun.dsinkTerms!.subarray(h * B * T, (h + 1) * B * T)).reduce(
        (p, v) => p + v,
        0,
      ),
    );
    assertClose(dsink, ref.dsink, { atol: 1e-5, rtol: 1e-4 }, `dsink ${what}`);
    const dqRun = runTargets(planAttentionDq("wasm", s, scale), {
      q,
      kv,
      visible,
      dout,
      lse,
      delta,
      dq: new Float32Array(B * T * H * C),
    })[r];
    assertClose(dqRun.dq!, ref.dq, TOL, `dq ${what}`);
    const dkvRun = runTargets(planAttentionDkv("wasm", s, scale), {
      q,
      kv,
      visible,
      dout,
      lse,
      delta,
      dkv: new Float32Array(B * S * C),
    })[r];
    assertClose(dkvRun.dkv!, ref.dkv, TOL, `dkv ${what}`);
  }
}

test("attention with a causal mask shared by the batch", () => {
  check({ batch: 2, queries: 5, heads: 3, keys: 37, headDim: 8, maskBatch: 1 }, 41, true);
});

test("attention with per-batch random masks and fully masked rows", () => {
  check({ batch: 2, queries: 33, heads: 2, keys: 7, headDim: 12, maskBatch: 2 }, 42, false);
});

test("attention with a head dim that is not a multiple of four", () => {
  check({ batch: 1, queries: 3, heads: 1, keys: 5, headDim: 6, maskBatch: 1 }, 43, false);
});
