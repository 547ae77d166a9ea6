// Every checkpoint tensor of a DeepSeek-V4 model, with the official names and logical shapes
// of spec §10.1 ("out × in" like the checkpoint), computed from the config without allocating.
// Shapes are the unquantised ones: FP4 experts pack two values per byte on disk, and the
// FP8/FP4 `.scale` tensors are not listed (they are storage, not parameters).

import type { ModelConfig } from "./config.ts";
import { type BlockPlan, layerSchedule } from "./schedule.ts";

/** Parameter groups used for counting and reports. */
export type ParamGroup =
  | "embedding"
  | "head"
  | "attention-sliding"
  | "attention-csa"
  | "attention-hca"
  | "compressor"
  | "indexer"
  | "mhc"
  | "router"
  | "routed-experts"
  | "shared-experts"
  | "norms"
  | "mtp-proj";

/** All groups in report order. */
export const PARAM_GROUPS: readonly ParamGroup[] = Object.freeze([
  "embedding",
  "head",
  "attention-sliding",
  "attention-csa",
  "attention-hca",
  "compressor",
  "indexer",
  "mhc",
  "router",
  "routed-experts",
  "shared-experts",
  "norms",
  "mtp-proj",
]);

/** One checkpoint tensor. */
export type ParamShape = Readonly<{
  name: string; // official checkpoint name, e.g. "layers.3.attn.wq_a.weight"
  shape: readonly number[];
  group: ParamGroup;
  block: "main" | "mtp"; // main model, or an MTP block (mtp.* tensors)
  float: boolean; // false for the int64 hash table `ffn.gate.tid2eid`
}>;

type Emit = (name: string, shape: readonly number[], group: ParamGroup, float?: boolean) => void;

/**
 * Names and shapes of every tensor of the model, main model first, then the MTP blocks.
 * The MTP blocks share `embed.weight` and `head.weight` with the main model (spec §9).
 * With `tieWordEmbeddings` there is no `head.weight`.
 */
export function parameterShapes(cfg: ModelConfig): ParamShape[] {
  const out: ParamShape[] = [];
  const emitter =
    (block: "main" | "mtp"): Emit =>
    (name, shape, group, float = true) => {
      out.push(Object.freeze({ name, shape: Object.freeze([...shape]), group, block, float }));
    };
  const main = emitter("main");
  const d = cfg.hiddenSize;
  const schedule = layerSchedule(cfg);
  main("embed.weight", [cfg.vocabSize, d], "embedding");
  for (const plan of schedule.layers) blockShapes(cfg, plan, main);
  main("norm.weight", [d], "norms");
  if (!cfg.tieWordEmbeddings) main("head.weight", [cfg.vocabSize, d], "head");
  headCollapseShapes(cfg, "", main);
  const mtp = emitter("mtp");
  for (const plan of schedule.mtp) {
    const p = plan.prefix;
    mtp(`${p}.e_proj.weight`, [d, d], "mtp-proj");
    mtp(`${p}.h_proj.weight`, [d, d], "mtp-proj");
    mtp(`${p}.enorm.weight`, [d], "norms");
    mtp(`${p}.hnorm.weight`, [d], "norms");
    blockShapes(cfg, plan, mtp);
    mtp(`${p}.norm.weight`, [d], "norms");
    headCollapseShapes(cfg, `${p}.`, mtp);
  }
  return out;
}

// Head collapse of the mHC streams into one vector (spec §7.3): fn [n_hc, n_hc·d].
function headCollapseShapes(cfg: ModelConfig, prefix: string, emit: Emit): void {
  const h = cfg.hcMult;
  emit(`${prefix}hc_head_fn`, [h, h * cfg.hiddenSize], "mhc");
  emit(`${prefix}hc_head_base`, [h], "mhc");
  emit(`${prefix}hc_head_scale`, [1], "mhc");
}

