/**
 * Several optimizers over disjoint parameter sets acting as one: one learning rate, one step
 * counter, one state dict, and one non-finite check over all parameters before any of them is
 * updated (so a NaN in an AdamW parameter also leaves every Muon parameter untouched).
 */
import type { Tensor } from "../../tensor/index.ts";
import { OptimizerStateError } from "./errors.ts";
import { assertFinite } from "./finite.ts";
import {
  checkLr,
  type Optimizer,
  type ParamOptimizer,
  type StepOptions,
  zeroGrads,
} from "./optimizer.ts";
import { checkStateStep, type HostTensor, type OptimizerState } from "./state.ts";

export class CombinedOptimizer implements Optimizer {
  readonly params: ReadonlyMap<string, Tensor>;
  lr: number;
  private steps = 0;

  /** `parts` must cover disjoint parameters; their own step counts are reset to this one's. */
  constructor(
    readonly parts: readonly ParamOptimizer[],
    lr: number,
  ) {
    checkLr("CombinedOptimizer", lr);
    this.lr = lr;
    const all = new Map<string, Tensor>();
    for (const part of parts) {
      for (const [name, p] of part.params) {
        if (all.has(name)) {
          throw new RangeError(`CombinedOptimizer: parameter "${name}" is in two optimizers`);
        }
        all.set(name, p);
      }
    }
    this.params = all;
  }

  get stepCount(): number {
    return this.steps;
  }

  step(options: StepOptions = {}): void {
    const lr = options.lr ?? this.lr;
    checkLr("CombinedOptimizer", lr);
    assertFinite(this.params, this.steps + 1, options.loss);
    for (const part of this.parts) part.applyStep(lr);
    this.steps++;
  }

  zeroGrad(): void {
    zeroGrads(this.params);
  }

  stateDict(): OptimizerState {
    const tensors = new Map<string, Tensor>();
    for (const part of this.parts) {
      for (const [name, t] of part.stateDict().tensors) tensors.set(name, t);
    }
    return { step: this.steps, tensors };
  }

  loadStateDict(state: OptimizerState<Tensor | HostTensor>): void {
    checkStateStep("CombinedOptimizer", state.step);
    const owned = this.parts.map((part) => part.stateDict().tensors);
    for (const name of state.tensors.keys()) {
      if (!owned.some((names) => names.has(name))) {
        throw new OptimizerStateError(
          `CombinedOptimizer.loadStateDict: unexpected state "${name}" (no such parameter or slot)`,
        );
      }
    }
    const subsets = owned.map((names) => {
      const tensors = new Map<string, Tensor | HostTensor>();
      for (const name of names.keys()) {
        const t = state.tensors.get(name);
        if (t !== undefined) tensors.set(name, t);
      }
      return { step: state.step, tensors };
    });
    // All parts are checked before any is written, so a bad state dict changes nothing.
    for (const [i, part] of this.parts.entries()) part.checkStateDict(subsets[i]!);
    for (const [i, part] of this.parts.entries()) part.loadStateDict(subsets[i]!);
    this.steps = state.step;
  }

  dispose(): void {
    for (const part of this.parts) part.dispose();
  }
}
