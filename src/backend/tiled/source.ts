/** Tile kernels (traced IR) as sources the devices compile for their own target. */
import { compileWasm, compileWgsl, type Kernel } from "../../tile/index.ts";
import type { TileKernelSource } from "./launch.ts";

const sources = new WeakMap<Kernel, TileKernelSource>();

/** The compilable source of a traced kernel (one object per kernel, so caches hit). */
export function tileSource(kernel: Kernel): TileKernelSource {
  let source = sources.get(kernel);
  if (!source) {
    source = {
      key: kernel.name,
      wasm: (features) => compileWasm(kernel, { relaxed: features.relaxedSimd }),
      wgsl: () => compileWgsl(kernel),
    };
    sources.set(kernel, source);
  }
  return source;
}
