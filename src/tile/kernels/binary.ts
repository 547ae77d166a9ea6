/**
 * The binary ops of the kernel vocabulary as element-wise maps over f32. Comparisons give
 * 1 or 0; min and max propagate NaN like the reference; pow follows JavaScript's `**`.
 */
import type { BinaryOp } from "../../backend/kernels.ts";
import { type Expr, lit, max, min, select } from "../expr.ts";
import { type MapLayout, mapBlock, mapKernel, type StridedView, stridedValues } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

const flag = (c: Expr): Expr => select(c, lit(1, "f32"), 0);

export const BINARY_FN: Record<BinaryOp, (a: Expr, b: Expr) => Expr> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  pow: (a, b) => a.pow(b),
  min,
  max,
  eq: (a, b) => flag(a.eq(b)),
  ne: (a, b) => flag(a.ne(b)),
  lt: (a, b) => flag(a.lt(b)),
  le: (a, b) => flag(a.le(b)),
  gt: (a, b) => flag(a.gt(b)),
  ge: (a, b) => flag(a.ge(b)),
};

export function binaryKernel(
  op: BinaryOp,
  layout: MapLayout,
  target: Target,
): ReturnType<typeof mapKernel> {
  const { block, threads } = mapBlock(target);
  const name = `binary_${op}_${layout}_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [
        { name: "a", dtype: "f32" },
        { name: "b", dtype: "f32" },
      ],
      out: { name: "out", dtype: "f32" },
      layout,
      block,
      threads,
      fn: ([a, b]) => BINARY_FN[op](a!, b!),
    }),
  );
}

/**
 * out = a op b over `shape`; tensors bind as "a", "b", "out". Without views a and b are dense;
 * with views (broadcast dims have stride 0, rank <= 4) they are read through their strides.
 * a: [...shape], b: [...shape] -> out: [...shape]
 */
export function planBinary(
  target: Target,
  op: BinaryOp,
  shape: readonly number[],
  views?: { a: StridedView; b: StridedView },
): Plan {
  const n = shape.reduce((p, d) => p * d, 1);
  checkCounts(`binary ${op}`, { n });
  if (!views) return { kernel: binaryKernel(op, "contiguous", target), values: { n } };
  return {
    kernel: binaryKernel(op, "strided", target),
    values: stridedValues(`binary ${op}`, shape, views),
  };
}
