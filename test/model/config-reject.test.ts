import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ConfigError } from "../../src/model/config.ts";
import { parseConfig } from "../../src/model/config-parse.ts";

// The fixture's HF-root config: 5 layers + 1 MTP block, ratios [0, 4, 128, 4, 128, 0].
const base = JSON.parse(
  readFileSync("/work/shared/fixtures/v4-tiny-a/config.json", "utf8"),
) as Record<string, unknown>;

function without(...keys: string[]): Record<string, unknown> {
  const out = { ...base };
  for (const k of keys) delete out[k];
  return out;
}

// Each case: a config and a pattern its error message must match (field name + expectation).
const CASES: ReadonlyArray<readonly [string, unknown, RegExp]> = [
  ["not an object", [1, 2], /expected a JSON object/],
  ["null", null, /expected a JSON object/],
  ["missing hidden_size", without("hidden_size"), /missing required key "hidden_size".*"dim"/],
  ["missing routed_scaling_factor", without("routed_scaling_factor"), /"routed_scaling_factor"/],
  [
    "missing compress ratios",
    without("compress_ratios"),
    /missing required key "compress_ratios".*"layer_types"/,
  ],
  [
    "missing hash layers",
    without("num_hash_layers"),
    /missing required key "num_hash_layers".*"mlp_layer_types"/,
  ],
  ["missing rope dims", without("qk_rope_head_dim"), /missing required key "qk_rope_head_dim"/],
  ["string number", { ...base, hidden_size: "64" }, /"hidden_size" must be an integer, got "64"/],
  [
    "float where int",
    { ...base, num_attention_heads: 4.5 },
    /"num_attention_heads" must be an integer/,
  ],
  ["bool as string", { ...base, norm_topk_prob: "true" }, /"norm_topk_prob" must be true or false/],
  ["number as bool", { ...base, rms_norm_eps: true }, /"rms_norm_eps" must be a finite number/],
  ["zero eps", { ...base, rms_norm_eps: 0 }, /"rms_norm_eps" must be a finite number > 0/],
  ["zero hidden", { ...base, hidden_size: 0 }, /"hidden_size" must be a positive integer, got 0/],
  [
    "compress_ratios too short",
    { ...base, compress_ratios: [0, 4, 128, 4] },
    /"compress_ratios" has 4 entries, expected 6 \(num_hidden_layers 5 \+ num_nextn_predict_/,
  ],
  [
    "compress_ratios too long",
    { ...base, compress_ratios: [0, 4, 128, 4, 128, 0, 0] },
    /"compress_ratios" has 7 entries, expected 6/,
  ],
  [
    "negative ratio",
    { ...base, compress_ratios: [0, 4, -128, 4, 128, 0] },
    /"compress_ratios\[2\]" must be an integer >= 0, got -128/,
  ],
  [
    "fractional ratio",
    { ...base, compress_ratios: [0, 4, 12.5, 4, 128, 0] },
    /"compress_ratios\[2\]" must be an integer, got 12\.5/,
  ],
  [
    "ratio 1",
    { ...base, compress_ratios: [0, 1, 128, 4, 128, 0] },
    /"compress_ratios\[1\]" is 1: expected 0/,
  ],
  ["ratios not a list", { ...base, compress_ratios: "0,4" }, /"compress_ratios" must be a list/],
  [
    "head_dim below rope dims",
    { ...base, head_dim: 8 },
    /"head_dim" \(8\) must be >= "qk_rope_head_dim" \(16\)/,
  ],
  ["odd rope dims", { ...base, qk_rope_head_dim: 15 }, /"qk_rope_head_dim" \(15\) must be even/],
  [
    "index_head_dim below rope dims",
    { ...base, index_head_dim: 8 },
    /"index_head_dim" \(8\) must be >= "qk_rope_head_dim" \(16\)/,
  ],
  [
    "heads not divisible by groups",
    { ...base, num_attention_heads: 6, o_groups: 4 },
    /"num_attention_heads" \(6\) must be divisible by "o_groups" \(4\)/,
  ],
  [
    "too many experts per token",
    { ...base, num_experts_per_tok: 9 },
    /"num_experts_per_tok" \(9\) must be <= "n_routed_experts" \(8\)/,
  ],
  [
    "too many hash layers",
    { ...base, num_hash_layers: 6 },
    /"num_hash_layers" \(6\) must be <= "num_hidden_layers" \(5\)/,
  ],
  [
    "several KV heads",
    { ...base, num_key_value_heads: 4 },
    /"num_key_value_heads" is 4, expected 1/,
  ],
  ["index_topk zero", { ...base, index_topk: 0 }, /"index_topk" must be a positive integer, got 0/],
  ["index_topk negative", { ...base, index_topk: -8 }, /"index_topk" must be a positive integer/],
  [
    "sigmoid scoring",
    { ...base, scoring_func: "sigmoid" },
    /"scoring_func" "sigmoid" is not supported: Tessera implements "sqrtsoftplus"/,
  ],
  [
    "softmax scoring (ModelArgs key)",
    { ...without("scoring_func"), score_func: "softmax" },
    /"score_func" "softmax" is not supported/,
  ],
  [
    "unknown scoring",
    { ...base, scoring_func: "relu" },
    /"scoring_func" is "relu": expected one of sqrtsoftplus, sigmoid, softmax/,
  ],
  [
    "linear rope scaling",
    { ...base, rope_scaling: { type: "linear", factor: 2 } },
    /"rope_scaling.type" "linear" is not supported/,
  ],
  [
    "yarn without factor",
    { ...base, rope_scaling: { type: "yarn", original_max_position_embeddings: 4096 } },
    /missing required key "rope_scaling.factor"/,
  ],
  [
    "yarn with attention factor",
    { ...base, rope_scaling: { ...(base.rope_scaling as object), attention_factor: 0.7 } },
    /"rope_scaling.attention_factor" \(0.7\) is not supported/,
  ],
  [
    "YaRN on the main RoPE",
    {
      ...base,
      rope_parameters: {
        main: { rope_type: "yarn", factor: 4 },
        compress: { rope_type: "yarn", factor: 16, original_max_position_embeddings: 65536 },
      },
    },
    /"rope_parameters.main" rope_type "yarn" is not supported/,
  ],
  [
    "half-nested rope_parameters",
    { ...base, rope_parameters: { main: { rope_type: "default" } } },
    /"rope_parameters" must hold both "main" and "compress"/,
  ],
  [
    "spellings that disagree",
    { ...base, dim: 128 },
    /"hidden_size" \(64\) and "dim" \(128\) disagree/,
  ],
  [
    "rope_scaling and rope_factor disagree",
    { ...base, rope_factor: 40, original_seq_len: 65536 },
    /"rope_scaling" .* and "rope_factor" \(40\) disagree/,
  ],
  [
    "fractional partial_rotary_factor",
    { ...without("qk_rope_head_dim"), partial_rotary_factor: 0.3 },
    /"partial_rotary_factor" \(0.3\) x head_dim 64 is not a whole number/,
  ],
  [
    "unknown layer type",
    {
      ...without("compress_ratios"),
      layer_types: ["sliding", "full_attention", "hca", "csa", "hca"],
    },
    /"layer_types\[1\]" is "full_attention": expected one of/,
  ],
  [
    "layer_types of the wrong length",
    { ...without("compress_ratios"), layer_types: ["sliding", "csa"] },
    /"layer_types" has 2 entries, expected 6/,
  ],
  [
    "CSA rate other than 4",
    {
      ...without("compress_ratios"),
      layer_types: Array(5).fill("csa"),
      compress_rates: { csa: 2 },
    },
    /"compress_rates.compressed_sparse_attention" is 2: only 4 is supported/,
  ],
  [
    "HCA rate equal to the CSA rate",
    { ...without("compress_ratios"), layer_types: Array(5).fill("hca"), compress_rate_hca: 4 },
    /"compress_rates.heavily_compressed_attention" is 4/,
  ],
  [
    "hash layer after a top-k layer",
    {
      ...without("num_hash_layers"),
      mlp_layer_types: ["hash_moe", "moe", "hash_moe", "moe", "moe"],
    },
    /"mlp_layer_types\[2\]" is "hash_moe" after a top-k layer/,
  ],
  [
    "unknown mlp layer type",
    { ...without("num_hash_layers"), mlp_layer_types: ["dense", "moe", "moe", "moe", "moe"] },
    /"mlp_layer_types\[0\]" is "dense": expected one of/,
  ],
  ["another model type", { ...base, model_type: "deepseek_v3" }, /"model_type" is "deepseek_v3"/],
  [
    "another activation",
    { ...base, hidden_act: "gelu" },
    /"hidden_act" is "gelu", expected "silu"/,
  ],
  [
    "BOS outside the vocabulary",
    { ...base, bos_token_id: 384 },
    /"bos_token_id" \(384\) must be < "vocab_size" \(384\)/,
  ],
  [
    "unsupported quantisation",
    { ...base, quantization_config: { quant_method: "awq" } },
    /"quantization_config.quant_method" "awq" is not supported/,
  ],
  [
    "bad block size",
    { ...base, quantization_config: { quant_method: "fp8", weight_block_size: [128] } },
    /"quantization_config.weight_block_size" must have 2 entries/,
  ],
  [
    "unknown ModelArgs dtype",
    { ...base, dtype: "int4" },
    /"dtype" is "int4": expected "fp8" or "bf16"/,
  ],
  [
    "negative MTP loss weight",
    { ...base, mtp_loss_weight: -1 },
    /"mtp_loss_weight" must be a finite/,
  ],
];

describe("parseConfig rejects inconsistent configs", () => {
  for (const [what, json, pattern] of CASES) {
    it(what, () => {
      assert.throws(
        () => parseConfig(json, "cfg.json"),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
          assert.match(err.message, /^cfg\.json: /);
          assert.match(err.message, pattern);
          return true;
        },
      );
    });
  }

  it("accepts the unmodified base config", () => {
    assert.equal(parseConfig(base).numLayers, 5);
  });
});
