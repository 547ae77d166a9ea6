/**
 * KV compressors (spec §5.4, §5.5). Every token gets a value projection a = h·Wkvᵀ and a gate
 * score z = h·Wgateᵀ; a compressed entry pools one window of tokens with a softmax over the
 * window taken independently per channel, then RMS-normalises and rotates it.
 *
 * HCA (ratio m, no overlap): entry i pools tokens [m·i, m·i + m) with scores z + ape.
 * CSA (ratio 4, overlapping): a, z and ape are 2c wide; entry i pools 8 slots — the previous
 * window's tokens through the first half of the features and the current window's through the
 * second half. Entry 0 has no previous window: those slots score −∞, so they weigh exactly 0.
 */
import { linear } from "../nn/linear.ts";
import { rmsNorm } from "../nn/rmsnorm.ts";
import { applyRopeTail } from "../nn/rope.ts";
import { concat, full, type Tensor } from "../tensor/index.ts";
import { type Params, param } from "./params.ts";
import { positions, type RopeTable } from "./rope-table.ts";

export interface CompressorParams {
  wkv: Tensor; // [w, D] with w = c (HCA) or 2c (CSA)
  wgate: Tensor; // [w, D]
  ape: Tensor; // [ratio, w] positional bias of the gate scores
  norm: Tensor; // [c]
}

export interface CompressorSpec {
  ratio: number;
  /** Overlapping two-view windows (CSA) or plain windows (HCA). */
  overlap: boolean;
  /** Width c of one entry. */
  dim: number;
  ropeDims: number;
  normEps: number;
}

export function compressorParams(params: Params, prefix: string): CompressorParams {
  return {
    wkv: param(params, `${prefix}.wkv.weight`),
    wgate: param(params, `${prefix}.wgate.weight`),
    ape: param(params, `${prefix}.ape`),
    norm: param(params, `${prefix}.norm.weight`),
  };
}

/** Per-token projections: h [B, T, D] -> a, z [B, T, w]. */
export function compressorInputs(p: CompressorParams, h: Tensor): { a: Tensor; z: Tensor } {
  return { a: linear(h, p.wkv), z: linear(h, p.wgate) };
}

/** Σ_slots softmax_slots(score) ⊙ a, per channel: a, score [B, N, slots, c] -> [B, N, c]. */
export function poolWindows(a: Tensor, score: Tensor): Tensor {
  return score.softmax(2).mul(a).sum(2);
}

/** RMSNorm and RoPE (at position ratio·i for entry i) of pooled entries [B, N, c]. */
export function finishEntries(
  p: CompressorParams,
  spec: CompressorSpec,
  pooled: Tensor,
  firstEntry: number,
  rope: RopeTable,
): Tensor {
  const n = pooled.shape[1]!;
  const normed = rmsNorm(pooled, p.norm, spec.normEps);
  const { cos, sin } = rope.angles(positions(firstEntry * spec.ratio, n, spec.ratio), pooled.dtype);
  return applyRopeTail(normed, spec.ropeDims, cos, sin);
}

/**
 * Entries of every complete window of a sequence starting at position 0.
 * a, z: [B, T, w] -> [B, floor(T / ratio), c]
 */
export function compressSequence(
  p: CompressorParams,
  spec: CompressorSpec,
  a: Tensor,
  z: Tensor,
  rope: RopeTable,
): Tensor {
  return finishEntries(p, spec, poolSequence(p, spec, a, z), 0, rope);
}

/** The pooled (not yet normalised) windows: a, z [B, T, w] -> [B, floor(T / ratio), c]. */
export function poolSequence(p: CompressorParams, spec: CompressorSpec, a: Tensor, z: Tensor) {
  const [B, T] = a.shape as [number, number];
  const { ratio, dim: c } = spec;
  const n = Math.floor(T / ratio);
  if (n === 0) return full([B, 0, c], 0, { dtype: a.dtype });
  const w = a.shape[2]!;
  const a4 = a.slice(1, 0, n * ratio).reshape([B, n, ratio, w]);
  const s4 = z
    .slice(1, 0, n * ratio)
    .reshape([B, n, ratio, w])
    .add(p.ape);
  if (!spec.overlap) return poolWindows(a4, s4);

  // Previous-window slots come from the first half of the features, shifted by one entry.
  const prevA = a4.slice(3, 0, c).slice(1, 0, n - 1);
  const prevS = s4.slice(3, 0, c).slice(1, 0, n - 1);
  const padA = full([B, 1, ratio, c], 0, { dtype: a.dtype });
  const padS = full([B, 1, ratio, c], Number.NEGATIVE_INFINITY, { dtype: a.dtype });
  const slotsA = concat([concat([padA, prevA], 1), a4.slice(3, c, 2 * c)], 2);
  const slotsS = concat([concat([padS, prevS], 1), s4.slice(3, c, 2 * c)], 2);
  return poolWindows(slotsA, slotsS);
}
