export { embed } from "./embedding.ts";
export { linear, type Weight } from "./linear.ts";
export { quantKernel, quantLinear, type WeightRows } from "./quant-linear.ts";
export {
  bytesToWords,
  dequantizeWeight,
  fp8BlockWeight,
  mxfp4Weight,
  QuantizedWeight,
  type QuantLayout,
  quantizedToHost,
  wordsToBytes,
} from "./quantized-weight.ts";
export { rmsNorm } from "./rmsnorm.ts";
export { applyRope, applyRopeTail, type RopeTable, ropeAngles, ropeFrequencies } from "./rope.ts";
export { swiglu } from "./swiglu.ts";
