export type { DType, TypedArray } from "../backend/index.ts";
export type { GradNode } from "./autograd.ts";
export { backward, isGradEnabled, noGrad } from "./autograd.ts";
export * from "./create.ts";
export { defaultDevice, setDefaultDevice } from "./device-registry.ts";
export * from "./errors.ts";
export { type SinkAttention, sinkAttention } from "./ops/attention.ts";
export { type CustomOp, defineOp } from "./ops/custom.ts";
export * from "./ops/elementwise.ts";
export { rmsNormLastAxis, swigluClamped } from "./ops/fused.ts";
export { embedding, gather, indexAdd, indexSelect, scatterAdd } from "./ops/indexing.ts";
export { concat, split, stack } from "./ops/join.ts";
export { type CrossEntropyOptions, crossEntropy } from "./ops/loss.ts";
export { matmul } from "./ops/matmul.ts";
export {
  argmax,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  softmax,
  sum,
  sumTo,
} from "./ops/reduce.ts";
export { type TopK, topk } from "./ops/topk.ts";
export {
  clone,
  contiguous,
  expand,
  flatten,
  permute,
  reshape,
  slice,
  squeeze,
  transpose,
  unsqueeze,
} from "./ops/views.ts";
export { Rng } from "./random.ts";
export { keep, scopeDepth, tidy } from "./scope.ts";
export * from "./shape.ts";
export { Storage, Tensor } from "./tensor.ts";
