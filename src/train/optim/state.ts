/**
 * Optimizer state for checkpoints: the step count and one tensor per (parameter, slot), named
 * `<param>.<slot>` (`.exp_avg`, `.exp_avg_sq`, `.momentum_buffer`). Restoring copies the exact
 * bits back, so a resumed run continues bit for bit.
 */
import { dtypeOfArray } from "../../backend/index.ts";
import type { TypedArray } from "../../tensor/index.ts";
import { sameShape, shapeStr, Tensor } from "../../tensor/index.ts";
import { OptimizerStateError } from "./errors.ts";

/** A tensor's contents on the host, row-major. */
export interface HostTensor {
  readonly data: TypedArray;
  readonly shape: readonly number[];
}

/** Step count and named state tensors (device tensors, or host copies of them). */
export interface OptimizerState<T extends Tensor | HostTensor = Tensor> {
  /** Number of updates applied so far. */
  readonly step: number;
  readonly tensors: ReadonlyMap<string, T>;
}

/** Host copies of every state tensor, e.g. to write a checkpoint. */
export function stateToHost(state: OptimizerState): OptimizerState<HostTensor> {
  const tensors = new Map<string, HostTensor>();
  for (const [name, t] of state.tensors) {
    tensors.set(name, { data: t.toArray(), shape: [...t.shape] });
  }
  return { step: state.step, tensors };
}

/** Throws unless `src` can be copied into `dst` exactly (same shape, same dtype). */
export function checkStateEntry(
  owner: string,
  name: string,
  dst: Tensor,
  src: Tensor | HostTensor | undefined,
): void {
  if (src === undefined) {
    throw new OptimizerStateError(`${owner}.loadStateDict: state "${name}" is missing`);
  }
  const isTensor = src instanceof Tensor;
  const dtype = isTensor ? src.dtype : dtypeOfArray(src.data);
  if (!sameShape(src.shape, dst.shape) || dtype !== dst.dtype) {
    throw new OptimizerStateError(
      `${owner}.loadStateDict: state "${name}" is ${shapeStr(src.shape)} ${dtype}, ` +
        `expected ${shapeStr(dst.shape)} ${dst.dtype}`,
    );
  }
  if (!isTensor && src.data.length !== dst.size) {
    throw new OptimizerStateError(
      `${owner}.loadStateDict: state "${name}" holds ${src.data.length} values, ` +
        `expected ${dst.size} for ${shapeStr(dst.shape)}`,
    );
  }
}

/** Copies a checked state entry into `dst`'s memory. */
export function copyStateEntry(dst: Tensor, src: Tensor | HostTensor): void {
  if (src instanceof Tensor) {
    dst.assign(src);
    return;
  }
  const t = Tensor.fromBuffer(dst.device.upload(src.data), dst.shape);
  dst.assign(t);
  t.dispose();
}

/** Throws unless `step` is a valid step count. */
export function checkStateStep(owner: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) {
    throw new OptimizerStateError(
      `${owner}.loadStateDict: step must be an integer >= 0, got ${step}`,
    );
  }
}
