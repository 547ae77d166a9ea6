/**
 * AdamW (Loshchilov & Hutter): Adam with weight decay decoupled from the gradient. For update
 * number t, with gradient g:
 *
 *   p ← p·(1 − lr·wd)
 *   m ← β₁m + (1 − β₁)g            v ← β₂v + (1 − β₂)g²
 *   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 *
 * which is lr·m̂/(√v̂ + ε) with the bias-corrected moments m̂, v̂. Defaults are DeepSeek-V4's
 * (β = (0.9, 0.95), wd 0.1) except ε: V4 uses 1e-20 (spec §12), i.e. ε only keeps 0/0 at 0;
 * the default here is the conventional 1e-8, which damps steps of parameters whose gradients
 * are tiny. Pass `eps: 1e-20` to reproduce V4.
 */
import type { Tensor } from "../../tensor/index.ts";
import { ParamOptimizer } from "./optimizer.ts";

export interface AdamWOptions {
  lr: number;
  /** (β₁, β₂); default (0.9, 0.95). */
  betas?: readonly [number, number];
  /** Added to √v̂; default 1e-8 (DeepSeek-V4: 1e-20). */
  eps?: number;
  /** Decoupled weight decay; default 0.1. */
  weightDecay?: number;
}

/** V4's AdamW ε (spec §12). */
export const V4_ADAMW_EPS = 1e-20;

function checkOption(name: string, value: number, ok: boolean, want: string): void {
  if (!ok || !Number.isFinite(value)) {
    throw new RangeError(`AdamW: ${name} must be ${want}, got ${value}`);
  }
}

/** AdamW over named parameters; state `<param>.exp_avg` (m) and `<param>.exp_avg_sq` (v). */
export class AdamW extends ParamOptimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(named: ReadonlyMap<string, Tensor>, options: AdamWOptions) {
    super("AdamW", named, options.lr, ["exp_avg", "exp_avg_sq"]);
    const [b1, b2] = options.betas ?? [0.9, 0.95];
    this.beta1 = b1;
    this.beta2 = b2;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.1;
    checkOption("betas[0]", b1, b1 >= 0 && b1 < 1, "in [0, 1)");
    checkOption("betas[1]", b2, b2 >= 0 && b2 < 1, "in [0, 1)");
    checkOption("eps", this.eps, this.eps > 0, "> 0");
    checkOption("weightDecay", this.weightDecay, this.weightDecay >= 0, ">= 0");
  }

  protected updateParam(name: string, p: Tensor, g: Tensor | null, lr: number, t: number) {
    const m = this.slot(name, "exp_avg");
    const v = this.slot(name, "exp_avg_sq");
    const { beta1: b1, beta2: b2 } = this;
    m.assign(g ? m.mul(b1).add(g.mul(1 - b1)) : m.mul(b1));
    v.assign(g ? v.mul(b2).add(g.square().mul(1 - b2)) : v.mul(b2));
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const denom = v.sqrt().div(Math.sqrt(bc2)).add(this.eps);
    const decayed = this.weightDecay > 0 ? p.mul(1 - lr * this.weightDecay) : p;
    p.assign(decayed.sub(m.div(denom).mul(lr / bc1)));
  }
}
