/**
 * The attention core of every V4 layer (spec §5.7), forward: for each query row, one softmax
 * over the visible keys plus a per-head sink logit that adds e^sink to the denominator and has
 * no value; keys are also the values (one shared K = V head). Online softmax over key tiles
 * (Dao et al., FlashAttention-2): the sink starts each row's running max m = sink, l = 1, so a
 * query that sees no key outputs 0. Also writes lse = m + log l per row for the backward.
 *
 * Layouts (dense): q [B, T, H, C] (BTHC), kv [B, S, C], visible i32 [V, T, S] with V = 1 (one
 * mask for the batch) or B, sink [H] -> out [B, T, H, C], lse [B, H, T].
 */
import { defineKernel, type KernelBuilder } from "../builder.ts";
import { ceilDiv, type Expr, lit, log, max, select } from "../expr.ts";
import type { TensorRef, TileRef } from "../refs.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { expShifted } from "./softmax.ts";

const NEG_INF = Number.NEGATIVE_INFINITY;

export interface AttentionConfig {
  /** Queries per block. */
  readonly bm: number;
  /** Keys per step. */
  readonly bn: number;
  /** Head dim (compile-time). */
  readonly c: number;
  readonly threads: number;
}

/** The batch index into the mask: 0 when one mask serves the whole batch. */
export function maskBatch(v: Expr, b: Expr): Expr {
  return select(v.eq(1), lit(0, "i32"), b);
}

/**
 * sFrag <- scale·(Q Kᵀ) with masked entries at -inf, for the [bm, bn] tile at (t0, s0).
 * kShared holds the key tile; sFrag is cleared here.
 */
export function maskedScores(
  k: KernelBuilder,
  tiles: { qShared: TileRef; kShared: TileRef; sFrag: TileRef },
  visible: TensorRef,
  at: { vb: Expr; t0: Expr; s0: Expr; scale: Expr },
): void {
  const { qShared, kShared, sFrag } = tiles;
  const [bm, bn] = sFrag.shape as [number, number];
  k.fill(sFrag, 0);
  k.gemm(qShared, kShared, sFrag, { transB: true });
  k.parallel([bm, bn], (i, j) => {
    const seen = visible.at(at.vb, at.t0.add(i), at.s0.add(j)).ne(0);
    sFrag.set([i, j], select(seen, sFrag.at(i, j).mul(at.scale), NEG_INF));
  });
}

export function attentionKernel(cfg: AttentionConfig) {
  const { bm, bn, c } = cfg;
  const name = `attention_c${c}_${bm}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [B, T, H, S, V] = k.sizes("B", "T", "H", "S", "V");
        const scale = k.scalar("scale");
        const q = k.tensor("q", "f32", [B, T, H, c]);
        const kv = k.tensor("kv", "f32", [B, S, c]);
        const visible = k.tensor("visible", "i32", [V, T, S]);
        const sink = k.tensor("sink", "f32", [H]);
        const out = k.tensor("out", "f32", [B, T, H, c], "write");
        const lse = k.tensor("lse", "f32", [B, H, T], "write");
        const [bx, h, b] = k.grid([ceilDiv(T, bm), H, B]);
        const t0 = bx.mul(bm);
        const vb = maskBatch(V, b);

        const qShared = k.shared("qShared", "f32", [bm, c]);
        const kShared = k.shared("kShared", "f32", [bn, c]);
        const pShared = k.shared("pShared", "f32", [bm, bn]);
        const sFrag = k.fragment("sFrag", "f32", [bm, bn]);
        const oFrag = k.fragment("oFrag", "f32", [bm, c]);
        const mFrag = k.fragment("mFrag", "f32", [bm]);
        const lFrag = k.fragment("lFrag", "f32", [bm]);
        const cFrag = k.fragment("cFrag", "f32", [bm]);
        const aFrag = k.fragment("aFrag", "f32", [bm]);

        k.copy(q.tile([b, t0, h, 0], [bm, c], [1, 3]), qShared);
        const sinkH = k.loadUniform("sinkH", sink, [h]);
        k.fill(mFrag, sinkH);
        k.fill(lFrag, 1);
        k.fill(oFrag, 0);

        k.serial(ceilDiv(S, bn), (st) => {
          const s0 = st.mul(bn);
          k.copy(kv.tile([b, s0, 0]), kShared);
          maskedScores(k, { qShared, kShared, sFrag }, visible, { vb, t0, s0, scale });
          // Rescale the running sum and output by e^(m_old - m_new) when the max grows.
          k.reduce(sFrag, cFrag, "max", 1);
          k.parallel([bm], (i) => {
            const mNew = max(mFrag.at(i), cFrag.at(i));
            aFrag.set([i], expShifted(mFrag.at(i), mNew));
            lFrag.set([i], lFrag.at(i).mul(aFrag.at(i)));
            mFrag.set([i], mNew);
          });
          k.parallel([bm, c], (i, d) => oFrag.set([i, d], oFrag.at(i, d).mul(aFrag.at(i))));
          k.parallel([bm, bn], (i, j) =>
            sFrag.set([i, j], expShifted(sFrag.at(i, j), mFrag.at(i))),
          );
          k.reduce(sFrag, lFrag, "sum", 1, { clear: false });
          k.copy(sFrag, pShared);
          k.gemm(pShared, kShared, oFrag);
        });

        k.parallel([bm, c], (i, d) => oFrag.set([i, d], oFrag.at(i, d).div(lFrag.at(i))));
        k.copy(oFrag, out.tile([b, t0, h, 0], [bm, c], [1, 3]));
        k.parallel([bm], (i) => lFrag.set([i], mFrag.at(i).add(log(lFrag.at(i)))));
        k.copy(lFrag, lse.tile([b, h, t0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/** Tile sizes: GPUs keep Q, K and P tiles within 16 KiB of workgroup memory. */
export function attentionConfig(target: Target, c: number): AttentionConfig {
  if (target === "wasm") return { bm: 32, bn: 32, c, threads: 256 };
  const b = c <= 64 ? 16 : 8;
  return { bm: b, bn: b, c, threads: 128 };
}

export interface AttentionShape {
  readonly batch: number;
  readonly queries: number;
  readonly heads: number;
  readonly keys: number;
  readonly headDim: number;
  /** Batch count of the mask: 1 (shared) or batch. */
  readonly maskBatch: number;
}

/** Checks an attention shape and returns its run-time sizes. */
export function attentionValues(
  what: string,
  s: AttentionShape,
  scale: number,
): Record<string, number> {
  checkCounts(what, {
    batch: s.batch,
    queries: s.queries,
    heads: s.heads,
    keys: s.keys,
    headDim: s.headDim,
  });
  if (s.maskBatch !== 1 && s.maskBatch !== s.batch) {
    throw new RangeError(`${what}: mask batch ${s.maskBatch} must be 1 or the batch ${s.batch}`);
  }
  if (!Number.isFinite(scale)) throw new RangeError(`${what}: scale ${scale} must be finite`);
  return { B: s.batch, T: s.queries, H: s.heads, S: s.keys, V: s.maskBatch, scale };
}

/**
 * Attention forward; tensors "q" [B, T, H, C], "kv" [B, S, C], "visible" i32 [V, T, S],
 * "sink" [H] -> "out" [B, T, H, C], "lse" [B, H, T]; scalar "scale".
 */
export function planAttention(target: Target, s: AttentionShape, scale: number): Plan {
  const values = attentionValues("attention", s, scale);
  return { kernel: attentionKernel(attentionConfig(target, s.headDim)), values };
}
