/**
 * The V4 attention layer (spec §5): low-rank queries with per-head RMS, one shared K = V head,
 * a sliding window that includes the current token, compressed entries (HCA: all visible; CSA:
 * the indexer's top-k), one softmax with a per-head sink, de-rotation of the outputs and the
 * grouped output projection. `attentionSequence` runs a whole sequence from position 0 (training
 * and prefill); `attentionDecode` one token against the cache.
 */
import { linear, type Weight } from "../nn/linear.ts";
import { quantLinear } from "../nn/quant-linear.ts";
import { rmsNorm } from "../nn/rmsnorm.ts";
import { applyRopeTail } from "../nn/rope.ts";
import { concat, noGrad, Tensor, tensor } from "../tensor/index.ts";
import { attendCore } from "./attention-core.ts";
import { type LayerCache, replace } from "./cache.ts";
import {
  type CompressorParams,
  type CompressorSpec,
  compressorInputs,
  compressorParams,
  compressSequence,
} from "./compressor.ts";
import { decodeCompressors, fillCompressorCache } from "./compressor-cache.ts";
import type { ModelConfig } from "./config.ts";
import {
  type IndexerParams,
  indexerLoss,
  indexerParams,
  indexScores,
  type Selection,
  selectTopk,
  visibilityMask,
} from "./indexer.ts";
import { NO_PACKED, type PackedParams, type Params, param, weightParam } from "./params.ts";
import { positions, type RopeTable } from "./rope-table.ts";
import type { BlockPlan } from "./schedule.ts";

export interface AttnParams {
  wqA: Weight; // [dc, D]
  qNorm: Tensor; // [dc]
  wqB: Weight; // [H·c, dc]
  wkv: Weight; // [c, D]
  kvNorm: Tensor; // [c]
  woA: Weight; // [g·dg, H·c/g]
  woB: Weight; // [D, g·dg]
  sink: Tensor; // [H]
  compressor: CompressorParams | null;
  indexer: IndexerParams | null;
}

/** The attention weights of a block; `packed` holds those a quantized checkpoint keeps packed. */
export function attnParams(
  params: Params,
  plan: BlockPlan,
  packed: PackedParams = NO_PACKED,
): AttnParams {
  const p = `${plan.prefix}.attn`;
  const w = (name: string) => weightParam(params, packed, `${p}.${name}.weight`);
  return {
    wqA: w("wq_a"),
    qNorm: param(params, `${p}.q_norm.weight`),
    wqB: w("wq_b"),
    wkv: w("wkv"),
    kvNorm: param(params, `${p}.kv_norm.weight`),
    woA: w("wo_a"),
    woB: w("wo_b"),
    sink: param(params, `${p}.attn_sink`),
    compressor: plan.ratio > 0 ? compressorParams(params, `${p}.compressor`) : null,
    indexer: plan.attention === "csa" ? indexerParams(params, `${p}.indexer`, packed) : null,
  };
}

export interface AttnContext {
  cfg: ModelConfig;
  plan: BlockPlan;
  rope: RopeTable;
  /** "dense": CSA attends to every visible entry (indexer warm-up); "sparse": to its top-k. */
  indexerMode: "dense" | "sparse";
  /** Compute the indexer's training loss (CSA layers). */
  trainIndexer: boolean;
  /** MXFP4 QAT of the indexer's queries and keys (Hadamard, then 1 x 32 fake quantisation). */
  qatIndexer?: boolean;
}

export interface AttnOutput {
  /** [B, T, D] */
  out: Tensor;
  /** CSA: selected entry ids [B·T·k], −1 padded. */
  selection?: Selection;
  indexerLoss?: Tensor;
}

export function mainCompressorSpec(cfg: ModelConfig, plan: BlockPlan): CompressorSpec {
  return {
    ratio: plan.ratio,
    overlap: plan.attention === "csa",
    dim: cfg.headDim,
    ropeDims: cfg.ropeHeadDim,
    normEps: cfg.rmsNormEps,
  };
}

export function indexerCompressorSpec(cfg: ModelConfig, plan: BlockPlan): CompressorSpec {
  return {
    ratio: plan.ratio,
    overlap: true,
    dim: cfg.indexHeadDim,
    ropeDims: cfg.ropeHeadDim,
    normEps: cfg.rmsNormEps,
  };
}

