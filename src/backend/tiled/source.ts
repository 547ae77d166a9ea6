/** Tile kernels (traced IR) as sources the devices compile for their own target. */
import { compileWasm, compileWgsl, type Kernel, type WgslOptions } from "../../tile/index.ts";
import type { TargetFeatures, TileKernelSource } from "./launch.ts";

const sources = new WeakMap<Kernel, TileKernelSource>();

/** The WGSL compile options a device with these features uses. */
export function wgslOptions(features: TargetFeatures): WgslOptions {
  return {
    subgroups: features.subgroups,
    f16GemmTiles: features.shaderF16 && features.f16GemmTiles === true,
  };
}

/**
 * The compilable source of a traced kernel (one object per kernel, so caches hit). Its `key`
 * names the kernel only: a cache of WGSL also keys on `wgslOptionsKey(wgslOptions(features))`.
 */
export function tileSource(kernel: Kernel): TileKernelSource {
  let source = sources.get(kernel);
  if (!source) {
    source = {
      key: kernel.name,
      wasm: (features) => compileWasm(kernel, { relaxed: features.relaxedSimd }),
      wgsl: (features) => compileWgsl(kernel, wgslOptions(features)),
    };
    sources.set(kernel, source);
  }
  return source;
}
