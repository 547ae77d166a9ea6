// Per-block plan derived from a ModelConfig (spec §1.2, §4.2, §8.2): which attention each
// decoder layer and MTP block runs, with which RoPE table, and how its MoE routes.

import { CSA_RATIO, type ModelConfig } from "./config.ts";

/** Attention variant of a block: window only, compressed sparse, heavily compressed. */
export type AttentionKind = "sliding" | "csa" | "hca";

/** Expert selection of a block: frozen token-id table, or learned top-k with bias. */
export type RoutingKind = "hash" | "topk";

/** What one decoder layer or MTP block runs. */
export type BlockPlan = Readonly<{
  index: number; // layer index l, or MTP block index i
  prefix: string; // checkpoint name prefix: "layers.{l}" or "mtp.{i}"
  attention: AttentionKind;
  ratio: number; // compress ratio (0 = none)
  routing: RoutingKind;
  ropeBase: number; // rope_theta for sliding-only blocks, compress_rope_theta otherwise
  yarn: boolean; // YaRN interpolation on this block's RoPE table
}>;

/** The decoder layers in order, then the MTP blocks. */
export type LayerSchedule = Readonly<{
  layers: readonly BlockPlan[];
  mtp: readonly BlockPlan[];
}>;

/**
 * Attention kind of a compress ratio. The rule is the official code's: ratio 0 has no
 * compressor, ratio 4 (`CSA_RATIO`) gets the overlapping compressor and the lightning indexer
 * (CSA), and every other ratio gets a non-overlapping compressor attended densely (HCA).
 */
export function attentionKindOf(ratio: number): AttentionKind {
  if (ratio === 0) return "sliding";
  return ratio === CSA_RATIO ? "csa" : "hca";
}

/**
 * Plans of the `cfg.numLayers` decoder layers and `cfg.numMtpLayers` MTP blocks. Layers
 * `0 .. numHashLayers-1` are hash-routed; MTP blocks always route top-k. Compressed blocks use
 * `compressRopeTheta` with YaRN (when `ropeScaling` is set), sliding-only ones `ropeTheta`.
 */
export function layerSchedule(cfg: ModelConfig): LayerSchedule {
  const plan = (slot: number, prefix: string, index: number, hash: boolean): BlockPlan => {
    const ratio = cfg.compressRatios[slot] ?? 0;
    const compressed = ratio > 0;
    return Object.freeze({
      index,
      prefix,
      attention: attentionKindOf(ratio),
      ratio,
      routing: hash ? "hash" : "topk",
      ropeBase: compressed ? cfg.compressRopeTheta : cfg.ropeTheta,
      yarn: compressed && cfg.ropeScaling !== null,
    });
  };
  const layers: BlockPlan[] = [];
  for (let l = 0; l < cfg.numLayers; l++) {
    layers.push(plan(l, `layers.${l}`, l, l < cfg.numHashLayers));
  }
  const mtp: BlockPlan[] = [];
  for (let i = 0; i < cfg.numMtpLayers; i++) {
    mtp.push(plan(cfg.numLayers + i, `mtp.${i}`, i, false));
  }
  return Object.freeze({ layers: Object.freeze(layers), mtp: Object.freeze(mtp) });
}
