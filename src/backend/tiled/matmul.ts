/**
 * The vocabulary's batched matmul on the tile kernel `planMatmul`. Dense operands bind in place
 * (either orientation, the view offset as binding offset); a right operand shared across the
 * batch (a weight broadcast with stride 0) folds the batch into the rows when the left operand
 * is a plain dense stack, so x [B, T, D] @ w [D, N] is one [B·T, D] @ [D, N] product. Any other
 * view is packed first.
 */
import { planMatmul } from "../../tile/index.ts";
import type { KernelArgs } from "../kernels.ts";
import type { TileImpl } from "./launch.ts";
import { bindView, matrixLayout, packView } from "./layout.ts";
import { tileSource } from "./source.ts";

export const matmulTile: TileImpl<"matmul"> = (args: KernelArgs["matmul"], runner) => {
  const { a, b, out, batch, m, k, n } = args;
  if (a.buffer.dtype !== "f32" || b.buffer.dtype !== "f32" || out.dtype !== "f32") return false;
  let la = matrixLayout(a, batch, m, k);
  let lb = matrixLayout(b, batch, k, n);
  let aBind = bindView(a);
  let bBind = bindView(b);
  // A shared left operand has no batched kernel form; pack it (and anything non-dense).
  if (!la || (la.shared && batch > 1)) {
    aBind = { buffer: packView(a, runner), offset: 0 };
    la = { transposed: false, shared: false };
  }
  if (!lb) {
    bBind = { buffer: packView(b, runner), offset: 0 };
    lb = { transposed: false, shared: false };
  }
  let shape = { batch, m, k, n, transA: la.transposed, transB: lb.transposed };
  if (lb.shared && batch > 1) {
    if (!la.transposed) {
      shape = { ...shape, batch: 1, m: batch * m };
    } else {
      bBind = { buffer: packView(b, runner), offset: 0 };
      shape = { ...shape, transB: false };
    }
  }
  const { kernel, values } = planMatmul(runner.target, shape);
  runner.launch({
    kernel: tileSource(kernel),
    tensors: [aBind, bBind, { buffer: out, offset: 0 }],
    values,
    cost: batch * m * k * n,
  });
  return true;
};