/** h: [B, T, D] -> query latent cq [B, T, dc], rotated queries q [B, T, H, c]. */
function projectQuery(p: AttnParams, cfg: ModelConfig, h: Tensor, cos: Tensor, sin: Tensor) {
  const [B, T] = h.shape as [number, number];
  const cq = rmsNorm(linear(h, p.wqA), p.qNorm, cfg.rmsNormEps);
  const heads = linear(cq, p.wqB).reshape([B, T, cfg.numHeads, cfg.headDim]);
  const q = applyRopeTail(rmsNorm(heads, null, cfg.rmsNormEps), cfg.ropeHeadDim, cos, sin);
  return { cq, q };
}

/** h: [B, T, D] -> rotated KV vectors [B, T, c]. */
function projectKv(p: AttnParams, cfg: ModelConfig, h: Tensor, cos: Tensor, sin: Tensor) {
  const kv = rmsNorm(linear(h, p.wkv), p.kvNorm, cfg.rmsNormEps);
  return applyRopeTail(kv, cfg.ropeHeadDim, cos, sin);
}

/** o: [B, T, H, c] -> de-rotated, grouped low-rank output projection [B, T, D]. */
function projectOutput(p: AttnParams, cfg: ModelConfig, o: Tensor, cos: Tensor, sin: Tensor) {
  const [B, T, H, c] = o.shape as [number, number, number, number];
  const g = cfg.oGroups;
  const dg = cfg.oLoraRank;
  const derotated = applyRopeTail(o, cfg.ropeHeadDim, cos, sin, true);
  // Group r holds heads [r·H/g, (r+1)·H/g); its rows of wo_a project it to rank dg.
  const grouped = derotated.reshape([B * T, g, (H / g) * c]).permute([1, 0, 2]); // [g, BT, Hc/g]
  let u: Tensor;
  if (p.woA instanceof Tensor) {
    const wa = p.woA.reshape([g, dg, (H / g) * c]).transpose(-2, -1); // [g, Hc/g, dg]
    u = grouped
      .matmul(wa)
      .permute([1, 0, 2])
      .reshape([B, T, g * dg]);
  } else {
    // A packed wo_a projects each group with its own row range, dequantised in the kernel.
    const woA = p.woA;
    const parts = Array.from({ length: g }, (_, r) =>
      quantLinear(grouped.slice(0, r, r + 1).squeeze(0), woA, { start: r * dg, end: (r + 1) * dg }),
    ); // g × [BT, dg]
    u = concat(parts, -1).reshape([B, T, g * dg]);
  }
  return linear(u, p.woB);
}

/** i32 [T, T]: key s visible to query t inside the sliding window (self included). */
function windowMask(T: number, window: number): Tensor {
  const data = new Int32Array(T * T);
  for (let t = 0; t < T; t++) data.fill(1, t * T + Math.max(0, t - window + 1), t * T + t + 1);
  return tensor(data, [T, T]);
}

/** Attention over a whole sequence starting at position 0; fills `cache` when given. */
export function attentionSequence(
  p: AttnParams,
  ctx: AttnContext,
  h: Tensor,
  cache: LayerCache | null,
): AttnOutput {
  const { cfg, plan, rope } = ctx;
  const [B, T] = h.shape as [number, number];
  const { cos, sin } = rope.angles(positions(0, T), h.dtype);
  const r2 = cfg.ropeHeadDim / 2;
  const cos4 = cos.reshape([T, 1, r2]);
  const sin4 = sin.reshape([T, 1, r2]);
  const { cq, q } = projectQuery(p, cfg, h, cos4, sin4);
  const kv = projectKv(p, cfg, h, cos, sin);
  const win = windowMask(T, cfg.slidingWindow);

  let keys = kv;
  let mask = win.reshape([1, 1, T, T]);
  let selection: Selection | undefined;
  let scores: Tensor | null = null;
  let candidates: Tensor | null = null;
  let compressed: { a: Tensor; z: Tensor } | null = null;
  let indexed: { a: Tensor; z: Tensor } | null = null;
  if (p.compressor) {
    const spec = mainCompressorSpec(cfg, plan);
    compressed = compressorInputs(p.compressor, h);
    const entries = compressSequence(p.compressor, spec, compressed.a, compressed.z, rope);
    const N = entries.shape[1]!;
    let compMask = visibilityMask(B, T, N, 0, plan.ratio);
    if (p.indexer) {
      const ispec = indexerCompressorSpec(cfg, plan);
      // The indexer learns from its own loss only: its inputs are cut from the main graph.
      const hd = h.detach();
      indexed = compressorInputs(p.indexer.compressor, hd);
      const ikeys = compressSequence(p.indexer.compressor, ispec, indexed.a, indexed.z, rope);
      const shape = {
        numHeads: cfg.indexNumHeads,
        headDim: cfg.indexHeadDim,
        ropeDims: cfg.ropeHeadDim,
      };
      const fp4 = ctx.qatIndexer ?? false;
      scores = indexScores(p.indexer, shape, cq.detach(), hd, ikeys, cos4, sin4, fp4);
      selection = selectTopk(scores, compMask, cfg.indexTopk);
      if (ctx.indexerMode === "sparse") compMask = selection.mask;
      candidates = compMask;
      if (cache) cache.indexKeys = replace(cache.indexKeys, ikeys.detach());
    }
    keys = concat([kv, entries], 1);
    mask = concat([win.reshape([1, T, T]).expand([B, T, T]), compMask], -1).unsqueeze(1);
    if (cache) cache.entries = replace(cache.entries, entries.detach());
  }

  const core = attendCore(q, keys, mask, p.sink, 1 / Math.sqrt(cfg.headDim));
  const out = projectOutput(p, cfg, core.out, cos4, sin4);
  const result: AttnOutput = { out };
  if (selection) result.selection = selection;
  if (ctx.trainIndexer && scores && candidates) {
    const N = scores.shape[2]!;
    const mass = noGrad(() => core.probs(T, T + N).sum(1)); // [B, T, N]
    result.indexerLoss = indexerLoss(scores, mass, candidates);
  }
  if (cache) {
    noGrad(() => fillWindowCache(cache, kv, cfg.slidingWindow));
    fillCompressorCache(cache, ctx, p, compressed, indexed, T);
  }
  return result;
}

