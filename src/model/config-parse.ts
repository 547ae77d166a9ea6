// Parses a DeepSeek-V4 config in any of its three published spellings into a ModelConfig:
// the official root config.json (`hidden_size`, `compress_ratios`, `rope_scaling`, ...), the
// Hugging Face transformers form (`layer_types`, `mlp_layer_types`, `compress_rates`,
// `rope_parameters`, `partial_rotary_factor`, `num_local_experts`) and the official inference
// `ModelArgs` form (`dim`, `n_layers`, `n_heads`, `moe_inter_dim`, `rope_factor`, ...).
// A key may appear in several spellings only if they agree. Unknown keys are ignored.
// Optional keys default to the released V4 values (spec §1.1), not to the stand-in
// defaults of the `ModelArgs` dataclass (spec §14.13).

import {
  ConfigError,
  type ModelConfig,
  type QuantizationConfig,
  type ScoringFunc,
  TRAINING_DEFAULTS,
} from "./config.ts";
import {
  agree,
  type FieldSource,
  fail,
  isObject,
  missing,
  present,
  sameList,
  show,
  toBool,
  toInt,
  toIntList,
  toNumber,
  toObject,
  toStr,
} from "./config-fields.ts";
import { readRope } from "./config-parse-rope.ts";
import { readCompressRatios, readNumHashLayers } from "./config-parse-schedule.ts";
import { validateConfig } from "./config-validate.ts";

// Spellings per field: official / HF key first, then aliases (ModelArgs, HF attribute maps).
const REQUIRED_INTS = {
  hiddenSize: ["hidden_size", "dim"],
  numLayers: ["num_hidden_layers", "n_layers"],
  vocabSize: ["vocab_size"],
  numHeads: ["num_attention_heads", "n_heads"],
  headDim: ["head_dim"],
  qLoraRank: ["q_lora_rank"],
  oGroups: ["o_groups"],
  oLoraRank: ["o_lora_rank"],
  slidingWindow: ["sliding_window", "window_size"],
  indexNumHeads: ["index_n_heads"],
  indexHeadDim: ["index_head_dim"],
  indexTopk: ["index_topk"],
  numRoutedExperts: ["n_routed_experts", "num_local_experts"],
  numExpertsPerTok: ["num_experts_per_tok", "n_activated_experts"],
  moeIntermediateSize: ["moe_intermediate_size", "moe_inter_dim"],
  hcMult: ["hc_mult"],
} as const;

// Optional integers with the value used when no spelling is present.
const OPTIONAL_INTS = {
  maxPositionEmbeddings: [["max_position_embeddings", "max_seq_len"], 1048576],
  numSharedExperts: [["n_shared_experts"], 1],
  hcSinkhornIters: [["hc_sinkhorn_iters"], 20],
  bosTokenId: [["bos_token_id"], 0],
  eosTokenId: [["eos_token_id"], 1],
  numMtpLayers: [["num_nextn_predict_layers", "n_mtp_layers"], 1],
} as const;

const OPTIONAL_NUMBERS = {
  rmsNormEps: [["rms_norm_eps", "norm_eps"], 1e-6],
  swigluLimit: [["swiglu_limit"], 10],
  hcEps: [["hc_eps"], 1e-6],
  mtpLossWeight: [["mtp_loss_weight"], TRAINING_DEFAULTS.mtpLossWeight],
  biasUpdateSpeed: [["bias_update_speed"], TRAINING_DEFAULTS.biasUpdateSpeed],
  seqBalanceLossWeight: [["seq_balance_loss_weight"], TRAINING_DEFAULTS.seqBalanceLossWeight],
} as const;

const OPTIONAL_BOOLS = {
  tieWordEmbeddings: [["tie_word_embeddings"], false],
  normTopkProb: [["norm_topk_prob"], true],
  clampSharedExpert: [["clamp_shared_expert"], TRAINING_DEFAULTS.clampSharedExpert],
} as const;

