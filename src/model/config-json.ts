// Writes a ModelConfig back in the key layout of the official DeepSeek-V4 root config.json,
// so that checkpoints written by Tessera load in other tools and `parseConfig` reads them back
// unchanged.

import { type ModelConfig, OFFICIAL_KEYS, TRAINING_DEFAULTS } from "./config.ts";

/** A JSON value as written to disk. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * The official config.json object of `cfg` (model_type "deepseek_v4", architectures
 * ["DeepseekV4ForCausalLM"], keys in the order of the released files). The training knobs,
 * which official files lack, are added under snake_case keys only when they differ from their
 * defaults. Invariant: `parseConfig(toOfficialConfigJson(cfg))` deep-equals `cfg`.
 */
export function toOfficialConfigJson(cfg: ModelConfig): { readonly [key: string]: JsonValue } {
  const out: Record<string, JsonValue> = {
    architectures: ["DeepseekV4ForCausalLM"],
    model_type: "deepseek_v4",
    vocab_size: cfg.vocabSize,
    hidden_size: cfg.hiddenSize,
    num_hidden_layers: cfg.numLayers,
    num_nextn_predict_layers: cfg.numMtpLayers,
    num_attention_heads: cfg.numHeads,
    num_key_value_heads: 1,
    head_dim: cfg.headDim,
    qk_rope_head_dim: cfg.ropeHeadDim,
    q_lora_rank: cfg.qLoraRank,
    o_groups: cfg.oGroups,
    o_lora_rank: cfg.oLoraRank,
    sliding_window: cfg.slidingWindow,
    compress_ratios: [...cfg.compressRatios],
    index_n_heads: cfg.indexNumHeads,
    index_head_dim: cfg.indexHeadDim,
    index_topk: cfg.indexTopk,
    rope_theta: cfg.ropeTheta,
    compress_rope_theta: cfg.compressRopeTheta,
  };
  const y = cfg.ropeScaling;
  if (y !== null) {
    out.rope_scaling = {
      type: y.type,
      factor: y.factor,
      original_max_position_embeddings: y.originalMaxPositionEmbeddings,
      beta_fast: y.betaFast,
      beta_slow: y.betaSlow,
    };
  }
  Object.assign(out, {
    max_position_embeddings: cfg.maxPositionEmbeddings,
    n_routed_experts: cfg.numRoutedExperts,
    n_shared_experts: cfg.numSharedExperts,
    num_experts_per_tok: cfg.numExpertsPerTok,
    moe_intermediate_size: cfg.moeIntermediateSize,
    scoring_func: cfg.scoringFunc,
    routed_scaling_factor: cfg.routedScalingFactor,
    norm_topk_prob: cfg.normTopkProb,
    num_hash_layers: cfg.numHashLayers,
    swiglu_limit: cfg.swigluLimit,
    hc_mult: cfg.hcMult,
    hc_sinkhorn_iters: cfg.hcSinkhornIters,
    hc_eps: cfg.hcEps,
    rms_norm_eps: cfg.rmsNormEps,
    tie_word_embeddings: cfg.tieWordEmbeddings,
    bos_token_id: cfg.bosTokenId,
    eos_token_id: cfg.eosTokenId,
  });
  const q = cfg.quantization;
  if (q !== null) {
    out.quantization_config = {
      quant_method: q.quantMethod,
      fmt: q.fmt,
      weight_block_size: [...q.weightBlockSize],
      scale_fmt: q.scaleFmt,
      activation_scheme: q.activationScheme,
    };
  }
  for (const field of Object.keys(TRAINING_DEFAULTS) as (keyof typeof TRAINING_DEFAULTS)[]) {
    if (cfg[field] !== TRAINING_DEFAULTS[field]) out[OFFICIAL_KEYS[field]] = cfg[field];
  }
  return out;
}
