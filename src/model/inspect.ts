// Human-readable report of a ModelConfig: summary, per-block schedule and parameter counts.
// Used by `tessera inspect`.

import type { ModelConfig } from "./config.ts";
import { countParameters } from "./param-count.ts";
import { PARAM_GROUPS } from "./param-shapes.ts";
import { type BlockPlan, layerSchedule } from "./schedule.ts";

/** `1234567` -> `"1,234,567"` (independent of the process locale). */
export function withThousands(n: number): string {
  const [int = "", frac] = String(n).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * Multi-line text report of `cfg`: the hyper-parameters, one line per decoder layer and MTP
 * block (attention type, compress ratio, RoPE base and YaRN, routing), and parameter counts per
 * group for the main model and the MTP blocks, with totals and activated-per-token counts.
 */
export function formatInspect(cfg: ModelConfig, title = "DeepSeek-V4 model"): string {
  return [...summaryLines(cfg, title), "", ...scheduleLines(cfg), "", ...countLines(cfg)].join(
    "\n",
  );
}

// Small constants such as 1e-6 read better in exponent form than as 0.000001.
function num(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x);
}

function summaryLines(cfg: ModelConfig, title: string): string[] {
  const k = withThousands;
  const y = cfg.ropeScaling;
  const yarn =
    y === null
      ? "no YaRN"
      : `YaRN x${y.factor} from ${k(y.originalMaxPositionEmbeddings)}, ` +
        `beta ${y.betaFast}/${y.betaSlow}`;
  const q = cfg.quantization;
  const quant =
    q === null
      ? "none"
      : `${q.quantMethod} ${q.fmt}, blocks ${q.weightBlockSize.join("x")}, ` +
        `${q.scaleFmt ?? "float"} scales`;
  const mtp = `${cfg.numMtpLayers} MTP block${cfg.numMtpLayers === 1 ? "" : "s"}`;
  return [
    title,
    `  trunk:        width ${cfg.hiddenSize}, ${cfg.numLayers} layers + ${mtp}, ` +
      `vocab ${k(cfg.vocabSize)}, max positions ${k(cfg.maxPositionEmbeddings)}`,
    `  attention:    ${cfg.numHeads} heads x ${cfg.headDim} (RoPE on last ${cfg.ropeHeadDim}), ` +
      `q rank ${cfg.qLoraRank}, output ${cfg.oGroups} groups x rank ${cfg.oLoraRank}, ` +
      `window ${cfg.slidingWindow}`,
    `  indexer:      ${cfg.indexNumHeads} heads x ${cfg.indexHeadDim}, top-${cfg.indexTopk}`,
    `  rope:         base ${k(cfg.ropeTheta)} (sliding), ${k(cfg.compressRopeTheta)} + ${yarn} ` +
      `(compressed)`,
    `  moe:          ${cfg.numRoutedExperts} routed + ${cfg.numSharedExperts} shared experts, ` +
      `${cfg.numExpertsPerTok} per token, d_ff ${cfg.moeIntermediateSize}`,
    `  routing:      ${cfg.scoringFunc}, scale ${cfg.routedScalingFactor}, ` +
      `${cfg.normTopkProb ? "normalised" : "unnormalised"} top-k, ` +
      `${cfg.numHashLayers} hash layers`,
    `  swiglu:       limit ${cfg.swigluLimit}, shared expert ` +
      `${cfg.clampSharedExpert ? "clamped" : "not clamped"}`,
    `  mhc:          ${cfg.hcMult} streams, ${cfg.hcSinkhornIters} Sinkhorn iterations, ` +
      `eps ${num(cfg.hcEps)}; RMSNorm eps ${num(cfg.rmsNormEps)}`,
    `  tokens:       BOS ${cfg.bosTokenId}, EOS ${cfg.eosTokenId}, ` +
      `${cfg.tieWordEmbeddings ? "tied" : "separate"} embedding and head`,
    `  quantization: ${quant}`,
    `  training:     MTP loss ${num(cfg.mtpLossWeight)}, bias speed ${num(cfg.biasUpdateSpeed)}, ` +
      `sequence balance loss ${num(cfg.seqBalanceLossWeight)}`,
  ];
}

function scheduleLines(cfg: ModelConfig): string[] {
  const { layers, mtp } = layerSchedule(cfg);
  const row = (cells: readonly string[]): string =>
    `  ${cells[0]?.padEnd(11)}${cells[1]?.padEnd(11)}${cells[2]?.padStart(5)}  ` +
    `${cells[3]?.padEnd(17)}${cells[4]}`;
  const plan = (p: BlockPlan): string =>
    row([
      p.prefix,
      p.attention,
      String(p.ratio),
      `${withThousands(p.ropeBase)}${p.yarn ? " + yarn" : ""}`,
      p.routing,
    ]);
  return [
    "Layer schedule",
    row(["block", "attention", "ratio", "rope base", "routing"]),
    ...layers.map(plan),
    ...mtp.map(plan),
  ];
}

function countLines(cfg: ModelConfig): string[] {
  const c = countParameters(cfg);
  const row = (label: string, main: string, mtp: string): string =>
    `  ${label.padEnd(18)}${main.padStart(20)}${mtp.padStart(18)}`.trimEnd();
  const k = withThousands;
  return [
    "Parameters",
    row("group", "main model", "MTP"),
    ...PARAM_GROUPS.map((g) => row(g, k(c.main[g]), k(c.mtp[g]))),
    row("total", k(c.mainTotal), k(c.mtpTotal)),
    row("activated/token", k(c.activatedMain), k(c.activatedMtp)),
    row("main + MTP", k(c.total), ""),
  ];
}