const DEFAULT_ROPE_THETA = 10000;
const DEFAULT_COMPRESS_ROPE_THETA = 160000;
const KNOWN_SCORING = ["sqrtsoftplus", "sigmoid", "softmax"];

type Ints = { -readonly [K in keyof typeof REQUIRED_INTS | keyof typeof OPTIONAL_INTS]: number };
type Numbers = { -readonly [K in keyof typeof OPTIONAL_NUMBERS]: number };
type Bools = { -readonly [K in keyof typeof OPTIONAL_BOOLS]: boolean };

/**
 * Parses and validates a config object (already JSON-decoded). `source` labels every error,
 * e.g. `config.json: missing required key "hidden_size" (also accepted: "dim")`.
 * Returns a deep-frozen ModelConfig; throws ConfigError on any malformed or inconsistent field.
 */
export function parseConfig(json: unknown, source = "config.json"): ModelConfig {
  if (!isObject(json)) {
    throw new ConfigError(`${source}: expected a JSON object, got ${show(json)}`);
  }
  const src: FieldSource = { source, raw: json };
  checkIdentity(src);
  const ints = readInts(src);
  const rope = readRope(src, ints.headDim);
  const cfg: ModelConfig = {
    ...ints,
    ...readNumbers(src),
    ...readBools(src),
    ropeHeadDim: rope.ropeHeadDim,
    compressRatios: readCompressRatios(src, ints.numLayers, ints.numMtpLayers),
    ropeTheta: rope.ropeTheta ?? DEFAULT_ROPE_THETA,
    compressRopeTheta: rope.compressRopeTheta ?? DEFAULT_COMPRESS_ROPE_THETA,
    ropeScaling: rope.ropeScaling,
    scoringFunc: readScoringFunc(src),
    routedScalingFactor:
      agree(src, present(json, ["routed_scaling_factor", "route_scale"]), toNumber(src)) ??
      missing(src, ["routed_scaling_factor", "route_scale"]),
    numHashLayers: readNumHashLayers(src, ints.numLayers, ints.numMtpLayers),
    quantization: readQuantization(src),
  };
  return validateConfig(cfg, source);
}

/** Rejects files that describe another architecture or a KV layout V4 does not have. */
function checkIdentity(src: FieldSource): void {
  const modelType = agree(src, present(src.raw, ["model_type"]), toStr(src));
  if (modelType !== undefined && modelType !== "deepseek_v4") {
    fail(src, `"model_type" is "${modelType}", expected "deepseek_v4"`);
  }
  const kvHeads = agree(src, present(src.raw, ["num_key_value_heads"]), toInt(src));
  if (kvHeads !== undefined && kvHeads !== 1) {
    fail(src, `"num_key_value_heads" is ${kvHeads}, expected 1 (one shared K=V head)`);
  }
  const act = agree(src, present(src.raw, ["hidden_act"]), toStr(src));
  if (act !== undefined && act !== "silu") {
    fail(src, `"hidden_act" is "${act}", expected "silu" (SwiGLU experts)`);
  }
}

function readInts(src: FieldSource): Ints {
  const out: Partial<Ints> = {};
  for (const [field, keys] of Object.entries(REQUIRED_INTS)) {
    out[field as keyof typeof REQUIRED_INTS] =
      agree(src, present(src.raw, keys), toInt(src)) ?? missing(src, keys);
  }
  for (const [field, [keys, dflt]] of Object.entries(OPTIONAL_INTS)) {
    out[field as keyof typeof OPTIONAL_INTS] =
      agree(src, present(src.raw, keys), toInt(src)) ?? dflt;
  }
  return out as Ints;
}

function readNumbers(src: FieldSource): Numbers {
  const out: Partial<Numbers> = {};
  for (const [field, [keys, dflt]] of Object.entries(OPTIONAL_NUMBERS)) {
    out[field as keyof Numbers] = agree(src, present(src.raw, keys), toNumber(src)) ?? dflt;
  }
  return out as Numbers;
}

