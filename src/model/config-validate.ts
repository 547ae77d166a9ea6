// Consistency rules of a DeepSeek-V4 config: the relations between fields that the shapes of
// spec §10.1 and the layer schedule of §1.2 rely on. Messages name the official config.json key.

import {
  ConfigError,
  CSA_RATIO,
  type ModelConfig,
  OFFICIAL_KEYS,
  type QuantizationConfig,
  type YarnScaling,
} from "./config.ts";

type Field = keyof ModelConfig;

const POSITIVE_INTS: readonly Field[] = [
  "hiddenSize",
  "numLayers",
  "vocabSize",
  "maxPositionEmbeddings",
  "numHeads",
  "headDim",
  "ropeHeadDim",
  "qLoraRank",
  "oGroups",
  "oLoraRank",
  "slidingWindow",
  "indexNumHeads",
  "indexHeadDim",
  "indexTopk",
  "numRoutedExperts",
  "numExpertsPerTok",
  "moeIntermediateSize",
  "hcMult",
  "hcSinkhornIters",
];

const NON_NEGATIVE_INTS: readonly Field[] = [
  "bosTokenId",
  "eosTokenId",
  "numSharedExperts",
  "numHashLayers",
  "numMtpLayers",
];

const POSITIVE_NUMBERS: readonly Field[] = [
  "rmsNormEps",
  "ropeTheta",
  "compressRopeTheta",
  "routedScalingFactor",
  "hcEps",
];

const NON_NEGATIVE_NUMBERS: readonly Field[] = [
  "swigluLimit",
  "mtpLossWeight",
  "biasUpdateSpeed",
  "seqBalanceLossWeight",
];

/**
 * Checks every cross-field rule and returns a deep-frozen copy of `cfg`.
 * Throws ConfigError naming `source` and the offending key, e.g.
 * `config.json: "num_attention_heads" (6) must be divisible by "o_groups" (4)`.
 */
export function validateConfig(cfg: ModelConfig, source: string): ModelConfig {
  const fail = (msg: string): never => {
    throw new ConfigError(`${source}: ${msg}`);
  };
  const key = (f: Field): string => `"${OFFICIAL_KEYS[f]}"`;
  const num = (f: Field): number => {
    const v = cfg[f];
    if (typeof v !== "number") return fail(`${key(f)} must be a number, got ${typeof v}`);
    return v;
  };
  for (const f of POSITIVE_INTS) {
    const v = num(f);
    if (!Number.isInteger(v) || v <= 0) fail(`${key(f)} must be a positive integer, got ${v}`);
  }
  for (const f of NON_NEGATIVE_INTS) {
    const v = num(f);
    if (!Number.isInteger(v) || v < 0) fail(`${key(f)} must be an integer >= 0, got ${v}`);
  }
  for (const f of POSITIVE_NUMBERS) {
    const v = num(f);
    if (!Number.isFinite(v) || v <= 0) fail(`${key(f)} must be a finite number > 0, got ${v}`);
  }
  for (const f of NON_NEGATIVE_NUMBERS) {
    const v = num(f);
    if (!Number.isFinite(v) || v < 0) fail(`${key(f)} must be a finite number >= 0, got ${v}`);
  }
  checkRelations(cfg, fail, key);
  checkCompressRatios(cfg, fail);
  if (cfg.ropeScaling !== null) checkYarn(cfg.ropeScaling, fail);
  if (cfg.quantization !== null) checkQuantization(cfg.quantization, fail);
  return freezeConfig(cfg);
}

