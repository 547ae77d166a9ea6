import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { ModelConfig } from "../../src/model/config.ts";
import { toOfficialConfigJson } from "../../src/model/config-json.ts";
import { parseConfig } from "../../src/model/config-parse.ts";
import { getPreset, PRESET_NAMES } from "../../src/model/presets.ts";

const SPEC = "/work/shared/spec/configs";
const FIXTURE = "/work/shared/fixtures/v4-tiny-a";

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

const flashJson = readJson(`${SPEC}/deepseek-v4-flash.json`);
const proJson = readJson(`${SPEC}/deepseek-v4-pro.json`);
const fixtureJson = readJson(`${FIXTURE}/config.json`);
const fixtureArgsJson = readJson(`${FIXTURE}/inference_config.json`);

// The official `inference/config.json` spelling of Flash (ModelArgs keys, spec §1.1).
function flashModelArgs(): Record<string, unknown> {
  return {
    vocab_size: 129280,
    dim: 4096,
    moe_inter_dim: 2048,
    n_layers: 43,
    n_hash_layers: 3,
    n_mtp_layers: 1,
    n_heads: 64,
    dtype: "fp8",
    scale_fmt: "ue8m0",
    expert_dtype: "fp4",
    n_routed_experts: 256,
    n_shared_experts: 1,
    n_activated_experts: 6,
    score_func: "sqrtsoftplus",
    route_scale: 1.5,
    swiglu_limit: 10.0,
    q_lora_rank: 1024,
    head_dim: 512,
    rope_head_dim: 64,
    norm_eps: 1e-6,
    o_groups: 8,
    o_lora_rank: 1024,
    window_size: 128,
    compress_ratios: flashJson.compress_ratios,
    compress_rope_theta: 160000.0,
    original_seq_len: 65536,
    rope_theta: 10000.0,
    rope_factor: 16,
    beta_fast: 32,
    beta_slow: 1,
    index_n_heads: 64,
    index_head_dim: 128,
    index_topk: 512,
    hc_mult: 4,
    hc_sinkhorn_iters: 20,
    hc_eps: 1e-6,
    max_seq_len: 1048576,
  };
}

// The fixture config rewritten with the Hugging Face transformers field names.
function fixtureHfStyle(): Record<string, unknown> {
  const {
    compress_ratios: _ratios,
    num_hash_layers: _hash,
    rope_scaling: _scaling,
    rope_theta: _theta,
    compress_rope_theta: _compressTheta,
    qk_rope_head_dim: _ropeDims,
    n_routed_experts: _experts,
    ...rest
  } = fixtureJson;
  return {
    ...rest,
    num_local_experts: 8,
    layer_types: [
      "sliding_attention",
      "compressed_sparse_attention",
      "heavily_compressed_attention",
      "csa",
      "HCA",
    ],
    compress_rates: { compressed_sparse_attention: 4, heavily_compressed_attention: 128 },
    mlp_layer_types: ["hash_moe", "hash_moe", "moe", "moe", "moe"],
    rope_parameters: {
      main: { rope_type: "default", rope_theta: 10000, partial_rotary_factor: 0.25 },
      compress: {
        rope_type: "yarn",
        rope_theta: 160000,
        factor: 16,
        original_max_position_embeddings: 65536,
        beta_fast: 32,
        beta_slow: 1,
        attention_factor: 1.0,
        partial_rotary_factor: 0.25,
      },
    },
  };
}

