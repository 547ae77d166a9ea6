// DeepSeek-V4 model configuration: one frozen record that every model, training and serving
// module reads. Field meanings and typical values follow the architecture spec §1.1 (values
// quoted as "Flash / Pro" where the two released models differ).

/** YaRN frequency interpolation used by the compressed (CSA/HCA) layers only (spec §4.2). */
export type YarnScaling = Readonly<{
  type: "yarn"; // the only scaling the compressed layers use
  factor: number; // frequency divisor for the slow dimensions (16)
  originalMaxPositionEmbeddings: number; // context the base model was trained at (65536)
  betaFast: number; // rotations at which interpolation starts (32)
  betaSlow: number; // rotations at which interpolation is complete (1)
}>;

/** Block-scaled FP8 storage of the dense linear weights (HF `quantization_config`). */
export type QuantizationConfig = Readonly<{
  quantMethod: "fp8"; // weights stored as FP8 with block scales
  fmt: "e4m3"; // FP8 element format
  weightBlockSize: readonly [number, number]; // [rows, cols] covered by one scale ([128, 128])
  scaleFmt: "ue8m0" | null; // power-of-two E8M0 scales, or null for float scales
  activationScheme: "dynamic"; // activations quantised per call, no calibration
}>;

/** Router affinity function; V4 uses sqrt(softplus(logit)) (spec §8.1). */
export type ScoringFunc = "sqrtsoftplus";

/**
 * The whole model configuration. Compress ratios decide each block's attention type:
 * 0 = sliding window only, 4 = CSA (overlapping compressor + indexer), any other ratio = HCA
 * (see `attentionKindOf` in schedule.ts).
 */
export type ModelConfig = Readonly<{
  // Trunk
  hiddenSize: number; // model width d (4096 / 7168)
  numLayers: number; // decoder blocks L, MTP blocks excluded (43 / 61)
  vocabSize: number; // rows of embed.weight and head.weight (129280)
  maxPositionEmbeddings: number; // longest position the model supports (1048576)
  rmsNormEps: number; // epsilon inside every weighted RMSNorm (1e-6)
  tieWordEmbeddings: boolean; // head reuses embed.weight (false: V4 ships a separate head)
  bosTokenId: number; // begin-of-sentence id (0)
  eosTokenId: number; // end-of-sentence id (1)

  // Attention (spec §5)
  numHeads: number; // query heads n_h; one shared K=V head (64 / 128)
  headDim: number; // per-head width c, also the KV width (512)
  ropeHeadDim: number; // trailing dims of each head that get RoPE (64)
  qLoraRank: number; // query latent width d_c (1024 / 1536)
  oGroups: number; // output projection groups g (8 / 16)
  oLoraRank: number; // per-group output rank d_g (1024)
  slidingWindow: number; // raw tokens every layer attends to, self included (128)
  compressRatios: readonly number[]; // per block: L layers then one per MTP block (0, 4, 128)
  indexNumHeads: number; // lightning indexer heads n_I (64)
  indexHeadDim: number; // indexer head width c_I (128)
  indexTopk: number; // compressed entries a CSA query keeps (512 / 1024)

  // Rotary embedding (spec §4)
  ropeTheta: number; // RoPE base of sliding-only blocks, no YaRN (10000)
  compressRopeTheta: number; // RoPE base of CSA/HCA blocks (160000)
  ropeScaling: YarnScaling | null; // YaRN of CSA/HCA blocks; null = plain RoPE there too

  // Mixture of experts (spec §8)
  numRoutedExperts: number; // routed experts E (256 / 384)
  numSharedExperts: number; // always-on experts, hidden width multiplies d_ff (1)
  numExpertsPerTok: number; // experts selected per token k (6)
  moeIntermediateSize: number; // expert hidden width d_ff (2048 / 3072)
  scoringFunc: ScoringFunc; // router affinity function ("sqrtsoftplus")
  routedScalingFactor: number; // multiplier on normalised routing weights (1.5 / 2.5)
  normTopkProb: boolean; // normalise the k selected weights to sum 1 (true)
  numHashLayers: number; // leading layers routed by the tid2eid table (3)
  swigluLimit: number; // SwiGLU clamp: gate <= limit, up in [-limit, limit]; 0 = off (10)
  clampSharedExpert: boolean; // shared expert clamped too (true: current code, spec §14.1)

  // Manifold-constrained hyper-connections (spec §7)
  hcMult: number; // residual streams n_hc (4)
  hcSinkhornIters: number; // Sinkhorn-Knopp iterations of the mixing matrix (20)
  hcEps: number; // epsilon of the mHC gates and Sinkhorn sums (1e-6)

  // Multi-token prediction (spec §9)
  numMtpLayers: number; // MTP blocks, each predicting one more token ahead (1)

  // Storage
  quantization: QuantizationConfig | null; // FP8 block quantisation of checkpoints, or none

  // Training knobs that belong to the model (spec §12, §8.4)
  mtpLossWeight: number; // weight of the MTP cross-entropy (0.3, paper lowers it to 0.1)
  biasUpdateSpeed: number; // aux-loss-free balancing bias step per update (0.001)
  seqBalanceLossWeight: number; // sequence-wise balance loss weight (0 = off; paper 1e-4)
}>;

