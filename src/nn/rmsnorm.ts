/** Root-mean-square normalisation over the last axis (spec §3). */
import { ShapeError, shapeStr, type Tensor } from "../tensor/index.ts";

/**
 * w ⊙ x / sqrt(mean(x²) + eps) over the last axis; a null weight gives the unweighted form
 * used for the per-head query RMS.
 * x: [..., D], weight: [D] | null -> [..., D]
 */
export function rmsNorm(x: Tensor, weight: Tensor | null, eps: number): Tensor {
  const d = x.shape[x.rank - 1];
  if (weight && (weight.rank !== 1 || weight.shape[0] !== d)) {
    throw new ShapeError(
      `rmsNorm: weight ${shapeStr(weight.shape)} does not match the last axis of ` +
        `x ${shapeStr(x.shape)}; expected [${d}]`,
    );
  }
  const inv = x.square().mean(-1, true).add(eps).rsqrt(); // [..., 1]
  const normed = x.mul(inv);
  return weight ? normed.mul(weight) : normed;
}
