/**
 * Per-block rotary tables. Sliding-only blocks rotate with `rope_theta` and no YaRN; compressed
 * blocks with `compress_rope_theta` and YaRN (spec §4.2). Frequencies are computed once per
 * block kind; cos/sin for a set of positions on demand.
 */
import { ropeAngles, ropeFrequencies } from "../nn/rope.ts";
import type { DType, Tensor } from "../tensor/index.ts";
import type { ModelConfig } from "./config.ts";
import type { BlockPlan } from "./schedule.ts";

export interface RopeTable {
  /** Inverse frequencies, [ropeDims / 2]. */
  readonly freqs: Float32Array;
  /** cos and sin of position·freq: [positions.length, ropeDims / 2] each. */
  angles(positions: ArrayLike<number>, dtype?: DType): { cos: Tensor; sin: Tensor };
}

export function ropeTableFor(cfg: ModelConfig, plan: BlockPlan): RopeTable {
  const freqs = ropeFrequencies(cfg.ropeHeadDim, plan.ropeBase, plan.yarn ? cfg.ropeScaling : null);
  return { freqs, angles: (positions, dtype = "f32") => ropeAngles(freqs, positions, dtype) };
}

/** Positions start, start + step, … (count of them). */
export function positions(start: number, count: number, step = 1): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => start + i * step);
}
