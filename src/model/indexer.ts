/**
 * Lightning indexer of CSA layers (spec §5.6). It scores every visible compressed entry s for
 * query t as I[t, s] = Σ_h w[t, h] · ReLU(q[t, h] · K[s]) and keeps one top-k per query for all
 * heads. Its keys come from its own, narrower CSA compressor. The score is a discrete choice, so
 * the indexer is trained by its own loss (see `indexerLoss`), from inputs detached from the
 * main model.
 */
import { linear, type Weight } from "../nn/linear.ts";
import { applyRopeTail } from "../nn/rope.ts";
import { indexerFakeQuantSte } from "../quant/qat.ts";
import { noGrad, type Tensor, tensor, topk, where } from "../tensor/index.ts";
import { type CompressorParams, compressorParams } from "./compressor.ts";
import { choose, NO_PACKED, type PackedParams, type Params, param, weightParam } from "./params.ts";

export interface IndexerParams {
  wqB: Weight; // [nI·cI, dc]
  weightsProj: Tensor; // [nI, D]
  compressor: CompressorParams; // wkv/wgate [2·cI, D], ape [4, 2·cI], norm [cI]
}

export function indexerParams(
  params: Params,
  prefix: string,
  packed: PackedParams = NO_PACKED,
): IndexerParams {
  return {
    wqB: weightParam(params, packed, `${prefix}.wq_b.weight`),
    weightsProj: param(params, `${prefix}.weights_proj.weight`),
    compressor: compressorParams(params, `${prefix}.compressor`),
  };
}

export interface IndexerShape {
  numHeads: number;
  headDim: number;
  ropeDims: number;
}

/**
 * Index scores of queries against compressed indexer keys. With `fp4` (QAT) the queries and
 * keys are Hadamard-rotated and MXFP4 fake-quantised first (straight-through backward); the
 * rotation alone would leave every score unchanged.
 * cq: [B, T, dc] (query latent), h: [B, T, D], keys: [B, N, cI], cos/sin: [T, 1, r/2]
 * -> [B, T, N]
 */
export function indexScores(
  p: IndexerParams,
  shape: IndexerShape,
  cq: Tensor,
  h: Tensor,
  keys: Tensor,
  cos: Tensor,
  sin: Tensor,
  fp4 = false,
): Tensor {
  const [B, T] = cq.shape as [number, number];
  const { numHeads, headDim, ropeDims } = shape;
  const roped = applyRopeTail(
    linear(cq, p.wqB).reshape([B, T, numHeads, headDim]),
    ropeDims,
    cos,
    sin,
  );
  const q = fp4 ? indexerFakeQuantSte(roped) : roped; // [B, T, nI, cI]
  const k = fp4 ? indexerFakeQuantSte(keys) : keys; // [B, N, cI]
  // Head weights carry the 1/sqrt(cI·nI) scale of the reference.
  const w = linear(h, p.weightsProj).mul(1 / Math.sqrt(headDim * numHeads)); // [B, T, nI]
  const dots = q.matmul(k.unsqueeze(1).transpose(-2, -1)).relu(); // [B, T, nI, N]
  return dots.mul(w.unsqueeze(-1)).sum(2);
}

/** Entry s is visible to position t once its window has ended: s < floor((t + 1) / ratio). */
export function visibleCount(position: number, ratio: number): number {
  return Math.floor((position + 1) / ratio);
}

/** i32 mask [B, T, N]: 1 where entry s is visible from query t (positions start + t). */
export function visibilityMask(B: number, T: number, N: number, start: number, ratio: number) {
  const data = new Int32Array(B * T * N);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const visible = Math.min(N, visibleCount(start + t, ratio));
      data.fill(1, (b * T + t) * N, (b * T + t) * N + visible);
    }
  }
  return tensor(data, [B, T, N]);
}

export interface Selection {
  /** i32 mask [B, T, N]: 1 for the selected entries. */
  mask: Tensor;
  /** Selected entry ids per query, [B·T·k] with −1 padding (k = min(topk, N)). */
  indices: Int32Array;
  k: number;
}

/**
 * Top-k visible entries per query by index score; ties go to the lower entry id. Queries that
 * see fewer than k entries keep all they see.
 */
export function selectTopk(scores: Tensor, visible: Tensor, topkCount: number): Selection {
  return noGrad(() => {
    const [B, T, N] = scores.shape as [number, number, number];
    const k = Math.min(topkCount, N);
    const indices = new Int32Array(B * T * k).fill(-1);
    const maskData = new Int32Array(B * T * N);
    if (k === 0) return { mask: tensor(maskData, [B, T, N]), indices, k };
    const masked = where(visible, scores, Number.NEGATIVE_INFINITY);
    const top = choose("indexer top-k", () => topk(masked, k));
    const idx = top.indices.toArray();
    const vis = visible.toArray();
    for (let row = 0; row < B * T; row++) {
      for (let j = 0; j < k; j++) {
        const s = idx[row * k + j]!;
        if (vis[row * N + s] === 0) continue;
        indices[row * k + j] = s;
        maskData[row * N + s] = 1;
      }
    }
    return { mask: tensor(maskData, [B, T, N]), indices, k };
  });
}

/**
 * Trains the indexer toward the main attention: the target over each query's candidate entries
 * is the attention mass the heads put on them (summed over heads, renormalised, detached); the
 * loss is the cross-entropy of the indexer's softmax against it, averaged over queries that
 * have candidates. scores: [B, T, N], attnMass: [B, T, N], candidates: i32 [B, T, N].
 */
export function indexerLoss(scores: Tensor, attnMass: Tensor, candidates: Tensor): Tensor {
  const target = noGrad(() => {
    const m = where(candidates, attnMass.detach(), 0);
    return m.div(m.sum(-1, true).add(1e-12));
  });
  const logp = where(candidates, scores, Number.NEGATIVE_INFINITY).logSoftmax(-1);
  const perEntry = where(candidates, target.mul(logp), 0);
  const rows = noGrad(() => candidates.sum(-1).gt(0).sum().item());
  return perEntry.sum().mul(rows > 0 ? -1 / rows : 0);
}
