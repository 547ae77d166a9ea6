/** Clamped SwiGLU activation of the DeepSeek-V4 experts (spec §8.3). */
import { ShapeError, sameShape, shapeStr, type Tensor } from "../tensor/index.ts";

/**
 * silu(min(gate, limit)) ⊙ clamp(up, −limit, limit). The gate has no lower clamp: silu already
 * tends to 0 for large negative inputs. limit 0 disables both clamps.
 * gate: [..., F], up: [..., F] -> [..., F]
 */
export function swiglu(gate: Tensor, up: Tensor, limit: number): Tensor {
  if (!sameShape(gate.shape, up.shape)) {
    throw new ShapeError(
      `swiglu: gate ${shapeStr(gate.shape)} and up ${shapeStr(up.shape)} must have one shape`,
    );
  }
  if (!(limit >= 0)) throw new RangeError(`swiglu: limit ${limit} must be >= 0 (0 = no clamp)`);
  if (limit === 0) return gate.silu().mul(up);
  return gate.clamp(null, limit).silu().mul(up.clamp(-limit, limit));
}
