/**
 * Model weights as a flat map from the official checkpoint names (`layers.3.attn.wq_a.weight`,
 * …) to tensors, so that loading and saving DeepSeek-layout checkpoints is a rename-free copy.
 */
import type { Tensor } from "../tensor/index.ts";

export type Params = Map<string, Tensor>;

export class ModelError extends Error {
  override name = "ModelError";
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