function readBools(src: FieldSource): Bools {
  const out: Partial<Bools> = {};
  for (const [field, [keys, dflt]] of Object.entries(OPTIONAL_BOOLS)) {
    out[field as keyof Bools] = agree(src, present(src.raw, keys), toBool(src)) ?? dflt;
  }
  return out as Bools;
}

function readScoringFunc(src: FieldSource): ScoringFunc {
  const found = present(src.raw, ["scoring_func", "score_func"]);
  const name = agree(src, found, toStr(src)) ?? "sqrtsoftplus";
  const key = found[0]?.key ?? "scoring_func";
  if (name === "sqrtsoftplus") return name;
  if (KNOWN_SCORING.includes(name)) {
    return fail(src, `"${key}" "${name}" is not supported: Tessera implements "sqrtsoftplus"`);
  }
  return fail(src, `"${key}" is "${name}": expected one of ${KNOWN_SCORING.join(", ")}`);
}

/**
 * FP8 block quantisation from HF `quantization_config`, or from the ModelArgs `dtype` ("fp8"
 * with `scale_fmt`; "bf16" means unquantised). Expert FP4 storage (`expert_dtype`) is not
 * recorded: loaders dispatch on each tensor's stored dtype (spec §10.4).
 */
function readQuantization(src: FieldSource): QuantizationConfig | null {
  const qc = agree(src, present(src.raw, ["quantization_config"]), toObject(src));
  if (qc !== undefined) {
    const str = (k: string, dflt: string): string =>
      agree(src, present(qc, [k], "quantization_config."), toStr(src)) ?? dflt;
    const method = str("quant_method", "fp8");
    if (method !== "fp8") {
      fail(src, `"quantization_config.quant_method" "${method}" is not supported, expected "fp8"`);
    }
    const fmt = str("fmt", "e4m3");
    if (fmt !== "e4m3")
      fail(src, `"quantization_config.fmt" "${fmt}" is not supported, expected "e4m3"`);
    const scheme = str("activation_scheme", "dynamic");
    if (scheme !== "dynamic") {
      fail(
        src,
        `"quantization_config.activation_scheme" "${scheme}" is not supported, expected "dynamic"`,
      );
    }
    const block = agree(
      src,
      present(qc, ["weight_block_size"], "quantization_config."),
      toIntList(src),
      sameList,
    );
    if (block !== undefined && block.length !== 2) {
      fail(src, `"quantization_config.weight_block_size" must have 2 entries, got ${block.length}`);
    }
    const scaleFmt = str("scale_fmt", "none");
    return fp8Config(src, "quantization_config.scale_fmt", scaleFmt, block ?? [128, 128]);
  }
  const dtype = agree(src, present(src.raw, ["dtype"]), toStr(src));
  if (dtype === undefined || dtype === "bf16") return null;
  if (dtype !== "fp8") return fail(src, `"dtype" is "${dtype}": expected "fp8" or "bf16"`);
  const scaleFmt = agree(src, present(src.raw, ["scale_fmt"]), toStr(src)) ?? "none";
  return fp8Config(src, "scale_fmt", scaleFmt, [128, 128]);
}

// The FP8 block format; scale format "none" stands for a JSON null (float scales).
function fp8Config(
  src: FieldSource,
  scaleKey: string,
  scaleFmt: string,
  block: readonly number[],
): QuantizationConfig {
  if (scaleFmt !== "ue8m0" && scaleFmt !== "none") {
    fail(src, `"${scaleKey}" is "${scaleFmt}": expected "ue8m0" or null`);
  }
  return {
    quantMethod: "fp8",
    fmt: "e4m3",
    weightBlockSize: [block[0] ?? 128, block[1] ?? 128],
    scaleFmt: scaleFmt === "ue8m0" ? "ue8m0" : null,
    activationScheme: "dynamic",
  };
}
