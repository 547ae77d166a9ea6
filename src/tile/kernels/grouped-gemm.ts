/**
 * The MoE grouped GEMM: tokens sorted by expert, out[r] = x[r] @ w[e] for every row r of
 * expert e's contiguous range [offsets[e], offsets[e+1]). The grid covers every expert with as
 * many row tiles as the whole batch could need; a block whose tile starts past its expert's
 * range exits at once (its bounds are read with loadUniform, so the exit is uniform), and rows
 * past the range are never stored, so experts never overwrite each other.
 *
 * Layouts (dense): x [N, D], w [E, D, F] (or [E, F, D] with transW), offsets i32 [E + 1]
 * (non-decreasing, offsets[E] <= N) -> out [N, F] (rows outside every range are untouched).
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv } from "../expr.ts";
import { type MatmulConfig, matmulConfig } from "./matmul.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

export function groupedGemmKernel(cfg: MatmulConfig) {
  const { bm, bn, bk, transB } = cfg;
  const name = `groupedGemm_${transB ? "t" : "n"}_${bm}x${bn}x${bk}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [N, D, F, E] = k.sizes("N", "D", "F", "E");
        const x = k.tensor("x", "f32", [N, D]);
        const w = k.tensor("w", "f32", transB ? [E, F, D] : [E, D, F]);
        const offsets = k.tensor("offsets", "i32", [E.add(1)]);
        const out = k.tensor("out", "f32", [N, F], "write");
        const [bx, by, e] = k.grid([ceilDiv(F, bn), ceilDiv(N, bm), E]);
        const end = k.loadUniform("rowEnd", offsets, [e.add(1)]);
        const r0 = k.loadUniform("rowStart", offsets, [e]).add(by.mul(bm));
        const c0 = bx.mul(bn);

        const aShared = k.shared("aShared", "f32", [bm, bk]);
        const bShared = k.shared("bShared", "f32", transB ? [bn, bk] : [bk, bn]);
        const cFrag = k.fragment("cFrag", "f32", [bm, bn]);

        k.when(r0.lt(end), () => {
          k.fill(cFrag, 0);
          k.pipelined(ceilDiv(D, bk), (ko) => {
            const k0 = ko.mul(bk);
            k.copy(x.tile([r0, k0]), aShared);
            k.copy(w.tile(transB ? [e, c0, k0] : [e, k0, c0]), bShared);
            k.gemm(aShared, bShared, cFrag, { transB });
          });
          k.parallel([bm, bn], (i, j) => {
            k.when(r0.add(i).lt(end), () => out.set([r0.add(i), c0.add(j)], cFrag.at(i, j)));
          });
        });
      },
      { threads: cfg.threads },
    ),
  );
}

export interface GroupedGemmShape {
  /** Rows (tokens, sorted by expert). */
  readonly rows: number;
  readonly inDim: number;
  readonly outDim: number;
  readonly experts: number;
  /** w stored [E, F, D] instead of [E, D, F]. */
  readonly transW: boolean;
}

/**
 * out[offsets[e]..offsets[e+1]) = x[same rows] @ w[e]; tensors "x" [N, D], "w" [E, D, F]
 * ([E, F, D] with transW), "offsets" i32 [E + 1] -> "out" [N, F].
 */
export function planGroupedGemm(target: Target, s: GroupedGemmShape): Plan {
  checkCounts("groupedGemm", {
    rows: s.rows,
    inDim: s.inDim,
    outDim: s.outDim,
    experts: s.experts,
  });
  const cfg = matmulConfig(target, {
    batch: 1,
    m: 64,
    k: s.inDim,
    n: s.outDim,
    transA: false,
    transB: s.transW,
  });
  return {
    kernel: groupedGemmKernel(cfg),
    values: { N: s.rows, D: s.inDim, F: s.outDim, E: s.experts },
  };
}
