/**
 * Fused SwiGLU of the V4 experts (spec §8.3) with its asymmetric clamp:
 *   out = silu(min(gate, limit)) ⊙ clamp(up, -limit, limit)   (limit 0: no clamps),
 * and the backward, with s = sigmoid(g), g = min(gate, limit), u = clamp(up, ...):
 *   dgate = dout·u·s·(1 + g·(1 - s)) where gate <= limit, else 0;
 *   dup   = dout·g·s where -limit <= up <= limit, else 0
 * (gradients flow on the closed interval, as the clamp op's backward does).
 */
import { type Expr, lit, select } from "../expr.ts";
import { mapBlock, mapKernel } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { sigmoidOf } from "./unary.ts";

function clamped(gate: Expr, up: Expr, limit: Expr): { g: Expr; u: Expr } {
  const on = limit.gt(0);
  return {
    g: select(on.and(gate.gt(limit)), limit, gate),
    u: select(on.and(up.gt(limit)), limit, select(on.and(up.lt(limit.neg())), limit.neg(), up)),
  };
}

export function swigluKernel(target: Target) {
  const { block, threads } = mapBlock(target);
  const name = `swiglu_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [
        { name: "gate", dtype: "f32" },
        { name: "up", dtype: "f32" },
      ],
      out: { name: "out", dtype: "f32" },
      scalars: [{ name: "limit", type: "f32" }],
      layout: "contiguous",
      block,
      threads,
      fn: ([gate, up], [limit]) => {
        const { g, u } = clamped(gate!, up!, limit!);
        return g.mul(sigmoidOf(g)).mul(u);
      },
    }),
  );
}

export function swigluBackwardKernel(target: Target) {
  const { block, threads } = mapBlock(target);
  const name = `swigluBackward_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [
        { name: "gate", dtype: "f32" },
        { name: "up", dtype: "f32" },
        { name: "dout", dtype: "f32" },
      ],
      out: { name: "dgate", dtype: "f32" },
      extraOuts: [{ name: "dup", dtype: "f32" }],
      scalars: [{ name: "limit", type: "f32" }],
      layout: "contiguous",
      block,
      threads,
      fn: ([gate, up, dout], [limit]) => {
        const { g, u } = clamped(gate!, up!, limit!);
        const on = limit!.gt(0);
        const s = sigmoidOf(g);
        const dsilu = s.mul(g.mul(lit(1, "f32").sub(s)).add(1));
        const gateFlows = on.not().or(gate!.le(limit!));
        const upFlows = on.not().or(up!.ge(limit!.neg()).and(up!.le(limit!)));
        return [
          select(gateFlows, dout!.mul(u).mul(dsilu), 0),
          select(upFlows, dout!.mul(g).mul(s), 0),
        ];
      },
    }),
  );
}

/** SwiGLU over n elements; tensors "gate", "up" -> "out" (all [n]); scalar "limit" (0 = off). */
export function planSwiglu(target: Target, n: number, limit: number): Plan {
  checkCounts("swiglu", { n });
  if (!(limit >= 0)) throw new RangeError(`swiglu: limit ${limit} must be >= 0 (0 = no clamp)`);
  return { kernel: swigluKernel(target), values: { n, limit } };
}

/** SwiGLU backward; tensors "gate", "up", "dout" -> "dgate", "dup" (all [n]); scalar "limit". */
export function planSwigluBackward(target: Target, n: number, limit: number): Plan {
  checkCounts("swigluBackward", { n });
  if (!(limit >= 0)) throw new RangeError(`swiglu: limit ${limit} must be >= 0 (0 = no clamp)`);
  return { kernel: swigluBackwardKernel(target), values: { n, limit } };
}
