/**
 * The DeepSeek-V4 optimizer setup in one call: split the parameters (splitParamGroups), Muon
 * for the matrices, AdamW for the rest, combined under one learning rate and step counter.
 */
import type { Tensor } from "../../tensor/index.ts";
import { AdamW, type AdamWOptions } from "./adamw.ts";
import { CombinedOptimizer } from "./combined.ts";
import { Muon, type MuonOptions } from "./muon.ts";
import type { ParamOptimizer } from "./optimizer.ts";
import { type ParamGroups, splitParamGroups } from "./param-groups.ts";

export interface CreateOptimizerOptions {
  /** Learning rate used when a step gives none (usually each step passes lrAt(...)). */
  lr: number;
  /** "muon" (default): V4's Muon + AdamW split; "adamw": AdamW for everything. */
  optimizer?: "muon" | "adamw";
  /** AdamW settings other than lr. */
  adamw?: Omit<AdamWOptions, "lr">;
  /** Muon settings other than lr. */
  muon?: Omit<MuonOptions, "lr">;
}

/** A combined optimizer for `named`, and the grouping it used (for logs). */
export function createOptimizer(
  named: ReadonlyMap<string, Tensor>,
  options: CreateOptimizerOptions,
): { optimizer: CombinedOptimizer; groups: ParamGroups } {
  const mode = options.optimizer ?? "muon";
  const groups = splitParamGroups(named, { optimizer: mode });
  const parts: ParamOptimizer[] = [];
  if (groups.muon.size > 0) parts.push(new Muon(groups.muon, { ...options.muon, lr: options.lr }));
  if (groups.adamw.size > 0) {
    parts.push(new AdamW(groups.adamw, { ...options.adamw, lr: options.lr }));
  }
  return { optimizer: new CombinedOptimizer(parts, options.lr), groups };
}
