/**
 * Auxiliary-loss-free load balancing (spec §8.4): after each step, every learned-routing
 * block's selection bias moves a fixed step toward equal load — up for experts that received
 * fewer tokens than the mean, down for those that received more.
 */
import { noGrad, tensor } from "../tensor/index.ts";
import type { Model } from "./model.ts";
import { optionalParam } from "./params.ts";

/** loads: tokens per expert of each block, decoder layers then MTP blocks (forward's order). */
export function updateRoutingBias(model: Model, loads: readonly Int32Array[], speed: number): void {
  const plans = [...model.schedule.layers, ...model.schedule.mtp];
  noGrad(() => {
    plans.forEach((plan, i) => {
      const bias = optionalParam(model.params, `${plan.prefix}.ffn.gate.bias`);
      const load = loads[i];
      if (plan.routing === "hash" || !bias || !load) return;
      const mean = load.reduce((p, c) => p + c, 0) / load.length;
      const values = bias.toArray();
      for (let e = 0; e < load.length; e++) values[e]! += speed * Math.sign(mean - load[e]!);
      const next = tensor(values, bias.shape, { device: bias.device });
      bias.assign(next);
      next.dispose();
    });
  });
}

/** max/mean tokens per expert of one block: 1 is perfect balance. */
export function loadImbalance(load: Int32Array): number {
  const mean = load.reduce((p, c) => p + c, 0) / load.length;
  return mean > 0 ? Math.max(...load) / mean : 1;
}
