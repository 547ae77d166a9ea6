/**
 * Errors of the optimizers. A NonFiniteError means the step was refused before anything was
 * written: weights and optimizer state are exactly as they were, so the trainer can report it,
 * drop the batch (zeroGrad) and carry on, or stop.
 */

/** What was found non-finite: the loss, or one element of one parameter's gradient. */
export interface NonFiniteHit {
  /** Parameter name, or null when the loss itself was non-finite. */
  readonly param: string | null;
  /** Row-major index of the first non-finite gradient element (-1 for the loss). */
  readonly index: number;
  /** The offending value: NaN, Infinity or -Infinity. */
  readonly value: number;
}

/** A step refused because the loss or a gradient was NaN or infinite. */
export class NonFiniteError extends Error {
  override name = "NonFiniteError";
  readonly param: string | null;
  readonly index: number;
  readonly value: number;

  /** `step` is the 1-based number of the update that was refused. */
  constructor(
    readonly step: number,
    hit: NonFiniteHit,
  ) {
    const what =
      hit.param === null
        ? `loss is ${hit.value}`
        : `gradient of "${hit.param}" is ${hit.value} at element ${hit.index}`;
    super(
      `optimizer step ${step}: ${what}; the step was skipped and weights and optimizer state ` +
        "are unchanged",
    );
    this.param = hit.param;
    this.index = hit.index;
    this.value = hit.value;
  }
}

/** A state dict that does not fit the optimizer it is loaded into. */
export class OptimizerStateError extends Error {
  override name = "OptimizerStateError";
}
