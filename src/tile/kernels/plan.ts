/**
 * What a host wrapper returns: the traced kernel for the chosen configuration and the
 * run-time values of one call. Tensors bind by the names the kernel declares; each wrapper's
 * doc lists them with their layouts. Kernels are traced once per configuration and memoised.
 */
import type { Kernel } from "../ir.ts";

/** Which compiler a configuration is tuned for (tile sizes differ, semantics do not). */
export type Target = "wasm" | "wgsl";

export interface Plan {
  readonly kernel: Kernel;
  readonly values: Record<string, number>;
}

const traced = new Map<string, Kernel>();

/** The kernel called `name`, tracing it with `build` the first time. */
export function memo(name: string, build: () => Kernel): Kernel {
  let k = traced.get(name);
  if (!k) {
    k = build();
    traced.set(name, k);
  }
  return k;
}

/** Throws unless every value is an integer >= 0, naming the kernel and the value. */
export function checkCounts(what: string, counts: Readonly<Record<string, number>>): void {
  for (const [name, v] of Object.entries(counts)) {
    if (!Number.isInteger(v) || v < 0 || v > 2147483647) {
      throw new RangeError(`${what}: ${name} must be an integer in [0, 2^31), got ${v}`);
    }
  }
}
