// Parameter counts of a DeepSeek-V4 config, summed over `parameterShapes` so that the two can
// never disagree. Only floating-point weights count (no `.scale` tensors, no `tid2eid` table).
// Check values (spec §1.3): Flash 284,332,240,471 + 6,610,048,891 MTP; Pro 1,572,997,201,763
// + 25,840,145,979 MTP.

import type { ModelConfig } from "./config.ts";
import { PARAM_GROUPS, type ParamGroup, parameterShapes } from "./param-shapes.ts";

/** Parameters per group. */
export type GroupCounts = Readonly<Record<ParamGroup, number>>;

/** Counts of the main model and of its MTP blocks. */
export type ParameterCounts = Readonly<{
  main: GroupCounts; // per group, main model (embedding and head included)
  mtp: GroupCounts; // per group, all MTP blocks (the shared embedding and head excluded)
  mainTotal: number;
  mtpTotal: number;
  total: number; // mainTotal + mtpTotal
  // Weights one token touches in the main model: everything except the routed experts it is
  // not sent to (k of E per layer); embedding and head included, as in the advertised numbers.
  activatedMain: number;
  activatedMtp: number; // same for the MTP blocks
}>;

/** Number of elements of a tensor shape. */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/**
 * Parameter counts of `cfg` by group and in total, computed from shapes without allocating
 * weights. `countParameters(flash).mainTotal === 284_332_240_471`.
 */
export function countParameters(cfg: ModelConfig): ParameterCounts {
  const main = zeroCounts();
  const mtp = zeroCounts();
  for (const p of parameterShapes(cfg)) {
    if (!p.float) continue;
    const counts = p.block === "main" ? main : mtp;
    counts[p.group] += numel(p.shape);
  }
  const mainTotal = sum(main);
  const mtpTotal = sum(mtp);
  // Every routed expert has the same size, so a token uses k/E of the routed weights.
  const active = (routed: number): number => (routed / cfg.numRoutedExperts) * cfg.numExpertsPerTok;
  return Object.freeze({
    main: Object.freeze(main),
    mtp: Object.freeze(mtp),
    mainTotal,
    mtpTotal,
    total: mainTotal + mtpTotal,
    activatedMain: mainTotal - main["routed-experts"] + active(main["routed-experts"]),
    activatedMtp: mtpTotal - mtp["routed-experts"] + active(mtp["routed-experts"]),
  });
}

function zeroCounts(): Record<ParamGroup, number> {
  const out: Partial<Record<ParamGroup, number>> = {};
  for (const g of PARAM_GROUPS) out[g] = 0;
  return out as Record<ParamGroup, number>;
}

function sum(counts: Readonly<Record<ParamGroup, number>>): number {
  let n = 0;
  for (const g of PARAM_GROUPS) n += counts[g];
  return n;
}
