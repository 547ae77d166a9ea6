export { AdamW, type AdamWOptions, V4_ADAMW_EPS } from "./adamw.ts";
export { clipGradNorm, gradNorm } from "./clip.ts";
export { CombinedOptimizer } from "./combined.ts";
export { type CreateOptimizerOptions, createOptimizer } from "./create.ts";
export { NonFiniteError, type NonFiniteHit, OptimizerStateError } from "./errors.ts";
export { assertFinite, findNonFinite } from "./finite.ts";
export { Muon, type MuonOptions } from "./muon.ts";
export {
  type NewtonSchulzOptions,
  type NsPhase,
  newtonSchulz,
  V4_NS_SCHEDULE,
} from "./newton-schulz.ts";
export {
  checkLr,
  type Optimizer,
  ParamOptimizer,
  type StepOptions,
  zeroGrads,
} from "./optimizer.ts";
export {
  adamwReason,
  type ParamGroups,
  type SplitOptions,
  splitParamGroups,
} from "./param-groups.ts";
export { type LrSchedule, lrAt } from "./schedule.ts";
export { type HostTensor, type OptimizerState, stateToHost } from "./state.ts";
