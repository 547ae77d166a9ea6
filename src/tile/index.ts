/**
 * The tile DSL: kernels written once at tile level and compiled to WGSL (WebGPU) and WASM SIMD
 * (CPUs), with an interpreter defining the semantics. See DESIGN.md ("The tile DSL").
 *
 * Build: `defineKernel(name, (k) => { ... })` traces a kernel (builder.ts).
 * Run: `interpret` (reference), `compileWgsl` / `compileWasm` (the contract in target.ts).
 * Kernels: `kernels/*` host wrappers (`planX`) choose a configuration per target and return
 * the kernel with its run-time values.
 */
export { defineKernel, type KernelBuilder, type KernelOptions } from "./builder.ts";
export { signatureOf } from "./codegen/signature.ts";
export { TileError } from "./errors.ts";
export * from "./expr.ts";
export { type HostArray, interpret } from "./interpret.ts";
export type { DType, Kernel, ReduceOp } from "./ir.ts";
export { planArgmaxRows } from "./kernels/argmax-rows.ts";
export { type AttentionShape, planAttention } from "./kernels/attention.ts";
export {
  planAttentionDelta,
  planAttentionDkv,
  planAttentionDq,
} from "./kernels/attention-backward.ts";
export { planBinary } from "./kernels/binary.ts";
export { planClamp } from "./kernels/clamp.ts";
export { planCopy } from "./kernels/copy.ts";
export { planFill } from "./kernels/fill.ts";
export { type GroupedGemmShape, planGroupedGemm } from "./kernels/grouped-gemm.ts";
export type { StridedView } from "./kernels/map.ts";
export {
  type MatmulConfig,
  type MatmulShape,
  matmulConfig,
  matmulKernel,
  planMatmul,
} from "./kernels/matmul.ts";
export type { Plan, Target } from "./kernels/plan.ts";
export { planReduceRows } from "./kernels/reduce-rows.ts";
export { planRmsNorm } from "./kernels/rmsnorm.ts";
export { planRmsNormDw, planRmsNormDx } from "./kernels/rmsnorm-backward.ts";
export { planLogsumexp, planSoftmax } from "./kernels/softmax.ts";
export { planSwiglu, planSwigluBackward } from "./kernels/swiglu.ts";
export { planTopk } from "./kernels/topk.ts";
export { planUnary } from "./kernels/unary.ts";
export { planWhere } from "./kernels/where.ts";
export type { LocalRef, TensorRef, TensorWindow, TileRef } from "./refs.ts";
export {
  type CompiledWasm,
  type CompiledWgsl,
  type KernelSignature,
  packUniforms,
  type RuntimeValues,
  type UniformField,
  type WasmParam,
  type WgslBinding,
  type WgslOptions,
} from "./target.ts";
export { loadWasmCompiler } from "./wasm/binaryen.ts";
export { compileWasm, wasmText } from "./wasm/compile.ts";
export {
  enableRelaxedSimd,
  preferOptimizedWasm,
  relaxedSimdSupported,
  simdSupported,
} from "./wasm/features.ts";
export { WasmRunner } from "./wasm/single-thread.ts";
export { compileWgsl, wgslOptionsKey } from "./wgsl/compile.ts";
