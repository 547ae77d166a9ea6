/**
 * The attention core shared by every V4 layer (spec §5.7): one softmax over the visible keys
 * plus a per-head sink that adds exp(sink_h) to the denominator and has no value. Keys are also
 * the values (a single shared K = V head). It runs as one fused kernel each way.
 */
import { noGrad, sinkAttention, type Tensor, where } from "../tensor/index.ts";

export interface CoreResult {
  /** [B, T, H, c] */
  out: Tensor;
  /**
   * Attention probabilities of keys [start, end) (default: all), [B, H, T, end - start],
   * without the sink; recomputed from the saved log-sum-exp, outside autograd.
   */
  probs(start?: number, end?: number): Tensor;
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
  const T = q.shape[1]!;
  const S = keys.shape[1]!;
  const mask = visible.reshape([visible.shape[0]!, T, S]); // [B or 1, T, S]
  const { out, lse } = sinkAttention(q, keys, mask, sink, scale);
  const probs = (start = 0, end = S) =>
    noGrad(() => {
      const kt = keys.slice(1, start, end).unsqueeze(1); // [B, 1, N, c]
      const logits = q.permute([0, 2, 1, 3]).matmul(kt.transpose(-2, -1)).mul(scale);
      const p = logits.sub(lse.unsqueeze(-1)).exp(); // [B, H, T, N]
      return where(visible.slice(-1, start, end), p, 0);
    });
  return { out, probs };
}
