/** Bias-free dense projection with checkpoint weight layout. */
import { ShapeError, shapeStr, type Tensor } from "../tensor/index.ts";

/**
 * y = x·Wᵀ with W stored as in the checkpoint, [out, in].
 * x: [..., in], weight: [out, in] -> [..., out]
 */
export function linear(x: Tensor, weight: Tensor): Tensor {
  const inDim = x.shape[x.rank - 1] ?? -1;
  if (weight.rank !== 2 || inDim !== weight.shape[1]) {
    throw new ShapeError(
      `linear: x ${shapeStr(x.shape)} does not fit weight ${shapeStr(weight.shape)}; ` +
        "expected x [..., in] and weight [out, in] with the same in",
    );
  }
  const outDim = weight.shape[0]!;
  const lead = x.shape.slice(0, -1);
  // Folding the leading dims into one keeps it a single 2-D product, so the weight gradient is
  // one matmul instead of a broadcast batch reduced afterwards.
  const rows = x.reshape([-1, inDim]);
  const y = rows.matmul(weight.transpose(0, 1)); // [rows, out]
  return y.reshape([...lead, outDim]);
}