/** The compress ratio that selects CSA; the official code builds the indexer only for it. */
export const CSA_RATIO = 4;

/** Defaults of the training knobs; official checkpoint configs do not carry them. */
export const TRAINING_DEFAULTS = Object.freeze({
  mtpLossWeight: 0.3,
  biasUpdateSpeed: 0.001,
  seqBalanceLossWeight: 0,
  clampSharedExpert: true,
});

/** Raised for a config that is malformed, inconsistent or asks for an unsupported feature. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Official `config.json` key of each ModelConfig field that has one, used by error messages
 * and by the writer, so that a message names the key a user would edit.
 */
export const OFFICIAL_KEYS: Readonly<Record<keyof ModelConfig, string>> = Object.freeze({
  hiddenSize: "hidden_size",
  numLayers: "num_hidden_layers",
  vocabSize: "vocab_size",
  maxPositionEmbeddings: "max_position_embeddings",
  rmsNormEps: "rms_norm_eps",
  tieWordEmbeddings: "tie_word_embeddings",
  bosTokenId: "bos_token_id",
  eosTokenId: "eos_token_id",
  numHeads: "num_attention_heads",
  headDim: "head_dim",
  ropeHeadDim: "qk_rope_head_dim",
  qLoraRank: "q_lora_rank",
  oGroups: "o_groups",
  oLoraRank: "o_lora_rank",
  slidingWindow: "sliding_window",
  compressRatios: "compress_ratios",
  indexNumHeads: "index_n_heads",
  indexHeadDim: "index_head_dim",
  indexTopk: "index_topk",
  ropeTheta: "rope_theta",
  compressRopeTheta: "compress_rope_theta",
  ropeScaling: "rope_scaling",
  numRoutedExperts: "n_routed_experts",
  numSharedExperts: "n_shared_experts",
  numExpertsPerTok: "num_experts_per_tok",
  moeIntermediateSize: "moe_intermediate_size",
  scoringFunc: "scoring_func",
  routedScalingFactor: "routed_scaling_factor",
  normTopkProb: "norm_topk_prob",
  numHashLayers: "num_hash_layers",
  swigluLimit: "swiglu_limit",
  clampSharedExpert: "clamp_shared_expert",
  hcMult: "hc_mult",
  hcSinkhornIters: "hc_sinkhorn_iters",
  hcEps: "hc_eps",
  numMtpLayers: "num_nextn_predict_layers",
  quantization: "quantization_config",
  mtpLossWeight: "mtp_loss_weight",
  biasUpdateSpeed: "bias_update_speed",
  seqBalanceLossWeight: "seq_balance_loss_weight",
});
