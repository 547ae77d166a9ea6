/** Losses. */
import { checkDType, checkShape } from "../errors.ts";
import { shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { compare, maskedFill, mul, sub, where } from "./elementwise.ts";
import { gather } from "./indexing.ts";
import { logsumexp, sum } from "./reduce.ts";

export interface CrossEntropyOptions {
  /** Targets equal to this contribute nothing (and are not counted in the mean). */
  ignoreIndex?: number;
  reduction?: "mean" | "sum" | "none";
}

/**
 * Cross-entropy of logits [N, V] against integer targets i32 [N]:
 * loss_i = logsumexp(logits_i) − logits_i[target_i]. The mean is over non-ignored targets
 * (0 when every target is ignored).
 */
export function crossEntropy(logits: Tensor, targets: Tensor, options: CrossEntropyOptions = {}) {
  const { ignoreIndex = -100, reduction = "mean" } = options;
  checkShape(
    logits.rank === 2,
    () => `crossEntropy: logits must be [N, V], got ${shapeStr(logits.shape)}`,
  );
  checkDType(
    targets.dtype === "i32",
    () => `crossEntropy: targets must be i32, got ${targets.dtype}`,
  );
  checkShape(
    targets.rank === 1 && targets.shape[0] === logits.shape[0],
    () =>
      `crossEntropy: targets ${shapeStr(targets.shape)} must be [N] with N = ` +
      `logits.shape[0] (${logits.shape[0]})`,
  );
  const temps: Tensor[] = [];
  const temp = (t: Tensor): Tensor => {
    temps.push(t);
    return t;
  };
  const ignored = temp(compare("eq", targets, ignoreIndex));
  const safeTargets = temp(maskedFill(targets, ignored, 0));
  const lse = temp(logsumexp(logits, -1));
  const gathered = temp(gather(logits, 1, temp(safeTargets.unsqueeze(1))));
  const picked = temp(gathered.squeeze(1));
  const perRow = where(ignored, 0, temp(sub(lse, picked)));
  let out = perRow;
  if (reduction !== "none") out = sum(temp(perRow));
  if (reduction === "mean") {
    const count = targets.size - temp(ignored.sum()).item();
    out = mul(temp(out), count > 0 ? 1 / count : 0);
  }
  // Without a graph nothing needs the intermediates; with one, the backward reads some of
  // them (lse, the ignore mask, the gather index), so they live as long as the graph.
  if (!out.node) for (const t of temps) t.dispose();
  return out;
}
