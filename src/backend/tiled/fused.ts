/**
 * The fused layers of the vocabulary (RMSNorm and the experts' SwiGLU, forward and backward)
 * on their tile kernels. f32 only; other dtypes decline.
 */
import {
  planRmsNorm,
  planRmsNormDw,
  planRmsNormDx,
  planSwiglu,
  planSwigluBackward,
} from "../../tile/index.ts";
import type { DeviceBuffer } from "../device.ts";
import type { KernelArgs } from "../kernels.ts";
import type { TileRunner } from "./launch.ts";
import { whole } from "./layout.ts";
import { tileSource } from "./source.ts";

const allF32 = (...bufs: (DeviceBuffer | null)[]) => bufs.every((b) => !b || b.dtype === "f32");

export function rmsNormRowsTile(args: KernelArgs["rmsNormRows"], runner: TileRunner): boolean {
  const { x, weight, rows, n, eps, out, rstd } = args;
  if (!allF32(x, weight, out, rstd)) return false;
  if (rows === 0) return true;
  const plan = planRmsNorm(runner.target, rows, n, eps, weight !== null);
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: whole(x, weight, out, rstd),
    values: plan.values,
    cost: 3 * rows * n,
  });
  return true;
}

export function rmsNormRowsBackwardTile(
  args: KernelArgs["rmsNormRowsBackward"],
  runner: TileRunner,
): boolean {
  const { x, weight, rstd, dy, rows, n, dx, dw } = args;
  if (!allF32(x, weight, rstd, dy, dx, dw)) return false;
  if (dw) {
    const dwPlan = planRmsNormDw(runner.target, rows, n);
    runner.launch({
      kernel: tileSource(dwPlan.kernel),
      tensors: whole(x, rstd, dy, dw),
      values: dwPlan.values,
      cost: 3 * rows * n,
    });
  }
  if (rows === 0) return true;
  const plan = planRmsNormDx(runner.target, rows, n, weight !== null);
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: whole(x, weight, rstd, dy, dx),
    values: plan.values,
    cost: 5 * rows * n,
  });
  return true;
}

export function swigluTile(args: KernelArgs["swiglu"], runner: TileRunner): boolean {
  const { gate, up, n, limit, out } = args;
  if (!allF32(gate, up, out)) return false;
  if (n === 0) return true;
  const plan = planSwiglu(runner.target, n, limit);
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: whole(gate, up, out),
    values: plan.values,
    cost: 8 * n,
  });
  return true;
}

export function swigluBackwardTile(
  args: KernelArgs["swigluBackward"],
  runner: TileRunner,
): boolean {
  const { gate, up, dout, n, limit, dgate, dup } = args;
  if (!allF32(gate, up, dout, dgate, dup)) return false;
  if (n === 0) return true;
  const plan = planSwigluBackward(runner.target, n, limit);
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: whole(gate, up, dout, dgate, dup),
    values: plan.values,
    cost: 12 * n,
  });
  return true;
}
