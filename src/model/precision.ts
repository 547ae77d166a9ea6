/**
 * The storage precision of each checkpoint tensor in DeepSeek's released layout (spec §10.5):
 * routed experts in FP4 (MXFP4), the dense projections in FP8 with 128 x 128 block scales,
 * mHC parameters, sinks, compressor position biases and router biases in F32, the hash table
 * as I64, and everything else (embedding, head, norms, router weight, compressors, indexer
 * head weights) in BF16. Quantized weights are stored with a companion `.scale` tensor.
 */

/** How a tensor is stored in a quantized checkpoint. */
export type StorageRole = "routed-expert" | "fp8-linear" | "bf16" | "f32" | "index" | "unknown";

const ROUTED = /(^|\.)ffn\.experts\.\d+\.w[123]\.weight$/;
const FP8 = [
  /(^|\.)attn\.(wq_a|wq_b|wkv|wo_a|wo_b)\.weight$/,
  /(^|\.)attn\.indexer\.wq_b\.weight$/,
  /(^|\.)ffn\.shared_experts\.w[123]\.weight$/,
  /^mtp\.\d+\.(e_proj|h_proj)\.weight$/,
];
const F32 = [
  /(^|\.)hc_(attn|ffn|head)_(fn|base|scale)$/,
  /(^|\.)attn_sink$/,
  /\.ape$/,
  /\.gate\.bias$/,
];
const INDEX = /\.gate\.tid2eid$/;
const BF16 = [
  /^(embed|head)\.weight$/,
  /(^|\.)norm\.weight$/,
  /(^|\.)(attn_norm|ffn_norm|q_norm|kv_norm|enorm|hnorm)\.weight$/,
  /\.ffn\.gate\.weight$/,
  /\.compressor\.(wkv|wgate)\.weight$/,
  /\.indexer\.weights_proj\.weight$/,
];

/** The storage role of the checkpoint tensor `name` (official names, no `model.` prefix). */
export function storageRole(name: string): StorageRole {
  if (ROUTED.test(name)) return "routed-expert";
  if (FP8.some((r) => r.test(name))) return "fp8-linear";
  if (INDEX.test(name)) return "index";
  if (F32.some((r) => r.test(name))) return "f32";
  if (BF16.some((r) => r.test(name))) return "bf16";
  return "unknown";
}

/**
 * True for the linear weights the model can use in packed storage (routed and shared experts,
 * attention and indexer projections, MTP projections); other quantized tensors are loaded
 * dequantised.
 */
export function isPackableWeight(name: string): boolean {
  const role = storageRole(name);
  return role === "routed-expert" || role === "fp8-linear";
}

/** The `.scale` companion of a quantized weight: `x.weight` -> `x.scale`. */
export function scaleNameOf(weightName: string): string | null {
  return weightName.endsWith(".weight") ? `${weightName.slice(0, -".weight".length)}.scale` : null;
}