describe("parseConfig: official config.json", () => {
  it("reads every Flash field", () => {
    const cfg = parseConfig(flashJson);
    assert.equal(cfg.hiddenSize, 4096);
    assert.equal(cfg.numLayers, 43);
    assert.equal(cfg.numMtpLayers, 1);
    assert.equal(cfg.numHeads, 64);
    assert.equal(cfg.headDim, 512);
    assert.equal(cfg.ropeHeadDim, 64);
    assert.equal(cfg.qLoraRank, 1024);
    assert.equal(cfg.oGroups, 8);
    assert.equal(cfg.oLoraRank, 1024);
    assert.equal(cfg.slidingWindow, 128);
    assert.equal(cfg.compressRatios.length, 44);
    assert.deepEqual(cfg.compressRatios.slice(0, 5), [0, 0, 4, 128, 4]);
    assert.equal(cfg.indexNumHeads, 64);
    assert.equal(cfg.indexHeadDim, 128);
    assert.equal(cfg.indexTopk, 512);
    assert.equal(cfg.ropeTheta, 10000);
    assert.equal(cfg.compressRopeTheta, 160000);
    assert.deepEqual(cfg.ropeScaling, {
      type: "yarn",
      factor: 16,
      originalMaxPositionEmbeddings: 65536,
      betaFast: 32,
      betaSlow: 1,
    });
    assert.equal(cfg.maxPositionEmbeddings, 1048576);
    assert.equal(cfg.vocabSize, 129280);
    assert.equal(cfg.numRoutedExperts, 256);
    assert.equal(cfg.numSharedExperts, 1);
    assert.equal(cfg.numExpertsPerTok, 6);
    assert.equal(cfg.moeIntermediateSize, 2048);
    assert.equal(cfg.scoringFunc, "sqrtsoftplus");
    assert.equal(cfg.routedScalingFactor, 1.5);
    assert.equal(cfg.normTopkProb, true);
    assert.equal(cfg.numHashLayers, 3);
    assert.equal(cfg.swigluLimit, 10);
    assert.equal(cfg.clampSharedExpert, true);
    assert.equal(cfg.hcMult, 4);
    assert.equal(cfg.hcSinkhornIters, 20);
    assert.equal(cfg.hcEps, 1e-6);
    assert.equal(cfg.rmsNormEps, 1e-6);
    assert.equal(cfg.tieWordEmbeddings, false);
    assert.equal(cfg.bosTokenId, 0);
    assert.equal(cfg.eosTokenId, 1);
    assert.deepEqual(cfg.quantization, {
      quantMethod: "fp8",
      fmt: "e4m3",
      weightBlockSize: [128, 128],
      scaleFmt: "ue8m0",
      activationScheme: "dynamic",
    });
    assert.equal(cfg.mtpLossWeight, 0.3);
    assert.equal(cfg.biasUpdateSpeed, 0.001);
    assert.equal(cfg.seqBalanceLossWeight, 0);
  });

  it("reads the Pro differences", () => {
    const cfg = parseConfig(proJson);
    assert.equal(cfg.hiddenSize, 7168);
    assert.equal(cfg.numLayers, 61);
    assert.equal(cfg.numHeads, 128);
    assert.equal(cfg.qLoraRank, 1536);
    assert.equal(cfg.oGroups, 16);
    assert.equal(cfg.indexTopk, 1024);
    assert.equal(cfg.numRoutedExperts, 384);
    assert.equal(cfg.moeIntermediateSize, 3072);
    assert.equal(cfg.routedScalingFactor, 2.5);
    assert.equal(cfg.compressRatios.length, 62);
  });

  it("returns a deep-frozen object", () => {
    const cfg = parseConfig(flashJson);
    assert.ok(Object.isFrozen(cfg));
    assert.ok(Object.isFrozen(cfg.compressRatios));
    assert.ok(Object.isFrozen(cfg.ropeScaling));
    assert.ok(Object.isFrozen(cfg.quantization?.weightBlockSize));
  });

  it("ignores unknown keys and labels errors with the source", () => {
    const cfg = parseConfig({ ...flashJson, some_future_key: [1, 2], topk_method: "noaux_tc" });
    assert.deepEqual(cfg, parseConfig(flashJson));
    assert.throws(
      () => parseConfig({ ...flashJson, hidden_size: "x" }, "a/b.json"),
      /^ConfigError: a\/b\.json: /,
    );
  });
});

