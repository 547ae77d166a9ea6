/** Clamped SwiGLU activation of the DeepSeek-V4 experts (spec §8.3). */
import { swigluClamped, type Tensor } from "../tensor/index.ts";

/**
 * silu(min(gate, limit)) ⊙ clamp(up, −limit, limit). The gate has no lower clamp: silu already
 * tends to 0 for large negative inputs. limit 0 disables both clamps. One fused kernel each
 * way (see `swigluClamped`).
 * gate: [..., F], up: [..., F] -> [..., F]
 */
export function swiglu(gate: Tensor, up: Tensor, limit: number): Tensor {
  return swigluClamped(gate, up, limit);
}
