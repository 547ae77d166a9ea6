/**
 * Muon as DeepSeek-V4 trains its matrices (spec §12). For weight W ∈ R^{n×m} with gradient G,
 * update number t:
 *
 *   M ← μM + G                      momentum buffer, μ = 0.95
 *   U = μM + G                      Nesterov: orthogonalise the look-ahead
 *   O = NS(U) · √max(n, m) · 0.18   hybrid Newton–Schulz, then rescale
 *   W ← W − lr·(O + wd·W)           decoupled weight decay, wd = 0.1
 *
 * NS(U) has min(n, m) singular values ≈ 1, so ‖NS(U)‖_F² ≈ min(n, m) and its RMS is
 * 1/√max(n, m); the factor √max(n, m)·0.18 makes the update RMS 0.18, close to AdamW's typical
 * update RMS, so one learning rate (and one schedule) serves both optimizers.
 *
 * Each matrix is orthogonalised on its own: V4 applies Muon per logically independent matrix,
 * each expert separately. In Tessera every expert weight is its own parameter
 * (`layers.3.ffn.experts.7.w1.weight`), so that holds by construction; a parameter of rank ≥ 3
 * is read as a stack of independent matrices over its last two axes ([E, out, in]) and each
 * slice gets its own normalisation, orthogonalisation and √max(out, in) scale.
 */
import type { Tensor } from "../../tensor/index.ts";
import { type NsPhase, newtonSchulz, V4_NS_SCHEDULE } from "./newton-schulz.ts";
import { ParamOptimizer } from "./optimizer.ts";

export interface MuonOptions {
  lr: number;
  /** Momentum μ; default 0.95. */
  momentum?: number;
  /** Orthogonalise μM + G (true, V4) or M itself; default true. */
  nesterov?: boolean;
  /** Decoupled weight decay; default 0.1. */
  weightDecay?: number;
  /** RMS of the update O; default 0.18. */
  updateRms?: number;
  /** Newton–Schulz phases; default V4_NS_SCHEDULE. */
  nsSchedule?: readonly NsPhase[];
  /** Added to the Frobenius norm before normalising; default 1e-7. */
  nsEps?: number;
}

function checkOption(name: string, value: number, ok: boolean, want: string): void {
  if (!ok || !Number.isFinite(value)) {
    throw new RangeError(`Muon: ${name} must be ${want}, got ${value}`);
  }
}

/** Muon over named matrices; state `<param>.momentum_buffer`. */
export class Muon extends ParamOptimizer {
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  readonly updateRms: number;
  readonly nsSchedule: readonly NsPhase[];
  readonly nsEps: number;

  constructor(named: ReadonlyMap<string, Tensor>, options: MuonOptions) {
    for (const [name, p] of named) {
      if (p.rank < 2) {
        throw new RangeError(
          `Muon: parameter "${name}" has shape [${p.shape}]; Muon orthogonalises matrices ` +
            "(rank >= 2), send it to AdamW (see splitParamGroups)",
        );
      }
    }
    super("Muon", named, options.lr, ["momentum_buffer"]);
    this.momentum = options.momentum ?? 0.95;
    this.nesterov = options.nesterov ?? true;
    this.weightDecay = options.weightDecay ?? 0.1;
    this.updateRms = options.updateRms ?? 0.18;
    this.nsSchedule = options.nsSchedule ?? V4_NS_SCHEDULE;
    this.nsEps = options.nsEps ?? 1e-7;
    checkOption("momentum", this.momentum, this.momentum >= 0 && this.momentum < 1, "in [0, 1)");
    checkOption("weightDecay", this.weightDecay, this.weightDecay >= 0, ">= 0");
    checkOption("updateRms", this.updateRms, this.updateRms > 0, "> 0");
    checkOption("nsEps", this.nsEps, this.nsEps >= 0, ">= 0");
  }

  protected updateParam(name: string, p: Tensor, g: Tensor | null, lr: number) {
    const buf = this.slot(name, "momentum_buffer");
    const mu = this.momentum;
    buf.assign(g ? buf.mul(mu).add(g) : buf.mul(mu));
    const u = !this.nesterov ? buf : g ? buf.mul(mu).add(g) : buf.mul(mu);
    const o = newtonSchulz(u, { schedule: this.nsSchedule, eps: this.nsEps });
    p.assign(p.sub(this.update(p, o, lr)));
  }

  /** lr·(O + wd·W) with O = NS(U)·√max(n, m)·rms; the amount subtracted from W. */
  private update(p: Tensor, orth: Tensor, lr: number): Tensor {
    const n = p.shape[p.rank - 2]!;
    const m = p.shape[p.rank - 1]!;
    const scale = Math.sqrt(Math.max(n, m)) * this.updateRms;
    const o = orth.mul(scale);
    return this.weightDecay > 0 ? o.add(p.mul(this.weightDecay)).mul(lr) : o.mul(lr);
  }
}
