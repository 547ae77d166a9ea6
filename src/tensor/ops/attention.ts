/**
 * The attention core with a per-head sink as one fused op (kernels `attention` and
 * `attentionBackward`): the [B, H, T, S] score and probability matrices never exist as
 * tensors, forward or backward; the backward recomputes them tile by tile from the saved
 * log-sum-exp, one value per query row and head.
 */
import { record } from "../autograd.ts";
import { checkDType, checkShape } from "../errors.ts";
import { shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { operand, output, packed, requireFloat } from "./util.ts";

export interface SinkAttention {
  /** [B, T, H, C] */
  readonly out: Tensor;
  /** log(e^sink + Σ e^logit) per row, [B, H, T]; no gradient flows through it. */
  readonly lse: Tensor;
}

/**
 * softmax over the visible keys plus a value-less sink logit per head, keys serving as values.
 * q: [B, T, H, C], kv: [B, S, C], visible: i32 [V, T, S] (V = 1 shared, or B), sink: [H]
 * -> out [B, T, H, C], lse [B, H, T]. Differentiable in q, kv and sink.
 */
export function sinkAttention(
  q: Tensor,
  kv: Tensor,
  visible: Tensor,
  sink: Tensor,
  scale: number,
): SinkAttention {
  q.assertAlive("attention");
  requireFloat("attention", q);
  operand("attention", kv, q, "kv");
  operand("attention", sink, q, "sink");
  checkDType(
    visible.dtype === "i32",
    () => `attention: visible must be an i32 mask, got ${visible.dtype}`,
  );
  const [B, T, H, C] = q.shape as [number, number, number, number];
  const S = kv.shape[1]!;
  const V = visible.shape[0]!;
  checkShape(
    q.rank === 4 &&
      kv.rank === 3 &&
      kv.shape[0] === B &&
      kv.shape[2] === C &&
      visible.rank === 3 &&
      (V === 1 || V === B) &&
      visible.shape[1] === T &&
      visible.shape[2] === S &&
      sink.rank === 1 &&
      sink.shape[0] === H,
    () =>
      `attention: q ${shapeStr(q.shape)}, kv ${shapeStr(kv.shape)}, ` +
      `visible ${shapeStr(visible.shape)}, sink ${shapeStr(sink.shape)} do not fit; expected ` +
      "q [B, T, H, C], kv [B, S, C], visible [1 or B, T, S], sink [H]",
  );
  if (!Number.isFinite(scale)) throw new RangeError(`attention: scale ${scale} must be finite`);
  const sizes = { batch: B, queries: T, heads: H, keys: S, headDim: C, maskBatch: V, scale };
  const qd = packed(q);
  const kvd = packed(kv);
  const vis = packed(visible);
  const sd = packed(sink);
  const out = output(q, q.dtype, q.shape);
  const lse = output(q, q.dtype, [B, H, T]);
  const forward = {
    ...sizes,
    q: qd.storage.buffer,
    kv: kvd.storage.buffer,
    visible: vis.storage.buffer,
    sink: sd.storage.buffer,
    out: out.storage.buffer,
    lse: lse.storage.buffer,
  };
  q.device.run("attention", forward);
  record(out, "attention", [q, kv, sink], (g) => {
    const dout = packed(g);
    const dq = output(q, q.dtype, q.shape);
    const dkv = output(q, q.dtype, kv.shape);
    const dsink = output(q, q.dtype, [H]);
    q.device.run("attentionBackward", {
      ...forward,
      dout: dout.storage.buffer,
      dq: dq.storage.buffer,
      dkv: dkv.storage.buffer,
      dsink: dsink.storage.buffer,
    });
    dout.dispose();
    return [dq, dkv, dsink];
  });
  if (!out.node) {
    for (const t of [qd, kvd, vis, sd]) t.dispose();
  }
  return { out, lse };
}
