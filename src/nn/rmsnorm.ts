/** Root-mean-square normalisation over the last axis (spec §3). */
import { rmsNormLastAxis, type Tensor } from "../tensor/index.ts";

/**
 * w ⊙ x / sqrt(mean(x²) + eps) over the last axis; a null weight gives the unweighted form
 * used for the per-head query RMS. One fused kernel each way (see `rmsNormLastAxis`).
 * x: [..., D], weight: [D] | null -> [..., D]
 */
export function rmsNorm(x: Tensor, weight: Tensor | null, eps: number): Tensor {
  return rmsNormLastAxis(x, weight, eps);
}
