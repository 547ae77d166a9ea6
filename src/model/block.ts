/**
 * One decoder block (spec §2): mHC pre → attention → mHC post, then mHC pre → MoE → mHC post,
 * each sublayer with its own mixing parameters and RMSNorm.
 */
import { rmsNorm } from "../nn/rmsnorm.ts";
import type { Tensor } from "../tensor/index.ts";
import {
  type AttnContext,
  type AttnOutput,
  attentionDecode,
  attentionSequence,
  attnParams,
} from "./attention.ts";
import type { LayerCache } from "./cache.ts";
import type { ModelConfig } from "./config.ts";
import { hcPost, hcPre } from "./mhc.ts";
import { type ExpertWeights, type MoeParams, moe } from "./moe.ts";
import { optionalParam, type PackedParams, type Params, param, weightParam } from "./params.ts";
import type { QatOptions } from "./qat.ts";
import type { RopeTable } from "./rope-table.ts";
import type { BlockPlan } from "./schedule.ts";

export interface BlockRun {
  cfg: ModelConfig;
  params: Params;
  plan: BlockPlan;
  rope: RopeTable;
  indexerMode: "dense" | "sparse";
  trainIndexer: boolean;
  /** Hash table of hash-routed blocks, [vocab·k]. */
  tid2eid: Int32Array | null;
  /** Weight of the sequence-wise balance loss (0 = off). */
  balanceWeight: number;
  /** Linear weights kept packed (quantized checkpoints); empty for dense models. */
  packed: PackedParams;
  /** MXFP4 quantization-aware training of this forward, or null. */
  qat: QatOptions | null;
}

export interface BlockOutput {
  /** [B, T, hc, D] */
  streams: Tensor;
  attn: AttnOutput;
  /** Tokens routed to each expert, [E]. */
  load: Int32Array;
  /** Sequence-wise balance loss of a learned-routing block (balanceWeight > 0). */
  balanceLoss: Tensor | null;
}

function expert(params: Params, packed: PackedParams, prefix: string): ExpertWeights {
  return {
    w1: weightParam(params, packed, `${prefix}.w1.weight`),
    w2: weightParam(params, packed, `${prefix}.w2.weight`),
    w3: weightParam(params, packed, `${prefix}.w3.weight`),
  };
}

export function moeParams(run: BlockRun): MoeParams {
  const { params, cfg, packed } = run;
  const f = `${run.plan.prefix}.ffn`;
  return {
    gateWeight: param(params, `${f}.gate.weight`),
    gateBias: run.plan.routing === "hash" ? null : optionalParam(params, `${f}.gate.bias`),
    tid2eid: run.plan.routing === "hash" ? run.tid2eid : null,
    experts: Array.from({ length: cfg.numRoutedExperts }, (_, e) =>
      expert(params, packed, `${f}.experts.${e}`),
    ),
    shared: cfg.numSharedExperts > 0 ? [expert(params, packed, `${f}.shared_experts`)] : [],
  };
}

/**
 * X: [B, T, hc, D], ids: Int32Array [B·T] (the input token of each position, for hash routing).
 * With `decodePos` the block runs one token against `cache`; otherwise a sequence from 0.
 */
export function runBlock(
  run: BlockRun,
  x: Tensor,
  ids: Int32Array,
  cache: LayerCache | null,
  decodePos?: number,
): BlockOutput {
  const { cfg, params, plan } = run;
  const pre = (s: "attn" | "ffn", streams: Tensor) =>
    hcPre(
      streams,
      param(params, `${plan.prefix}.hc_${s}_fn`),
      param(params, `${plan.prefix}.hc_${s}_scale`),
      param(params, `${plan.prefix}.hc_${s}_base`),
      { iters: cfg.hcSinkhornIters, eps: cfg.hcEps, normEps: cfg.rmsNormEps },
    );
  const ctx: AttnContext = {
    cfg,
    plan,
    rope: run.rope,
    indexerMode: run.indexerMode,
    trainIndexer: run.trainIndexer,
    qatIndexer: run.qat?.indexer ?? false,
  };

  const a = pre("attn", x);
  const h = rmsNorm(a.y, param(params, `${plan.prefix}.attn_norm.weight`), cfg.rmsNormEps);
  const attnP = attnParams(params, plan, run.packed);
  const attn =
    decodePos === undefined
      ? attentionSequence(attnP, ctx, h, cache)
      : attentionDecode(attnP, ctx, h, decodePos, cache!);
  const x1 = hcPost(attn.out, x, a.post, a.comb);

  const f = pre("ffn", x1);
  const hf = rmsNorm(f.y, param(params, `${plan.prefix}.ffn_norm.weight`), cfg.rmsNormEps);
  const m = moe(hf, moeParams(run), ids, {
    topk: cfg.numExpertsPerTok,
    routeScale: cfg.routedScalingFactor,
    swigluLimit: cfg.swigluLimit,
    clampShared: cfg.clampSharedExpert,
    balanceWeight: run.balanceWeight,
    seqLen: x.shape[1]!,
    qatExperts: run.qat?.experts ?? false,
  });
  return {
    streams: hcPost(m.out, x1, f.post, f.comb),
    attn,
    load: m.load,
    balanceLoss: m.balanceLoss,
  };
}
