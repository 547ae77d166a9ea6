/**
 * The vocabulary's gather and scatter kernels (indexSelect, gather, indexAdd, scatterAdd) on
 * the GPU, through the kernels of index-kernels.ts. The CPU keeps its reference kernels: they
 * are memory-bound loops already, and they reject out-of-range indices, which a GPU kernel
 * cannot report.
 */
import type { Kernel } from "../../tile/index.ts";
import type { DeviceBuffer } from "../device.ts";
import type { KernelArgs } from "../kernels.ts";
import { gatherKernel, scatterAddKernel } from "./index-kernels.ts";
import type { TileRunner } from "./launch.ts";
import { tileSource } from "./source.ts";

type Sizes = { outer: number; n: number; inner: number; m: number };

function launch(
  runner: TileRunner,
  kernel: Kernel,
  tensors: readonly DeviceBuffer[],
  s: Sizes,
  cost: number,
): true {
  runner.launch({
    kernel: tileSource(kernel),
    tensors: tensors.map((buffer) => ({ buffer, offset: 0 })),
    values: { outer: s.outer, n: s.n, inner: s.inner, m: s.m },
    cost,
  });
  return true;
}

const gpuOnly = (runner: TileRunner, index: DeviceBuffer) =>
  runner.target === "wgsl" && index.dtype === "i32";

export function indexSelectTile(args: KernelArgs["indexSelect"], runner: TileRunner): boolean {
  const { x, index, out } = args;
  if (!gpuOnly(runner, index) || x.dtype === "f64" || x.dtype !== out.dtype) return false;
  const kernel = gatherKernel(x.dtype, false);
  return launch(runner, kernel, [x, index, out], args, args.outer * args.m * args.inner);
}

export function gatherTile(args: KernelArgs["gather"], runner: TileRunner): boolean {
  const { x, index, out } = args;
  if (!gpuOnly(runner, index) || x.dtype === "f64" || x.dtype !== out.dtype) return false;
  const kernel = gatherKernel(x.dtype, true);
  return launch(runner, kernel, [x, index, out], args, args.outer * args.m * args.inner);
}

export function indexAddTile(args: KernelArgs["indexAdd"], runner: TileRunner): boolean {
  const { src, index, out } = args;
  if (!gpuOnly(runner, index) || src.dtype !== "f32" || out.dtype !== "f32") return false;
  const kernel = scatterAddKernel(false);
  return launch(runner, kernel, [src, index, out], args, args.outer * args.m * args.inner);
}

export function scatterAddTile(args: KernelArgs["scatterAdd"], runner: TileRunner): boolean {
  const { src, index, out } = args;
  if (!gpuOnly(runner, index) || src.dtype !== "f32" || out.dtype !== "f32") return false;
  const kernel = scatterAddKernel(true);
  return launch(runner, kernel, [src, index, out], args, args.outer * args.m * args.inner);
}
