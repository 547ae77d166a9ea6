/**
 * copy of the kernel vocabulary: a strided view into another strided view of the same shape,
 * converting f32 <-> i32 (f32 -> i32 truncates toward zero, as the reference does).
 */
import { toF32, toI32 } from "../expr.ts";
import type { DType } from "../ir.ts";
import { mapBlock, mapKernel, type StridedView, stridedValues } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

export function copyKernel(from: DType, to: DType, target: Target) {
  const { block, threads } = mapBlock(target);
  const name = `copy_${from}_${to}_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [{ name: "src", dtype: from }],
      out: { name: "dst", dtype: to },
      layout: "strided",
      stridedOut: true,
      block,
      threads,
      fn: ([x]) => (to === "f32" ? toF32(x!) : toI32(x!)),
    }),
  );
}

/**
 * dst = src element-wise over `shape`; tensors bind as "src" and "dst", both read and written
 * through their views (rank <= 4, strides >= 0).
 * src: [...shape] -> dst: [...shape]
 */
export function planCopy(
  target: Target,
  from: DType,
  to: DType,
  shape: readonly number[],
  src: StridedView,
  dst: StridedView,
): Plan {
  checkCounts("copy", { n: shape.reduce((p, d) => p * d, 1) });
  return {
    kernel: copyKernel(from, to, target),
    values: stridedValues("copy", shape, { src, dst }),
  };
}
