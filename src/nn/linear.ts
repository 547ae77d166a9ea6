/** Bias-free dense projection with checkpoint weight layout. */
import { ShapeError, shapeStr, Tensor } from "../tensor/index.ts";
import { quantLinear } from "./quant-linear.ts";
import type { QuantizedWeight } from "./quantized-weight.ts";

/** A linear layer's weight [out, in]: a dense tensor or one kept in packed storage. */
export type Weight = Tensor | QuantizedWeight;

/**
 * y = x·Wᵀ with W stored as in the checkpoint, [out, in]; a packed weight goes through
 * `quantLinear` (dequantised per tile inside the kernel).
 * x: [..., in], weight: [out, in] -> [..., out]
 */
export function linear(x: Tensor, weight: Weight): Tensor {
  if (!(weight instanceof Tensor)) return quantLinear(x, weight);
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
