/**
 * Backward of the attention core (FlashAttention-2 style, without atomics): with
 * P = e^(scale·QKᵀ - lse) on visible entries, D = rowsum(dO ⊙ O) and dS = P ⊙ (dO Kᵀ - D),
 *   D and the sink terms                    (kernel 1: rows of O and dO);
 *   dQ = scale·dS K                         (kernel 2: blocks over query tiles);
 *   dKV = scale·dSᵀ Q + Pᵀ dO               (kernel 3: blocks over key tiles, all heads),
 * K serving as both keys and values, and for the sink, whose probability is e^(sink - lse),
 *   dsink_h = -Σ_{b,t} e^(sink_h - lse)·D   (kernel 1 writes the terms as [H, B, T]; summing
 *                                            each row of that, e.g. with reduceRows, gives it).
 * Three kernels keep each within 8 storage buffers, WebGPU's default per-stage limit.
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv, exp, select } from "../expr.ts";
import {
  type AttentionConfig,
  type AttentionShape,
  attentionConfig,
  attentionValues,
  maskBatch,
} from "./attention.ts";
import { memo, type Plan, type Target } from "./plan.ts";

const NEG_INF = Number.NEGATIVE_INFINITY;

export function attentionDeltaKernel(cfg: AttentionConfig) {
  const { bm, c } = cfg;
  const name = `attentionDelta_c${c}_${bm}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [B, T, H] = k.sizes("B", "T", "H");
        const sink = k.tensor("sink", "f32", [H]);
        const o = k.tensor("out", "f32", [B, T, H, c]);
        const dout = k.tensor("dout", "f32", [B, T, H, c]);
        const lse = k.tensor("lse", "f32", [B, H, T]);
        const delta = k.tensor("delta", "f32", [B, H, T], "write");
        const dsink = k.tensor("dsinkTerms", "f32", [H, B, T], "write");
        const [bx, h, b] = k.grid([ceilDiv(T, bm), H, B]);
        const t0 = bx.mul(bm);

        const oFrag = k.fragment("oFrag", "f32", [bm, c]);
        const doFrag = k.fragment("doFrag", "f32", [bm, c]);
        const lseFrag = k.fragment("lseFrag", "f32", [bm]);
        const dFrag = k.fragment("dFrag", "f32", [bm]);
        k.copy(o.tile([b, t0, h, 0], [bm, c], [1, 3]), oFrag);
        k.copy(dout.tile([b, t0, h, 0], [bm, c], [1, 3]), doFrag);
        k.copy(lse.tile([b, h, t0]), lseFrag);
        k.parallel([bm, c], (i, d) => oFrag.set([i, d], oFrag.at(i, d).mul(doFrag.at(i, d))));
        k.reduce(oFrag, dFrag, "sum", 1);
        k.copy(dFrag, delta.tile([b, h, t0]));

        const sinkH = k.loadUniform("sinkH", sink, [h]);
        k.parallel([bm], (i) => {
          const pSink = select(lseFrag.at(i).eq(NEG_INF), 0, exp(lseFrag.at(i).neg().add(sinkH)));
          lseFrag.set([i], pSink.mul(dFrag.at(i)).neg());
        });
        k.copy(lseFrag, dsink.tile([h, b, t0]));
      },
      { threads: cfg.threads },
    ),
  );
}

export function attentionDqKernel(cfg: AttentionConfig) {
  const { bm, bn, c } = cfg;
  const name = `attentionDq_c${c}_${bm}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [B, T, H, S, V] = k.sizes("B", "T", "H", "S", "V");
        const scale = k.scalar("scale");
        const q = k.tensor("q", "f32", [B, T, H, c]);
        const kv = k.tensor("kv", "f32", [B, S, c]);
        const visible = k.tensor("visible", "i32", [V, T, S]);
        const dout = k.tensor("dout", "f32", [B, T, H, c]);
        const lse = k.tensor("lse", "f32", [B, H, T]);
        const delta = k.tensor("delta", "f32", [B, H, T]);
        const dq = k.tensor("dq", "f32", [B, T, H, c], "write");
        const [bx, h, b] = k.grid([ceilDiv(T, bm), H, B]);
        const t0 = bx.mul(bm);
        const vb = maskBatch(V, b);
        const rows = (t: typeof q) => t.tile([b, t0, h, 0], [bm, c], [1, 3]);

        const qShared = k.shared("qShared", "f32", [bm, c]);
        const doShared = k.shared("doShared", "f32", [bm, c]);
        const kShared = k.shared("kShared", "f32", [bn, c]);
        const dsShared = k.shared("dsShared", "f32", [bm, bn]);
        const sFrag = k.fragment("sFrag", "f32", [bm, bn]);
        const dpFrag = k.fragment("dpFrag", "f32", [bm, bn]);
        const dqFrag = k.fragment("dqFrag", "f32", [bm, c]);
        const lseFrag = k.fragment("lseFrag", "f32", [bm]);
        const dFrag = k.fragment("dFrag", "f32", [bm]);

        k.copy(rows(q), qShared);
        k.copy(rows(dout), doShared);
        k.copy(lse.tile([b, h, t0]), lseFrag);
        k.copy(delta.tile([b, h, t0]), dFrag);
        k.fill(dqFrag, 0);

        k.serial(ceilDiv(S, bn), (st) => {
          const s0 = st.mul(bn);
          k.copy(kv.tile([b, s0, 0]), kShared);
          k.fill(sFrag, 0);
          k.gemm(qShared, kShared, sFrag, { transB: true });
          k.fill(dpFrag, 0);
          k.gemm(doShared, kShared, dpFrag, { transB: true });
          k.parallel([bm, bn], (i, j) => {
            const seen = visible.at(vb, t0.add(i), s0.add(j)).ne(0);
            const p = select(seen, exp(sFrag.at(i, j).mul(scale).sub(lseFrag.at(i))), 0);
            sFrag.set([i, j], p.mul(dpFrag.at(i, j).sub(dFrag.at(i))));
          });
          k.copy(sFrag, dsShared);
          k.gemm(dsShared, kShared, dqFrag);
        });

        k.parallel([bm, c], (i, d) => dqFrag.set([i, d], dqFrag.at(i, d).mul(scale)));
        k.copy(dqFrag, rows(dq));
      },
      { threads: cfg.threads },
    ),
  );
}

export function attentionDkvKernel(cfg: AttentionConfig) {
  const { bm, bn, c } = cfg;
  const name = `attentionDkv_c${c}_${bm}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [B, T, H, S, V] = k.sizes("B", "T", "H", "S", "V");
        const scale = k.scalar("scale");
        const q = k.tensor("q", "f32", [B, T, H, c]);
        const kv = k.tensor("kv", "f32", [B, S, c]);
        const visible = k.tensor("visible", "i32", [V, T, S]);
        const dout = k.tensor("dout", "f32", [B, T, H, c]);
        const lse = k.tensor("lse", "f32", [B, H, T]);
        const delta = k.tensor("delta", "f32", [B, H, T]);
        const dkv = k.tensor("dkv", "f32", [B, S, c], "write");
        const [bx, b] = k.grid([ceilDiv(S, bn), B]);
        const s0 = bx.mul(bn);
        const vb = maskBatch(V, b);

        const kShared = k.shared("kShared", "f32", [bn, c]);
        const qShared = k.shared("qShared", "f32", [bm, c]);
        const doShared = k.shared("doShared", "f32", [bm, c]);
        const pShared = k.shared("pShared", "f32", [bm, bn]);
        const dsShared = k.shared("dsShared", "f32", [bm, bn]);
        const sFrag = k.fragment("sFrag", "f32", [bm, bn]);
        const dpFrag = k.fragment("dpFrag", "f32", [bm, bn]);
        const dkvFrag = k.fragment("dkvFrag", "f32", [bn, c]);
        const lseFrag = k.fragment("lseFrag", "f32", [bm]);
        const dFrag = k.fragment("dFrag", "f32", [bm]);

        k.copy(kv.tile([b, s0, 0]), kShared);
        k.fill(dkvFrag, 0);
        k.serial(
          H,
          (h) => {
            k.serial(
              ceilDiv(T, bm),
              (tt) => {
                const t0 = tt.mul(bm);
                k.copy(q.tile([b, t0, h, 0], [bm, c], [1, 3]), qShared);
                k.copy(dout.tile([b, t0, h, 0], [bm, c], [1, 3]), doShared);
                k.copy(lse.tile([b, h, t0]), lseFrag);
                k.copy(delta.tile([b, h, t0]), dFrag);
                k.fill(sFrag, 0);
                k.gemm(qShared, kShared, sFrag, { transB: true });
                k.fill(dpFrag, 0);
                k.gemm(doShared, kShared, dpFrag, { transB: true });
                k.parallel([bm, bn], (i, j) => {
                  const seen = visible.at(vb, t0.add(i), s0.add(j)).ne(0);
                  // Bound with let: sFrag[i, j] is overwritten before the second use.
                  const p = k.let(
                    "p",
                    select(seen, exp(sFrag.at(i, j).mul(scale).sub(lseFrag.at(i))), 0),
                  );
                  sFrag.set([i, j], p);
                  dpFrag.set([i, j], p.mul(dpFrag.at(i, j).sub(dFrag.at(i))).mul(scale));
                });
                k.copy(sFrag, pShared);
                k.copy(dpFrag, dsShared);
                k.gemm(pShared, doShared, dkvFrag, { transA: true });
                k.gemm(dsShared, qShared, dkvFrag, { transA: true });
              },
              "tt",
            );
          },
          "h",
        );
        k.copy(dkvFrag, dkv.tile([b, s0, 0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/**
 * Attention backward, kernel 1; tensors "sink" [H], "out", "dout" [B, T, H, C], "lse"
 * [B, H, T] -> "delta" [B, H, T], "dsinkTerms" [H, B, T].
 */
export function planAttentionDelta(target: Target, s: AttentionShape): Plan {
  const { B, T, H } = attentionValues("attentionDelta", s, 1);
  return {
    kernel: attentionDeltaKernel(attentionConfig(target, s.headDim)),
    values: { B: B!, T: T!, H: H! },
  };
}

/**
 * Attention backward, kernel 2 (after kernel 1); tensors "q", "kv", "visible", "dout", "lse",
 * "delta" -> "dq" [B, T, H, C]; scalar "scale".
 */
export function planAttentionDq(target: Target, s: AttentionShape, scale: number): Plan {
  const values = attentionValues("attentionDq", s, scale);
  return { kernel: attentionDqKernel(attentionConfig(target, s.headDim)), values };
}

/**
 * Attention backward, kernel 3 (after kernel 1); tensors "q", "kv", "visible", "dout", "lse",
 * "delta" -> "dkv" [B, S, C]; scalar "scale".
 */
export function planAttentionDkv(target: Target, s: AttentionShape, scale: number): Plan {
  const values = attentionValues("attentionDkv", s, scale);
  return { kernel: attentionDkvKernel(attentionConfig(target, s.headDim)), values };
}
