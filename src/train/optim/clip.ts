/**
 * Global-norm gradient clipping: all gradients are treated as one vector g and, when
 * ‖g‖₂ > maxNorm, every gradient is multiplied by maxNorm / ‖g‖₂, so the clipped vector has
 * norm exactly maxNorm (up to the rounding of one multiply) and keeps its direction.
 */
import { noGrad, stack, type Tensor, tidy } from "../../tensor/index.ts";

type Params = Iterable<Tensor> | ReadonlyMap<string, Tensor>;

function isNamed(params: Params): params is ReadonlyMap<string, Tensor> {
  return params instanceof Map;
}

function gradsOf(params: Params): Tensor[] {
  const list = isNamed(params) ? [...params.values()] : [...params];
  return list.flatMap((p) => (p.grad ? [p.grad] : []));
}

/**
 * ‖g‖₂ over the gradients of all `params` taken together (parameters without a gradient count
 * as zero). Squares are summed per tensor on the device, the per-tensor sums in float64 on the
 * host. NaN or Infinity when a gradient is non-finite.
 */
export function gradNorm(params: Params): number {
  const grads = gradsOf(params);
  if (grads.length === 0) return 0;
  const sums = tidy(() =>
    noGrad(() => {
      // [P] per-tensor sums of squares in the gradients' dtype (devices without f64, such as
      // WebGPU, can run this), read back in one transfer and added up in float64 here.
      const parts = grads.map((g) => g.square().sum());
      return stack(parts).toArray();
    }),
  );
  let total = 0;
  for (const s of sums) total += s;
  return Math.sqrt(total);
}

/**
 * Scales all gradients in place so their global norm is at most `maxNorm`; returns the norm
 * before clipping. A non-finite norm is returned without touching the gradients, so the
 * non-finite guard of the optimizer step reports the offending parameter.
 */
export function clipGradNorm(params: Params, maxNorm: number): number {
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) {
    throw new RangeError(`clipGradNorm: maxNorm must be a positive finite number, got ${maxNorm}`);
  }
  const total = gradNorm(params);
  if (!Number.isFinite(total) || total <= maxNorm) return total;
  const scale = maxNorm / total;
  noGrad(() => {
    for (const g of gradsOf(params)) tidy(() => g.assign(g.mul(scale)));
  });
  return total;
}
