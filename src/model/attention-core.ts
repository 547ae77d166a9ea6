/**
 * The attention core shared by every V4 layer (spec §5.7): one softmax over the visible keys
 * plus a per-head sink that adds exp(sink_h) to the denominator and has no value. Keys are also
 * the values (a single shared K = V head).
 */
import { concat, type Tensor, where } from "../tensor/index.ts";

export interface CoreResult {
  /** [B, T, H, c] */
  out: Tensor;
  /** Attention probabilities [B, H, T, S], without the sink column. */
  probs: Tensor;
}

/**
 * q: [B, T, H, c], keys: [B, S, c], visible: i32 [B or 1, 1, T, S], sink: [H] -> [B, T, H, c]
 * A query that sees no key gets a zero output: its only mass is on the sink.
 */
export function attendCore(
  q: Tensor,
  keys: Tensor,
  visible: Tensor,
  sink: Tensor,
  scale: number,
): CoreResult {
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