// One decoder block: two mHC sublayer wrappers, attention, MoE (spec §2, §5, §7, §8).
function blockShapes(cfg: ModelConfig, plan: BlockPlan, emit: Emit): void {
  const p = plan.prefix;
  const d = cfg.hiddenSize;
  const h = cfg.hcMult;
  const mix = (2 + h) * h; // pre (h) + post (h) + residual matrix (h·h)
  emit(`${p}.attn_norm.weight`, [d], "norms");
  emit(`${p}.ffn_norm.weight`, [d], "norms");
  for (const sub of ["attn", "ffn"]) {
    emit(`${p}.hc_${sub}_fn`, [mix, h * d], "mhc");
    emit(`${p}.hc_${sub}_base`, [mix], "mhc");
    emit(`${p}.hc_${sub}_scale`, [3], "mhc");
  }
  attentionShapes(cfg, plan, emit);
  moeShapes(cfg, plan, emit);
}

function attentionShapes(cfg: ModelConfig, plan: BlockPlan, emit: Emit): void {
  const a = `${plan.prefix}.attn`;
  const d = cfg.hiddenSize;
  const c = cfg.headDim;
  const g = cfg.oGroups;
  const group = `attention-${plan.attention}` as const;
  emit(`${a}.wq_a.weight`, [cfg.qLoraRank, d], group);
  emit(`${a}.q_norm.weight`, [cfg.qLoraRank], group);
  emit(`${a}.wq_b.weight`, [cfg.numHeads * c, cfg.qLoraRank], group);
  emit(`${a}.wkv.weight`, [c, d], group);
  emit(`${a}.kv_norm.weight`, [c], group);
  // Grouped output: g blocks of [o_lora_rank, n_h·c/g], then [d, g·o_lora_rank].
  emit(`${a}.wo_a.weight`, [g * cfg.oLoraRank, (cfg.numHeads * c) / g], group);
  emit(`${a}.wo_b.weight`, [d, g * cfg.oLoraRank], group);
  emit(`${a}.attn_sink`, [cfg.numHeads], group);
  if (plan.attention === "sliding") return;
  compressorShapes(`${a}.compressor`, plan, c, d, "compressor", emit);
  if (plan.attention !== "csa") return;
  const nI = cfg.indexNumHeads;
  const cI = cfg.indexHeadDim;
  emit(`${a}.indexer.wq_b.weight`, [nI * cI, cfg.qLoraRank], "indexer");
  emit(`${a}.indexer.weights_proj.weight`, [nI, d], "indexer");
  compressorShapes(`${a}.indexer.compressor`, plan, cI, d, "indexer", emit);
}

// CSA compressors project to two views (previous and current window, 2c); HCA to one (c).
function compressorShapes(
  prefix: string,
  plan: BlockPlan,
  width: number,
  d: number,
  group: ParamGroup,
  emit: Emit,
): void {
  const proj = plan.attention === "csa" ? 2 * width : width;
  emit(`${prefix}.wkv.weight`, [proj, d], group);
  emit(`${prefix}.wgate.weight`, [proj, d], group);
  emit(`${prefix}.ape`, [plan.ratio, proj], group);
  emit(`${prefix}.norm.weight`, [width], group);
}

function moeShapes(cfg: ModelConfig, plan: BlockPlan, emit: Emit): void {
  const f = `${plan.prefix}.ffn`;
  const d = cfg.hiddenSize;
  const e = cfg.numRoutedExperts;
  const ff = cfg.moeIntermediateSize;
  emit(`${f}.gate.weight`, [e, d], "router");
  // Hash layers select experts from the token-id table; the bias only steers top-k selection.
  if (plan.routing === "hash") {
    emit(`${f}.gate.tid2eid`, [cfg.vocabSize, cfg.numExpertsPerTok], "router", false);
  } else {
    emit(`${f}.gate.bias`, [e], "router");
  }
  for (let i = 0; i < e; i++) swigluShapes(`${f}.experts.${i}`, ff, d, "routed-experts", emit);
  const shared = cfg.numSharedExperts * ff;
  if (shared > 0) swigluShapes(`${f}.shared_experts`, shared, d, "shared-experts", emit);
}

function swigluShapes(prefix: string, ff: number, d: number, group: ParamGroup, emit: Emit): void {
  emit(`${prefix}.w1.weight`, [ff, d], group);
  emit(`${prefix}.w2.weight`, [d, ff], group);
  emit(`${prefix}.w3.weight`, [ff, d], group);
}