function checkRelations(
  cfg: ModelConfig,
  fail: (msg: string) => never,
  key: (f: Field) => string,
): void {
  // RoPE rotates (even, odd) pairs of the trailing dims of the main and the indexer heads.
  if (cfg.ropeHeadDim % 2 !== 0) {
    fail(`${key("ropeHeadDim")} (${cfg.ropeHeadDim}) must be even: RoPE rotates pairs`);
  }
  if (cfg.headDim < cfg.ropeHeadDim) {
    fail(
      `${key("headDim")} (${cfg.headDim}) must be >= ${key("ropeHeadDim")} (${cfg.ropeHeadDim})`,
    );
  }
  if (cfg.indexHeadDim < cfg.ropeHeadDim) {
    fail(
      `${key("indexHeadDim")} (${cfg.indexHeadDim}) must be >= ${key("ropeHeadDim")} ` +
        `(${cfg.ropeHeadDim}): indexer queries and keys are rotated on their last dims`,
    );
  }
  if (cfg.numHeads % cfg.oGroups !== 0) {
    fail(
      `${key("numHeads")} (${cfg.numHeads}) must be divisible by ` +
        `${key("oGroups")} (${cfg.oGroups})`,
    );
  }
  if (cfg.numExpertsPerTok > cfg.numRoutedExperts) {
    fail(
      `${key("numExpertsPerTok")} (${cfg.numExpertsPerTok}) must be <= ` +
        `${key("numRoutedExperts")} (${cfg.numRoutedExperts})`,
    );
  }
  if (cfg.numHashLayers > cfg.numLayers) {
    fail(
      `${key("numHashLayers")} (${cfg.numHashLayers}) must be <= ${key("numLayers")} ` +
        `(${cfg.numLayers})`,
    );
  }
  for (const f of ["bosTokenId", "eosTokenId"] as const) {
    if (cfg[f] >= cfg.vocabSize) {
      fail(`${key(f)} (${cfg[f]}) must be < ${key("vocabSize")} (${cfg.vocabSize})`);
    }
  }
  if (cfg.scoringFunc !== "sqrtsoftplus") {
    fail(`${key("scoringFunc")} must be "sqrtsoftplus", got "${String(cfg.scoringFunc)}"`);
  }
}

function checkCompressRatios(cfg: ModelConfig, fail: (msg: string) => never): void {
  const k = `"${OFFICIAL_KEYS.compressRatios}"`;
  const want = cfg.numLayers + cfg.numMtpLayers;
  if (cfg.compressRatios.length !== want) {
    fail(
      `${k} has ${cfg.compressRatios.length} entries, expected ${want} ` +
        `(num_hidden_layers ${cfg.numLayers} + num_nextn_predict_layers ${cfg.numMtpLayers})`,
    );
  }
  cfg.compressRatios.forEach((r, i) => {
    const at = `"${OFFICIAL_KEYS.compressRatios}[${i}]"`;
    if (!Number.isInteger(r) || r < 0) fail(`${at} must be an integer >= 0, got ${r}`);
    // Ratio 1 would compress every token into an entry of its own: a second copy of the window.
    if (r === 1) fail(`${at} is 1: expected 0 (sliding only), ${CSA_RATIO} (CSA) or >= 2 (HCA)`);
  });
}

function checkYarn(y: YarnScaling, fail: (msg: string) => never): void {
  const k = `"${OFFICIAL_KEYS.ropeScaling}"`;
  if (y.type !== "yarn") fail(`${k}.type must be "yarn", got "${String(y.type)}"`);
  if (!Number.isFinite(y.factor) || y.factor <= 0) {
    fail(`${k}.factor must be a finite number > 0, got ${y.factor}`);
  }
  const orig = y.originalMaxPositionEmbeddings;
  if (!Number.isInteger(orig) || orig <= 0) {
    fail(`${k}.original_max_position_embeddings must be a positive integer, got ${orig}`);
  }
  if (!(y.betaFast > 0 && y.betaSlow > 0 && Number.isFinite(y.betaFast))) {
    fail(`${k}.beta_fast (${y.betaFast}) and beta_slow (${y.betaSlow}) must be > 0`);
  }
}

function checkQuantization(q: QuantizationConfig, fail: (msg: string) => never): void {
  const k = `"${OFFICIAL_KEYS.quantization}"`;
  const block = q.weightBlockSize;
  if (block.length !== 2 || !block.every((v) => Number.isInteger(v) && v > 0)) {
    fail(`${k}.weight_block_size must be 2 positive integers, got [${block.join(", ")}]`);
  }
}

/** Deep-frozen copy of a config (nested arrays and records frozen too). */
export function freezeConfig(cfg: ModelConfig): ModelConfig {
  const y = cfg.ropeScaling;
  const q = cfg.quantization;
  return Object.freeze({
    ...cfg,
    compressRatios: Object.freeze([...cfg.compressRatios]),
    ropeScaling: y === null ? null : Object.freeze({ ...y }),
    quantization:
      q === null
        ? null
        : Object.freeze({
            ...q,
            weightBlockSize: Object.freeze([q.weightBlockSize[0], q.weightBlockSize[1]] as const),
          }),
  });
}
