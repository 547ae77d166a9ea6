/**
 * The attention core with a sink written with generic ops (matmul, where, concat, softmax),
 * differentiated by autograd: an independent oracle for the fused kernels.
 */
import { concat, type Tensor, where } from "../../src/tensor/index.ts";

/**
 * q: [B, T, H, c], keys: [B, S, c], visible: i32 [B or 1, 1, T, S], sink: [H]
 * -> out [B, T, H, c], probs [B, H, T, S] (without the sink column)
 */
export function compositeAttention(
  q: Tensor,
  keys: Tensor,
  visible: Tensor,
  sink: Tensor,
  scale: number,
): { out: Tensor; probs: Tensor } {
  const [B, T, H] = q.shape as [number, number, number];
  const kt = keys.unsqueeze(1); // [B, 1, S, c]
  const logits = q.permute([0, 2, 1, 3]).matmul(kt.transpose(-2, -1)).mul(scale); // [B, H, T, S]
  const masked = where(visible, logits, Number.NEGATIVE_INFINITY);
  const sinkCol = sink.reshape([1, H, 1, 1]).expand([B, H, T, 1]);
  const S = keys.shape[1]!;
  const probs = concat([masked, sinkCol], -1).softmax(-1).slice(-1, 0, S);
  const out = probs.matmul(kt).permute([0, 2, 1, 3]); // [B, T, H, c]
  return { out, probs };
}
