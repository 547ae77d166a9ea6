/**
 * Row kernels of the vocabulary (reductions, arg-max, softmax, log-sum-exp over the last axis
 * of a contiguous [rows, n] matrix, top-k) on the tile row kernels. f32 only; other dtypes
 * decline.
 */
import {
  type Plan,
  planArgmaxRows,
  planLogsumexp,
  planReduceRows,
  planSoftmax,
  planTopk,
} from "../../tile/index.ts";
import type { DeviceBuffer } from "../device.ts";
import type { KernelArgs } from "../kernels.ts";
import { intReduceRowsKernel } from "./int-kernels.ts";
import type { TileRunner } from "./launch.ts";
import { tileSource } from "./source.ts";

function launchRows(runner: TileRunner, plan: Plan, x: DeviceBuffer, out: DeviceBuffer): true {
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: [
      { buffer: x, offset: 0 },
      { buffer: out, offset: 0 },
    ],
    values: plan.values,
  });
  return true;
}

export function reduceRowsTile(args: KernelArgs["reduceRows"], runner: TileRunner): boolean {
  const { op, x, rows, n, out } = args;
  if (x.dtype === "i32" && out.dtype === "i32" && runner.target === "wgsl") {
    const kernel = intReduceRowsKernel(op);
    launchRows(runner, { kernel, values: { rows, n } }, x, out);
    return true;
  }
  if (x.dtype !== "f32" || out.dtype !== "f32") return false;
  return launchRows(runner, planReduceRows(runner.target, op, rows, n), x, out);
}

export function argmaxRowsTile(args: KernelArgs["argmaxRows"], runner: TileRunner): boolean {
  const { x, rows, n, out } = args;
  if (x.dtype !== "f32" || out.dtype !== "i32") return false;
  return launchRows(runner, planArgmaxRows(runner.target, rows, n), x, out);
}

export function softmaxRowsTile(args: KernelArgs["softmaxRows"], runner: TileRunner): boolean {
  const { x, rows, n, out, log } = args;
  if (x.dtype !== "f32" || out.dtype !== "f32") return false;
  return launchRows(runner, planSoftmax(runner.target, rows, n, log), x, out);
}

export function logsumexpRowsTile(args: KernelArgs["logsumexpRows"], runner: TileRunner): boolean {
  const { x, rows, n, out } = args;
  if (x.dtype !== "f32" || out.dtype !== "f32") return false;
  return launchRows(runner, planLogsumexp(runner.target, rows, n), x, out);
}

/**
 * Top-k on the GPU. The CPU keeps the reference kernel: its insertion selection is O(n) per row
 * for the usual case against the tile kernel's O(n·k) rounds, and it rejects NaN rows, which
 * the tile kernel cannot report.
 */
export function topkRowsTile(args: KernelArgs["topkRows"], runner: TileRunner): boolean {
  const { x, rows, n, k, values, indices } = args;
  if (runner.target === "wasm" || x.dtype !== "f32" || values.dtype !== "f32") return false;
  if (rows === 0 || k === 0) return true;
  const plan = planTopk(runner.target, rows, n, k);
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: [
      { buffer: x, offset: 0 },
      { buffer: values, offset: 0 },
      { buffer: indices, offset: 0 },
    ],
    values: plan.values,
  });
  return true;
}
