/**
 * The unary ops of the kernel vocabulary as element-wise maps over f32, written to give the
 * reference kernels' results (backend/cpu/elementwise.ts) including NaN and ±inf handling:
 * relu and sign map NaN to 0, sigmoid and softplus use the forms that neither overflow nor
 * lose small values.
 */
import type { UnaryOp } from "../../backend/kernels.ts";
import {
  abs,
  type Expr,
  exp,
  floor,
  lit,
  log,
  log1p,
  max,
  rsqrt,
  select,
  sqrt,
  tanh,
} from "../expr.ts";
import { type MapLayout, mapBlock, mapKernel, type StridedView, stridedValues } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

/** sigmoid(x) = 1/(1 + e^-x), from e = e^-|x| so the exponential never overflows. */
export function sigmoidOf(x: Expr): Expr {
  const e = exp(abs(x).neg());
  return select(x.ge(0), 1, e).div(e.add(1));
}

export const UNARY_FN: Record<UnaryOp, (x: Expr) => Expr> = {
  neg: (x) => x.neg(),
  exp,
  log,
  log1p,
  sqrt,
  rsqrt,
  abs,
  relu: (x) => select(x.gt(0), x, 0),
  silu: (x) => x.mul(sigmoidOf(x)),
  sigmoid: sigmoidOf,
  softplus: (x) => max(x, 0).add(log1p(exp(abs(x).neg()))),
  tanh,
  sign: (x) => select(x.gt(0), lit(1, "f32"), select(x.lt(0), lit(-1, "f32"), 0)),
  square: (x) => x.mul(x),
  reciprocal: (x) => lit(1, "f32").div(x),
  floor,
};

/** The map kernel of one unary op: x -> out, f32. */
export function unaryKernel(
  op: UnaryOp,
  layout: MapLayout,
  target: Target,
): ReturnType<typeof mapKernel> {
  const { block, threads } = mapBlock(target);
  const name = `unary_${op}_${layout}_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [{ name: "x", dtype: "f32" }],
      out: { name: "out", dtype: "f32" },
      layout,
      block,
      threads,
      fn: ([x]) => UNARY_FN[op](x!),
    }),
  );
}

/**
 * out = op(x) over `shape`; tensors bind as "x" and "out". Without a view x is dense; with one
 * it is read through the view's strides (rank <= 4). out is dense.
 * x: [...shape] -> out: [...shape]
 */
export function planUnary(
  target: Target,
  op: UnaryOp,
  shape: readonly number[],
  x?: StridedView,
): Plan {
  const n = shape.reduce((p, d) => p * d, 1);
  checkCounts(`unary ${op}`, { n });
  if (!x) return { kernel: unaryKernel(op, "contiguous", target), values: { n } };
  return {
    kernel: unaryKernel(op, "strided", target),
    values: stridedValues(`unary ${op}`, shape, { x }),
  };
}
