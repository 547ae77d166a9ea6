/** Top-k along the last axis: values sorted descending, ties to the lower index, NaN rejected. */
import { record } from "../autograd.ts";
import { checkArg } from "../errors.ts";
import type { Tensor } from "../tensor.ts";
import { scatterAdd } from "./indexing.ts";
import { output, packed, runOrRelease } from "./util.ts";

export interface TopK {
  /** [..., k], largest first. */
  values: Tensor;
  /** i32 [..., k], positions of the values along the last axis. */
  indices: Tensor;
}

/** x: [..., n] -> values, indices: [..., k] */
export function topk(x: Tensor, k: number): TopK {
  x.assertAlive("topk");
  checkArg(x.rank >= 1, () => "topk: x must have at least one dim");
  const n = x.shape[x.rank - 1]!;
  checkArg(
    Number.isInteger(k) && k >= 1 && k <= n,
    () => `topk: k (${k}) must be an integer in [1, ${n}] for a last axis of size ${n}`,
  );
  const rows = n === 0 ? 0 : x.size / n;
  const shape = [...x.shape.slice(0, -1), k];
  const xc = packed(x);
  const values = output(x, x.dtype, shape);
  const indices = output(x, "i32", shape);
  runOrRelease([xc, values, indices], () =>
    x.device.run("topkRows", {
      x: xc.storage.buffer,
      rows,
      n,
      k,
      values: values.storage.buffer,
      indices: indices.storage.buffer,
    }),
  );
  xc.dispose();
  record(values, "topk", [x], (g) => [scatterAdd(output(x, x.dtype, x.shape), -1, indices, g)]);
  return { values, indices };
}
