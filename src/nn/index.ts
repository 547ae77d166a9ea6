export { embed } from "./embedding.ts";
export { linear } from "./linear.ts";
export { rmsNorm } from "./rmsnorm.ts";
export { applyRope, applyRopeTail, type RopeTable, ropeAngles, ropeFrequencies } from "./rope.ts";
export { swiglu } from "./swiglu.ts";
