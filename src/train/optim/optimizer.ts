/**
 * The optimizer contract and the base class of the per-parameter optimizers (AdamW, Muon).
 *
 * One step: refuse it (NonFiniteError) if the loss or any gradient is NaN/Inf, before anything
 * is written; otherwise update each parameter in place inside its own scope, so the
 * temporaries of one parameter are released before the next is processed and the live memory
 * after a step equals the memory before it. State tensors are allocated once, at construction,
 * and overwritten in place.
 *
 * A parameter without a gradient (e.g. an expert no token was routed to) is updated as if its
 * gradient were zero: moments decay and weight decay applies. One step counter then serves
 * every parameter (bias correction and checkpoints need no per-parameter counts), which is also
 * what trainers with one flat, always-present gradient buffer do.
 */
import { keep, noGrad, type Tensor, tidy, zeros } from "../../tensor/index.ts";
import { OptimizerStateError } from "./errors.ts";
import { assertFinite } from "./finite.ts";
import {
  checkStateEntry,
  checkStateStep,
  copyStateEntry,
  type HostTensor,
  type OptimizerState,
} from "./state.ts";

export interface StepOptions {
  /** Learning rate of this step; defaults to the optimizer's `lr`. */
  lr?: number;
  /** The loss of the batch; a non-finite loss refuses the step like a non-finite gradient. */
  loss?: number;
}

/** What every optimizer (single or combined) offers the trainer. */
export interface Optimizer {
  /** Parameters it updates, by name. */
  readonly params: ReadonlyMap<string, Tensor>;
  /** Learning rate used when a step gives none. */
  lr: number;
  /** Number of updates applied so far. */
  readonly stepCount: number;
  /** One update from the current gradients; throws NonFiniteError without touching anything. */
  step(options?: StepOptions): void;
  /** Disposes every gradient and clears `.grad`. */
  zeroGrad(): void;
  /** The step count and the live state tensors (overwritten by the next step: read first). */
  stateDict(): OptimizerState;
  /** Restores a state dict (all entries checked before any is written). */
  loadStateDict(state: OptimizerState<Tensor | HostTensor>): void;
  /** Releases the state tensors; the optimizer is unusable afterwards. */
  dispose(): void;
}

/** Throws unless `lr` is a usable learning rate. */
export function checkLr(owner: string, lr: number): void {
  if (!(lr >= 0) || !Number.isFinite(lr)) {
    throw new RangeError(`${owner}: learning rate must be a finite number >= 0, got ${lr}`);
  }
}

/** Disposes every gradient of `params` and clears `.grad`. */
export function zeroGrads(params: ReadonlyMap<string, Tensor>): void {
  for (const p of params.values()) {
    p.grad?.dispose();
    p.grad = null;
  }
}

/** Base of optimizers that keep named state slots of each parameter's shape. */
export abstract class ParamOptimizer implements Optimizer {
  readonly params: ReadonlyMap<string, Tensor>;
  lr: number;
  private steps = 0;
  /** `<param>.<slot>` -> state tensor of the parameter's shape and dtype. */
  private readonly state = new Map<string, Tensor>();

  protected constructor(
    /** Class name used in messages. */
    readonly kind: string,
    named: ReadonlyMap<string, Tensor>,
    lr: number,
    slots: readonly string[],
  ) {
    checkLr(kind, lr);
    this.lr = lr;
    const seen = new Map<Tensor, string>();
    for (const [name, p] of named) {
      p.assertAlive(`${kind}: parameter "${name}"`);
      if (p.dtype !== "f32" && p.dtype !== "f64") {
        throw new RangeError(`${kind}: parameter "${name}" is ${p.dtype}; expected f32 or f64`);
      }
      if (!p.requiresGrad) {
        throw new RangeError(
          `${kind}: parameter "${name}" does not require grad; leave frozen tensors out ` +
            "(splitParamGroups does)",
        );
      }
      const other = seen.get(p);
      if (other !== undefined) {
        throw new RangeError(
          `${kind}: one tensor is registered as both "${other}" and "${name}"; ` +
            "a shared parameter must appear once",
        );
      }
      seen.set(p, name);
    }
    this.params = new Map(named);
    for (const [name, p] of named) {
      for (const slot of slots) {
        // kept: an optimizer built inside a scope must not lose its state when the scope closes
        const buf = keep(zeros(p.shape, { dtype: p.dtype, device: p.device }));
        this.state.set(`${name}.${slot}`, buf);
      }
    }
  }

  get stepCount(): number {
    return this.steps;
  }

  step(options: StepOptions = {}): void {
    const lr = options.lr ?? this.lr;
    checkLr(this.kind, lr);
    assertFinite(this.params, this.steps + 1, options.loss);
    this.applyStep(lr);
  }

  /**
   * Applies update number stepCount+1 without the non-finite check; for a caller that has
   * already checked a larger parameter set (the combined optimizer).
   */
  applyStep(lr: number): void {
    checkLr(this.kind, lr);
    const t = this.steps + 1;
    noGrad(() => {
      for (const [name, p] of this.params) {
        tidy(() => this.updateParam(name, p, p.grad, lr, t));
      }
    });
    this.steps = t;
  }

  /**
   * Updates one parameter in place (runs inside noGrad and a scope of its own). `g` is null
   * when the parameter got no gradient; `t` is the 1-based update number.
   */
  protected abstract updateParam(
    name: string,
    p: Tensor,
    g: Tensor | null,
    lr: number,
    t: number,
  ): void;

  /** The state tensor `<name>.<slot>`. */
  protected slot(name: string, slot: string): Tensor {
    const s = this.state.get(`${name}.${slot}`);
    if (!s) throw new OptimizerStateError(`${this.kind}: no state "${name}.${slot}"`);
    return s;
  }

  zeroGrad(): void {
    zeroGrads(this.params);
  }

  stateDict(): OptimizerState {
    return { step: this.steps, tensors: new Map(this.state) };
  }

  /** Throws unless `state` holds exactly this optimizer's entries with matching shapes. */
  checkStateDict(state: OptimizerState<Tensor | HostTensor>): void {
    checkStateStep(this.kind, state.step);
    for (const [name, dst] of this.state) {
      checkStateEntry(this.kind, name, dst, state.tensors.get(name));
    }
    for (const name of state.tensors.keys()) {
      if (!this.state.has(name)) {
        throw new OptimizerStateError(
          `${this.kind}.loadStateDict: unexpected state "${name}" (no such parameter or slot)`,
        );
      }
    }
  }

  loadStateDict(state: OptimizerState<Tensor | HostTensor>): void {
    this.checkStateDict(state);
    for (const [name, dst] of this.state) copyStateEntry(dst, state.tensors.get(name)!);
    this.steps = state.step;
  }

  dispose(): void {
    for (const t of this.state.values()) t.dispose();
    this.state.clear();
  }
}
