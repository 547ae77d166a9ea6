/**
 * Element-wise vocabulary kernels (fill, copy, unary, clamp, binary, where) on the tile map
 * kernels. Views are collapsed first (dims that are contiguous in every operand merge), so most
 * tensors become one dense run and take the contiguous kernel; the rest take the strided
 * kernel, which reads up to four dims through per-operand strides (zero for broadcast dims).
 *
 * On the CPU the strided kernels and copies decline: the reference kernels walk views with a
 * tight inner loop per row and measured 1.5-4x faster than the per-element index arithmetic
 * of the strided WASM kernel (1M elements, 2 threads), so the device keeps them there.
 */
import {
  type Kernel,
  type Plan,
  planBinary,
  planClamp,
  planCopy,
  planFill,
  planUnary,
  planWhere,
} from "../../tile/index.ts";
import { collapse } from "../cpu/strided.ts";
import type { DType } from "../dtype.ts";
import type { KernelArgs, View } from "../kernels.ts";
import { intBinaryKernel, intWhereKernel } from "./int-kernels.ts";
import type { Binding, TileLaunch, TileRunner } from "./launch.ts";
import { tileSource } from "./source.ts";

/** The most dims the strided map kernels take. */
const MAX_RANK = 4;

/** Operands collapsed together: the common shape and each operand's strides. */
export interface Collapsed {
  readonly shape: readonly number[];
  readonly strides: readonly (readonly number[])[];
  /** Whether every operand is one dense run in element order. */
  readonly dense: boolean;
}

/** Collapses views of one shape (plus a dense output); null when more than 4 dims remain. */
export function collapseViews(shape: readonly number[], views: readonly View[]): Collapsed | null {
  const walk = collapse(shape, [...views.map((v) => v.strides), dense(shape)]);
  if (walk.shape.length > MAX_RANK) return null;
  const strides = walk.strides.slice(0, views.length);
  const oneRun = walk.shape.length === 1 && strides.every((s) => s[0] === 1 || walk.shape[0] === 1);
  return { shape: walk.shape, strides, dense: oneRun };
}