/** Writes the last `window` KV vectors of a sequence into their ring slots (p mod window). */
function fillWindowCache(cache: LayerCache, kv: Tensor, window: number): void {
  const T = kv.shape[1]!;
  for (let pos = Math.max(0, T - window); pos < T; pos++) {
    const slot = pos % window;
    cache.window.slice(1, slot, slot + 1).assign(kv.slice(1, pos, pos + 1));
  }
}

/** One token at position `pos` (h: [B, 1, D]) against the cache, which it then extends. */
export function attentionDecode(
  p: AttnParams,
  ctx: AttnContext,
  h: Tensor,
  pos: number,
  cache: LayerCache,
): AttnOutput {
  const { cfg, rope } = ctx;
  const B = h.shape[0]!;
  const window = cfg.slidingWindow;
  const { cos, sin } = rope.angles([pos], h.dtype);
  const r2 = cfg.ropeHeadDim / 2;
  const cos4 = cos.reshape([1, 1, r2]);
  const sin4 = sin.reshape([1, 1, r2]);
  const { cq, q } = projectQuery(p, cfg, h, cos4, sin4);
  const kv = projectKv(p, cfg, h, cos, sin);
  const slot = pos % window;
  cache.window.slice(1, slot, slot + 1).assign(kv);
  decodeCompressors(cache, ctx, p, h, pos);

  // Ring slots hold positions ≤ pos; before the ring fills, slots past pos are empty.
  const ring = new Int32Array(window).fill(1, 0, Math.min(window, pos + 1));
  let keys = cache.window;
  let mask = tensor(ring, [1, 1, 1, window]);
  let selection: Selection | undefined;
  const entries = cache.entries;
  if (entries && entries.shape[1]! > 0) {
    const N = entries.shape[1]!;
    let compMask = visibilityMask(B, 1, N, pos, ctx.plan.ratio);
    if (p.indexer && cache.indexKeys) {
      const shape = {
        numHeads: cfg.indexNumHeads,
        headDim: cfg.indexHeadDim,
        ropeDims: cfg.ropeHeadDim,
      };
      const scores = indexScores(p.indexer, shape, cq, h, cache.indexKeys, cos4, sin4);
      selection = selectTopk(scores, compMask, cfg.indexTopk);
      if (ctx.indexerMode === "sparse") compMask = selection.mask;
    }
    keys = concat([cache.window, entries], 1);
    mask = concat([mask.reshape([1, 1, window]).expand([B, 1, window]), compMask], -1).unsqueeze(1);
  }
  const core = attendCore(q, keys, mask, p.sink, 1 / Math.sqrt(cfg.headDim));
  const result: AttnOutput = { out: projectOutput(p, cfg, core.out, cos4, sin4) };
  if (selection) result.selection = selection;
  return result;
}
