/**
 * clamp of the kernel vocabulary: out = min(max(x, lo), hi) with either bound optional,
 * written as comparisons so NaN passes through like the reference.
 */
import { select } from "../expr.ts";
import { type MapLayout, mapBlock, mapKernel, type StridedView, stridedValues } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

export function clampKernel(hasLo: boolean, hasHi: boolean, layout: MapLayout, target: Target) {
  const { block, threads } = mapBlock(target);
  const name = `clamp_${hasLo ? "lo" : ""}${hasHi ? "hi" : ""}_${layout}_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [{ name: "x", dtype: "f32" }],
      out: { name: "out", dtype: "f32" },
      scalars: [
        ...(hasLo ? [{ name: "lo", type: "f32" as const }] : []),
        ...(hasHi ? [{ name: "hi", type: "f32" as const }] : []),
      ],
      layout,
      block,
      threads,
      fn: ([x], scalars) => {
        let v = x!;
        let s = 0;
        if (hasLo) {
          const lo = scalars[s++]!;
          v = select(v.lt(lo), lo, v);
        }
        if (hasHi) v = select(v.gt(scalars[s]!), scalars[s]!, v);
        return v;
      },
    }),
  );
}

/**
 * out = clamp(x, lo, hi) over `shape`; tensors bind as "x", "out"; scalars "lo", "hi" (only
 * those given). x: [...shape] (dense, or the view) -> out: [...shape]
 */
export function planClamp(
  target: Target,
  shape: readonly number[],
  lo: number | null,
  hi: number | null,
  x?: StridedView,
): Plan {
  const n = shape.reduce((p, d) => p * d, 1);
  checkCounts("clamp", { n });
  if (lo === null && hi === null) throw new RangeError("clamp: give at least one bound");
  const layout = x ? "strided" : "contiguous";
  const values = x ? stridedValues("clamp", shape, { x }) : { n };
  if (lo !== null) values.lo = lo;
  if (hi !== null) values.hi = hi;
  return { kernel: clampKernel(lo !== null, hi !== null, layout, target), values };
}
