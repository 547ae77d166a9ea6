/**
 * Model weights as a flat map from the official checkpoint names (`layers.3.attn.wq_a.weight`,
 * …) to tensors, so that loading and saving DeepSeek-layout checkpoints is a rename-free copy.
 * Linear weights a quantized checkpoint keeps packed (MXFP4 experts, FP8 projections) live in a
 * second map under the same names; a name is in one map or the other, never both.
 */
import type { QuantizedWeight, Weight } from "../nn/index.ts";
import type { Tensor } from "../tensor/index.ts";

export type Params = Map<string, Tensor>;

/** Linear weights held in packed storage, by checkpoint name. */
export type PackedParams = ReadonlyMap<string, QuantizedWeight>;

/** The empty packed map of a model whose weights are all dense tensors. */
export const NO_PACKED: PackedParams = new Map();

export class ModelError extends Error {
  override name = "ModelError";
}

/**
 * Scores that drive a discrete choice (routing, the indexer's top-k) were NaN: the activations
 * diverged. Training treats it like a non-finite loss.
 */
export class NonFiniteActivationError extends ModelError {
  override name = "NonFiniteActivationError";
}

/** Runs a top-k style choice, turning the kernel's NaN rejection into NonFiniteActivationError. */
export function choose<T>(what: string, pick: () => T): T {
  try {
    return pick();
  } catch (err) {
    if (err instanceof RangeError && /NaN/.test(err.message)) {
      throw new NonFiniteActivationError(`${what}: scores contain NaN (${err.message})`);
    }
    throw err;
  }
}

/** The tensor named `name`; a missing one is an error naming it. */
export function param(params: Params, name: string): Tensor {
  const t = params.get(name);
  if (!t) throw new ModelError(`model: missing parameter "${name}"`);
  return t;
}

/** The tensor named `name`, or null when the model has none. */
export function optionalParam(params: Params, name: string): Tensor | null {
  return params.get(name) ?? null;
}

/** The linear weight `name`: the packed one when the model keeps it packed, else the tensor. */
export function weightParam(params: Params, packed: PackedParams, name: string): Weight {
  return packed.get(name) ?? param(params, name);
}
