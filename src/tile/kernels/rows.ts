/**
 * Tiling of row kernels (softmax, norms, reductions over the last axis of [rows, n]): a block
 * takes br rows and walks them in chunks of bn columns. GPUs want ~1024 elements per block
 * spread over its threads; CPUs one row per block with chunks that stay in L1. bn is a power of
 * two covering n up to 1024, so a handful of configurations serve every n.
 */
import type { Target } from "./plan.ts";

export interface RowConfig {
  readonly br: number;
  readonly bn: number;
  readonly threads: number;
}

function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The row tiling for rows of length n on a target. */
export function rowConfig(target: Target, n: number): RowConfig {
  const bn = Math.min(1024, pow2AtLeast(Math.max(n, 4)));
  if (target === "wasm") return { br: 1, bn, threads: 256 };
  return { br: Math.min(64, 1024 / bn), bn, threads: 256 };
}
