/**
 * Which optimizer trains which parameter (spec §12): Muon for all matrices except the
 * embedding, the prediction head, the mHC static biases and gating factors, and the RMSNorm
 * weights, which use AdamW. Decisions where the paper's list needs reading:
 *
 * - `hc_*_fn` ([(2+h)·h, h·d], the dynamic mHC projection) is a genuine linear map and is not
 *   among the exceptions (only the biases `hc_*_base` and gates `hc_*_scale` are), so it goes
 *   to Muon.
 * - compressor `ape` ([ratio, width]) is an additive positional bias, one learned vector per
 *   position inside the compression window, not a map between spaces; orthogonalising it would
 *   force those vectors to be orthonormal, which means nothing for a bias, so it goes to AdamW
 *   like the other biases.
 * - 1-D tensors (biases, `attn_sink`, norm weights, mHC bias/scale) go to AdamW: Muon needs a
 *   matrix.
 * - `ffn.gate.bias`, the routing balance bias, is moved by the load-balancing rule (bias speed
 *   0.001), not by gradients, so no optimizer touches it; nor any tensor that does not require
 *   grad (e.g. the hash-routing table `tid2eid`) or is not floating point.
 */
import type { Tensor } from "../../tensor/index.ts";

export interface ParamGroups {
  /** Matrices (and stacks of matrices) trained by Muon. */
  readonly muon: Map<string, Tensor>;
  /** Everything else that is trained, by AdamW. */
  readonly adamw: Map<string, Tensor>;
  /** Parameters no optimizer updates, with the reason. */
  readonly excluded: Map<string, string>;
}

export interface SplitOptions {
  /** "muon" (default): the V4 split; "adamw": every trained parameter goes to AdamW. */
  optimizer?: "muon" | "adamw";
}

/** Matches `name` itself or `<prefix>.name`, so prefixed models (e.g. `model.`) work too. */
function endsWithPart(name: string, part: string): boolean {
  return name === part || name.endsWith(`.${part}`);
}

/** The last dot-separated component of a name. */
function leaf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** Why `name` is trained by AdamW under the V4 split; null when it goes to Muon. */
export function adamwReason(name: string, p: Tensor): string | null {
  if (endsWithPart(name, "embed.weight")) return "embedding";
  if (endsWithPart(name, "head.weight")) return "prediction head";
  if (/norm\.weight$/.test(name)) return "RMSNorm weight";
  const last = leaf(name);
  if (/^hc_.*_base$/.test(last)) return "mHC static bias";
  if (/^hc_.*_scale$/.test(last)) return "mHC gating factor";
  if (last === "ape") return "compressor positional bias";
  if (p.rank < 2) return "not a matrix";
  return null;
}

/**
 * Splits named parameters between Muon and AdamW by the rules above; map order is kept.
 * Excluded: `*.gate.bias` and every tensor that does not require grad or is not f32/f64.
 */
export function splitParamGroups(
  named: ReadonlyMap<string, Tensor>,
  options: SplitOptions = {},
): ParamGroups {
  const mode = options.optimizer ?? "muon";
  if (mode !== "muon" && mode !== "adamw") {
    throw new RangeError(`splitParamGroups: optimizer must be "muon" or "adamw", got "${mode}"`);
  }
  const groups: ParamGroups = { muon: new Map(), adamw: new Map(), excluded: new Map() };
  for (const [name, p] of named) {
    if (endsWithPart(name, "gate.bias")) {
      groups.excluded.set(name, "routing balance bias, updated by the load rule");
    } else if (p.dtype !== "f32" && p.dtype !== "f64") {
      groups.excluded.set(name, `not floating point (${p.dtype})`);
    } else if (!p.requiresGrad) {
      groups.excluded.set(name, "does not require grad");
    } else if (mode === "adamw" || adamwReason(name, p) !== null) {
      groups.adamw.set(name, p);
    } else {
      groups.muon.set(name, p);
    }
  }
  return groups;
}
