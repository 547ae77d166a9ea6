// Named model configurations: the two released DeepSeek-V4 models, read from their official
// config.json files next to this module, and two small CPU-trainable models that keep every
// V4 feature switched on (sliding, CSA and HCA layers, indexer top-k, hash and top-k routing,
// shared + routed experts, 4 mHC streams with Sinkhorn, YaRN, one MTP block).

import { readFileSync } from "node:fs";
import { ConfigError, type ModelConfig, TRAINING_DEFAULTS } from "./config.ts";
import { parseConfig } from "./config-parse.ts";
import { validateConfig } from "./config-validate.ts";

/** Names accepted by `getPreset`. */
export const PRESET_NAMES = Object.freeze(["flash", "pro", "nano", "tiny"] as const);

/** A preset name. */
export type PresetName = (typeof PRESET_NAMES)[number];

// Vocabulary of the small presets until the training code sets the tokenizer's size
// (`withVocabSize`); 256 keeps the embedding from dominating the parameter budget.
const SMALL_VOCAB = 256;

// Shared by nano and tiny: V4's numerics with short-context sizes. HCA ratio 16 and CSA
// ratio 4 with a window of 16-32 make sequences of 64-256 tokens produce compressed entries
// in both kinds of layer, and index_topk below the entry count makes the indexer drop some.
const SMALL_BASE = {
  vocabSize: SMALL_VOCAB,
  maxPositionEmbeddings: 4096,
  rmsNormEps: 1e-6,
  tieWordEmbeddings: false,
  bosTokenId: 0,
  eosTokenId: 1,
  ropeTheta: 10000,
  compressRopeTheta: 160000,
  ropeScaling: {
    type: "yarn",
    factor: 16,
    originalMaxPositionEmbeddings: 65536,
    betaFast: 32,
    betaSlow: 1,
  },
  scoringFunc: "sqrtsoftplus",
  routedScalingFactor: 1.5,
  normTopkProb: true,
  swigluLimit: 10,
  hcMult: 4,
  hcSinkhornIters: 20,
  hcEps: 1e-6,
  numMtpLayers: 1,
  quantization: null,
  ...TRAINING_DEFAULTS,
} as const;

// About 1 M parameters: 4 layers (sliding, CSA, HCA, CSA) + a sliding MTP block.
const NANO: ModelConfig = {
  ...SMALL_BASE,
  hiddenSize: 64,
  numLayers: 4,
  numHeads: 4,
  headDim: 32,
  ropeHeadDim: 16,
  qLoraRank: 32,
  oGroups: 2,
  oLoraRank: 32,
  slidingWindow: 16,
  compressRatios: [0, 4, 16, 4, 0],
  indexNumHeads: 4,
  indexHeadDim: 32,
  indexTopk: 4,
  numRoutedExperts: 8,
  numSharedExperts: 1,
  numExpertsPerTok: 2,
  moeIntermediateSize: 96,
  numHashLayers: 1,
};

// About 10 M parameters: 6 layers (sliding, CSA, HCA, CSA, HCA, CSA) + a sliding MTP block.
const TINY: ModelConfig = {
  ...SMALL_BASE,
  hiddenSize: 128,
  numLayers: 6,
  numHeads: 8,
  headDim: 64,
  ropeHeadDim: 16,
  qLoraRank: 64,
  oGroups: 4,
  oLoraRank: 64,
  slidingWindow: 32,
  compressRatios: [0, 4, 16, 4, 16, 4, 0],
  indexNumHeads: 8,
  indexHeadDim: 32,
  indexTopk: 8,
  numRoutedExperts: 16,
  numSharedExperts: 1,
  numExpertsPerTok: 2,
  moeIntermediateSize: 192,
  numHashLayers: 2,
};

const OFFICIAL_FILES = {
  flash: "deepseek-v4-flash.json",
  pro: "deepseek-v4-pro.json",
} as const;

const cache = new Map<PresetName, ModelConfig>();

function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/**
 * The named configuration (deep-frozen). "flash" and "pro" are the released models' official
 * config.json; "nano" (~1 M parameters) and "tiny" (~10 M) are small training presets with a
 * 256-token vocabulary to be replaced via `withVocabSize`. Throws ConfigError for other names,
 * listing the known ones.
 */
export function getPreset(name: string): ModelConfig {
  if (!isPresetName(name)) {
    throw new ConfigError(
      `getPreset: unknown preset "${name}"; known presets: ${PRESET_NAMES.join(", ")}`,
    );
  }
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const cfg = loadPreset(name);
  cache.set(name, cfg);
  return cfg;
}

function loadPreset(name: PresetName): ModelConfig {
  if (name === "nano") return validateConfig(NANO, "preset nano");
  if (name === "tiny") return validateConfig(TINY, "preset tiny");
  const url = new URL(`./presets/${OFFICIAL_FILES[name]}`, import.meta.url);
  const json: unknown = JSON.parse(readFileSync(url, "utf8"));
  return parseConfig(json, `preset ${name} (${OFFICIAL_FILES[name]})`);
}

/**
 * `cfg` with `vocabSize = n` (e.g. the tokenizer's size), validated and deep-frozen.
 * Throws ConfigError when n is not a positive integer or leaves BOS/EOS outside the vocabulary.
 */
export function withVocabSize(cfg: ModelConfig, n: number): ModelConfig {
  return validateConfig({ ...cfg, vocabSize: n }, `withVocabSize(${n})`);
}
