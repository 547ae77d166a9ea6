/** fill of the kernel vocabulary: out[i] = value for n elements of f32 or i32. */
import type { DType } from "../ir.ts";
import { mapBlock, mapKernel } from "./map.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

export function fillKernel(dtype: DType, target: Target) {
  const { block, threads } = mapBlock(target);
  const name = `fill_${dtype}_${block}`;
  return memo(name, () =>
    mapKernel({
      name,
      inputs: [],
      out: { name: "out", dtype },
      scalars: [{ name: "value", type: dtype }],
      layout: "contiguous",
      block,
      threads,
      fn: (_, [value]) => value!,
    }),
  );
}

/** out[0..n) = value; tensors bind as "out", scalar "value". -> out: [n] */
export function planFill(target: Target, dtype: DType, n: number, value: number): Plan {
  checkCounts("fill", { n });
  if (dtype === "i32" && !Number.isInteger(value)) {
    throw new RangeError(`fill: value ${value} is not an i32`);
  }
  return { kernel: fillKernel(dtype, target), values: { n, value } };
}
