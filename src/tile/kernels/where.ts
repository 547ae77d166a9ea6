/** where of the kernel vocabulary: out = cond != 0 ? a : b, cond f32 or i32, a/b f32. */

import { select } from "../expr.ts";
import type { DType } from "../ir.ts";
import { type MapLayout, mapBlock, mapKernel, type StridedView, stridedValues } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

export function whereKernel(condType: DType, layout: MapLayout, target: Target) {
  const { block, threads } = mapBlock(target);
  const name = `where_${condType}_${layout}_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [
        { name: "cond", dtype: condType },
        { name: "a", dtype: "f32" },
        { name: "b", dtype: "f32" },
      ],
      out: { name: "out", dtype: "f32" },
      layout,
      block,
      threads,
      fn: ([c, a, b]) => select(c!.ne(0), a!, b!),
    }),
  );
}

/**
 * out = cond ? a : b over `shape`; tensors bind as "cond", "a", "b", "out". Without views all
 * are dense; with views (broadcast dims stride 0) they are read through their strides.
 * cond: [...shape] f32|i32, a, b: [...shape] -> out: [...shape]
 */
export function planWhere(
  target: Target,
  condType: DType,
  shape: readonly number[],
  views?: { cond: StridedView; a: StridedView; b: StridedView },
): Plan {
  const n = shape.reduce((p, d) => p * d, 1);
  checkCounts("where", { n });
  const layout: MapLayout = views ? "strided" : "contiguous";
  const values = views ? stridedValues("where", shape, views) : { n };
  return { kernel: whereKernel(condType, layout, target), values };
}