describe("parseConfig: the three spellings agree", () => {
  it("fixture config.json (HF root keys) equals its ModelArgs inference_config.json", () => {
    assert.deepEqual(parseConfig(fixtureArgsJson), parseConfig(fixtureJson));
  });

  it("HF names (layer_types, mlp_layer_types, rope_parameters) give the same config", () => {
    assert.deepEqual(parseConfig(fixtureHfStyle()), parseConfig(fixtureJson));
  });

  it("HF flat rope_parameters and compress_rate_* keys give the same config", () => {
    const { rope_parameters: _nested, compress_rates: _rates, ...hf } = fixtureHfStyle();
    const flat = {
      ...hf,
      qk_rope_head_dim: 16,
      compress_rope_theta: 160000,
      compress_rate_csa: 4,
      compress_rate_hca: 128,
      rope_parameters: {
        rope_type: "yarn",
        rope_theta: 10000,
        factor: 16,
        original_max_position_embeddings: 65536,
      },
    };
    assert.deepEqual(parseConfig(flat), parseConfig(fixtureJson));
  });

  it("Flash in ModelArgs keys equals the official Flash config", () => {
    assert.deepEqual(parseConfig(flashModelArgs()), parseConfig(flashJson));
  });

  it("accepts compress_ratios without the MTP entry (MTP then sliding-only)", () => {
    const ratios = fixtureJson.compress_ratios as number[];
    const cfg = parseConfig({ ...fixtureJson, compress_ratios: ratios.slice(0, 5) });
    assert.deepEqual(cfg, parseConfig(fixtureJson));
  });

  it("prefers compress_ratios over layer_types when both are given (spec §14.7)", () => {
    const cfg = parseConfig({ ...fixtureJson, layer_types: Array(5).fill("hca") });
    assert.deepEqual(cfg.compressRatios, [0, 4, 128, 4, 128, 0]);
  });

  it("maps layer_types spellings and a non-default HCA rate to ratios", () => {
    const { compress_ratios: _r, ...rest } = fixtureJson;
    const cfg = parseConfig({
      ...rest,
      layer_types: ["sliding-attention", "CSA", "hca", "Compressed Sparse Attention", "swa"],
      compress_rates: { csa: 4, hca: 16 },
    });
    assert.deepEqual(cfg.compressRatios, [0, 4, 16, 4, 0, 0]);
  });

  it("derives num_hash_layers from the hash_moe prefix of mlp_layer_types", () => {
    const { num_hash_layers: _h, ...rest } = fixtureJson;
    const types = ["hash_moe", "hash_moe", "hash_moe", "topk_moe", "moe"];
    assert.equal(parseConfig({ ...rest, mlp_layer_types: types }).numHashLayers, 3);
    assert.equal(parseConfig({ ...rest, mlp_layer_types: Array(5).fill("moe") }).numHashLayers, 0);
  });

  it("treats a missing rope_scaling as plain RoPE everywhere", () => {
    const { rope_scaling: _s, ...rest } = fixtureJson;
    assert.equal(parseConfig(rest).ropeScaling, null);
  });
});

describe("toOfficialConfigJson", () => {
  it("reproduces the official Flash and Pro files (torch_dtype aside)", () => {
    for (const json of [flashJson, proJson]) {
      const { torch_dtype: _dtype, ...official } = json;
      assert.deepEqual(toOfficialConfigJson(parseConfig(json)), official);
    }
  });

  it("round-trips every preset and the fixture", () => {
    const configs: ModelConfig[] = [...PRESET_NAMES.map(getPreset), parseConfig(fixtureJson)];
    for (const cfg of configs) {
      const back = parseConfig(JSON.parse(JSON.stringify(toOfficialConfigJson(cfg))));
      assert.deepEqual(back, cfg);
    }
  });

  it("carries non-default training knobs and an unscaled RoPE", () => {
    const cfg: ModelConfig = {
      ...getPreset("nano"),
      mtpLossWeight: 0.1,
      biasUpdateSpeed: 0.002,
      seqBalanceLossWeight: 1e-4,
      clampSharedExpert: false,
      ropeScaling: null,
      tieWordEmbeddings: true,
    };
    const json = toOfficialConfigJson(cfg);
    assert.equal(json.mtp_loss_weight, 0.1);
    assert.equal(json.clamp_shared_expert, false);
    assert.equal("rope_scaling" in json, false);
    assert.equal(json.model_type, "deepseek_v4");
    assert.deepEqual(json.architectures, ["DeepseekV4ForCausalLM"]);
    assert.deepEqual(parseConfig(json), cfg);
    assert.equal("mtp_loss_weight" in toOfficialConfigJson(getPreset("nano")), false);
  });
});