/** Row-major strides of a dense tensor of `shape`. */
export function dense(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

function launchPlan(runner: TileRunner, plan: Plan, tensors: Binding[]): void {
  const launch: TileLaunch = { kernel: tileSource(plan.kernel), tensors, values: plan.values };
  runner.launch(launch);
}

const allOf = (views: readonly View[], dtype: DType) =>
  views.every((v) => v.buffer.dtype === dtype);

/** Whether a strided launch should be left to the reference kernels (on the CPU). */
const cpuStrided = (runner: TileRunner, c: Collapsed) => runner.target === "wasm" && !c.dense;

/** out = op(x): f32 only. */
export function unaryTile(args: KernelArgs["unary"], runner: TileRunner): boolean {
  const { op, x, out } = args;
  if (!allOf([x], "f32") || out.dtype !== "f32") return false;
  const c = collapseViews(x.shape, [x]);
  if (!c || cpuStrided(runner, c)) return false;
  const plan = c.dense
    ? planUnary(runner.target, op, c.shape)
    : planUnary(runner.target, op, c.shape, { shape: c.shape, strides: c.strides[0]! });
  launchPlan(runner, plan, [
    { buffer: x.buffer, offset: x.offset },
    { buffer: out, offset: 0 },
  ]);
  return true;
}

/**
 * out = a op b, a and b broadcast to out's shape: f32 in and out, or f32 in and an i32 mask
 * out for comparisons (computed as f32 0/1, then converted, which is exact).
 */
export function binaryTile(args: KernelArgs["binary"], runner: TileRunner): boolean {
  const { op, a, b, out } = args;
  if (allOf([a, b], "i32") && out.dtype === "i32") {
    const kernel = intBinaryKernel(op);
    return kernel !== null && intMap(runner, kernel, { a, b }, out);
  }
  if (!allOf([a, b], "f32")) return false;
  if (out.dtype === "i32") {
    if (!COMPARISONS.has(op)) return false;
    const mask = runner.temp("f32", out.length);
    if (!binaryTile({ op, a, b, out: mask }, runner)) return false;
    const all = { shape: [out.length], strides: [1], offset: 0 };
    return copyTile({ src: { ...all, buffer: mask }, dst: { ...all, buffer: out } }, runner);
  }
  const c = collapseViews(a.shape, [a, b]);
  if (!c || cpuStrided(runner, c)) return false;
  const views = {
    a: { shape: c.shape, strides: c.strides[0]! },
    b: { shape: c.shape, strides: c.strides[1]! },
  };
  const plan = c.dense
    ? planBinary(runner.target, op, c.shape)
    : planBinary(runner.target, op, c.shape, views);
  launchPlan(runner, plan, [
    { buffer: a.buffer, offset: a.offset },
    { buffer: b.buffer, offset: b.offset },
    { buffer: out, offset: 0 },
  ]);
  return true;
}

const COMPARISONS = new Set(["eq", "ne", "lt", "le", "gt", "ge"]);

/**
 * out = value. On the GPU a fill is a kernel; on the CPU the reference fill (a memset) is
 * already as fast as memory allows, so the tile version declines there.
 */
export function fillTile(args: KernelArgs["fill"], runner: TileRunner): boolean {
  const { out, value } = args;
  if (runner.target === "wasm" || out.dtype === "f64") return false;
  if (out.dtype === "i32" && !Number.isInteger(value)) return false;
  launchPlan(runner, planFill(runner.target, out.dtype, out.length, value), [
    { buffer: out, offset: 0 },
  ]);
  return true;
}

/**
 * dst = src between views of one shape, converting between f32 and i32. Within one buffer the
 * views may overlap, and the threads of one launch would race on the shared elements, so the
 * copy goes through a scratch buffer.
 */
export function copyTile(args: KernelArgs["copy"], runner: TileRunner): boolean {
  const { src, dst } = args;
  const from = src.buffer.dtype;
  const to = dst.buffer.dtype;
  if (runner.target === "wasm" || from === "f64" || to === "f64") return false;
  if (src.buffer === dst.buffer) {
    const count = src.shape.reduce((p, d) => p * d, 1);
    const temp = runner.temp(from, count);
    const packed = { buffer: temp, shape: src.shape, strides: dense(src.shape), offset: 0 };
    return copyTile({ src, dst: packed }, runner) && copyTile({ src: packed, dst }, runner);
  }
  const c = collapseViews(src.shape, [src, dst]);
  if (!c) return false;
  const view = (i: number) => ({ shape: c.shape, strides: c.strides[i]! });
  launchPlan(runner, planCopy(runner.target, from, to, c.shape, view(0), view(1)), [
    { buffer: src.buffer, offset: src.offset },
    { buffer: dst.buffer, offset: dst.offset },
  ]);
  return true;
}

/** out = clamp(x, lo, hi): f32. */
export function clampTile(args: KernelArgs["clamp"], runner: TileRunner): boolean {
  const { x, out, lo, hi } = args;
  if (!allOf([x], "f32") || out.dtype !== "f32") return false;
  if (lo === null && hi === null) {
    return copyTile(
      { src: x, dst: { buffer: out, shape: x.shape, strides: dense(x.shape), offset: 0 } },
      runner,
    );
  }
  const c = collapseViews(x.shape, [x]);
  if (!c || cpuStrided(runner, c)) return false;
  const plan = c.dense
    ? planClamp(runner.target, c.shape, lo, hi)
    : planClamp(runner.target, c.shape, lo, hi, { shape: c.shape, strides: c.strides[0]! });
  launchPlan(runner, plan, [
    { buffer: x.buffer, offset: x.offset },
    { buffer: out, offset: 0 },
  ]);
  return true;
}

/** out = cond != 0 ? a : b: cond f32 or i32, a and b f32. */
export function whereTile(args: KernelArgs["where"], runner: TileRunner): boolean {
  const { cond, a, b, out } = args;
  if (allOf([cond, a, b], "i32") && out.dtype === "i32") {
    return intMap(runner, intWhereKernel(), { cond, a, b }, out);
  }
  const condType = cond.buffer.dtype;
  if (condType === "f64" || !allOf([a, b], "f32") || out.dtype !== "f32") return false;
  const c = collapseViews(a.shape, [cond, a, b]);
  if (!c || cpuStrided(runner, c)) return false;
  const view = (i: number) => ({ shape: c.shape, strides: c.strides[i]! });
  const plan = c.dense
    ? planWhere(runner.target, condType, c.shape)
    : planWhere(runner.target, condType, c.shape, { cond: view(0), a: view(1), b: view(2) });
  launchPlan(runner, plan, [
    { buffer: cond.buffer, offset: cond.offset },
    { buffer: a.buffer, offset: a.offset },
    { buffer: b.buffer, offset: b.offset },
    { buffer: out, offset: 0 },
  ]);
  return true;
}

/**
 * An i32 map on the GPU (the CPU keeps the reference): views collapsed and padded to rank 4,
 * each read through its strides from its offset.
 */
function intMap(
  runner: TileRunner,
  kernel: Kernel,
  views: Readonly<Record<string, View>>,
  out: View["buffer"],
): boolean {
  const names = Object.keys(views);
  const list = Object.values(views);
  const c = runner.target === "wgsl" ? collapseViews(list[0]!.shape, list) : null;
  if (!c) return false;
  const pad = 4 - c.shape.length;
  const dims = [...Array<number>(pad).fill(1), ...c.shape];
  const values: Record<string, number> = { n: out.length };
  dims.forEach((d, i) => {
    values[`D${i}`] = d;
  });
  names.forEach((name, k) => {
    const strides = [...Array<number>(pad).fill(0), ...c.strides[k]!];
    strides.forEach((s, i) => {
      values[`${name}S${i}`] = s;
    });
    // Elements from the view's offset to its furthest element, inclusive.
    const extent = dims.some((d) => d === 0)
      ? 0
      : 1 + dims.reduce((p, d, i) => p + (d - 1) * strides[i]!, 0);
    values[`${name}Len`] = extent;
  });
  const tensors = list.map((v) => ({ buffer: v.buffer, offset: v.offset }));
  runner.launch({
    kernel: tileSource(kernel),
    tensors: [...tensors, { buffer: out, offset: 0 }],
    values,
  });
  return true;
}
