/**
 * Fresh weights for training from scratch, named and shaped as in the official checkpoints.
 * Matrices are N(0, 1/fan_in) so every projection starts variance-preserving; the projections
 * that write into the residual streams (wo_b, w2) are further scaled by 1/sqrt(2·layers), as in
 * GPT-2-style initialisation, so the streams do not grow with depth. mHC starts as an
 * (almost) identity mixing with averaging gates, and the head small so the first predictions are
 * close to uniform.
 */
import { type DType, keep, Rng, tensor } from "../tensor/index.ts";
import type { ModelConfig } from "./config.ts";
import { parameterShapes } from "./param-shapes.ts";
import type { Params } from "./params.ts";

/** Logit of p: sigmoid(logit(p)) = p. */
function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function initValues(name: string, shape: readonly number[], cfg: ModelConfig, rng: Rng) {
  const n = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  const hc = cfg.hcMult;
  const leaf = name.slice(name.lastIndexOf(".") + 1);
  const normal = (std: number) => {
    for (let i = 0; i < n; i++) out[i] = std * rng.normal();
    return out;
  };
  if (name.endsWith("norm.weight")) return out.fill(1);
  if (name === "embed.weight") return normal(1);
  if (leaf === "attn_sink" || leaf === "ape" || leaf === "bias" || leaf === "hc_head_fn")
    return out;
  if (/hc_(attn|ffn)_fn$/.test(name)) return out;
  if (/hc_(attn|ffn|head)_scale$/.test(name)) return out.fill(0.01);
  if (/hc_(attn|ffn)_base$/.test(name)) {
    // pre = 1/hc (average the streams), post = 1, residual mixing ≈ identity.
    for (let k = 0; k < hc; k++) out[k] = logit(1 / hc);
    for (let a = 0; a < hc; a++) out[2 * hc + a * hc + a] = 4;
    return out;
  }
  if (name.endsWith("hc_head_base")) return out.fill(logit(1 / hc));
  const fanIn = shape[shape.length - 1]!;
  const residual = /(wo_b|w2)\.weight$/.test(name) ? 1 / Math.sqrt(2 * cfg.numLayers) : 1;
  // A small head starts every prediction near uniform, so the first loss is about ln(vocab).
  const head = name === "head.weight" ? 0.1 : 1;
  normal((residual * head) / Math.sqrt(fanIn));
  return out;
}

/** A random hash table: for each token, k distinct experts (the first k of a permutation). */
function hashTable(vocab: number, k: number, experts: number, rng: Rng): Int32Array {
  const table = new Int32Array(vocab * k);
  for (let t = 0; t < vocab; t++) table.set(rng.permutation(experts).subarray(0, k), t * k);
  return table;
}

/**
 * Every parameter of `cfg`, seeded. Float tensors require grad except the routing biases
 * (`ffn.gate.bias`), which the balancing rule updates instead of the optimizer.
 */
export function initParams(cfg: ModelConfig, seed: number, dtype: DType = "f32"): Params {
  const rng = new Rng(seed);
  const params: Params = new Map();
  for (const { name, shape, float } of parameterShapes(cfg)) {
    if (!float) {
      const k = shape[1]!;
      params.set(name, keep(tensor(hashTable(shape[0]!, k, cfg.numRoutedExperts, rng), shape)));
      continue;
    }
    const t = keep(tensor(initValues(name, shape, cfg, rng), shape, { dtype }));
    params.set(name, name.endsWith("gate.bias") ? t : t.requireGrad());
  }
  return params;
}
