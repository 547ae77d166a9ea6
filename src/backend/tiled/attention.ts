/**
 * The attention core of the vocabulary on its tile kernels: one online-softmax kernel forward;
 * backward, the row terms (D and the sink's terms), dq over query tiles and dkv over key tiles,
 * then the sink's terms summed per head by the row reduction. f32 only.
 */
import {
  type AttentionShape,
  planAttention,
  planAttentionDelta,
  planAttentionDkv,
  planAttentionDq,
  planReduceRows,
} from "../../tile/index.ts";
import type { AttentionSizes, KernelArgs } from "../kernels.ts";
import type { TileRunner } from "./launch.ts";
import { whole } from "./layout.ts";
import { tileSource } from "./source.ts";

function shapeOf(s: AttentionSizes): AttentionShape {
  return {
    batch: s.batch,
    queries: s.queries,
    heads: s.heads,
    keys: s.keys,
    headDim: s.headDim,
    maskBatch: s.maskBatch,
  };
}

/** Multiply-adds of the two products Q·Kᵀ and P·V. */
const cost = (s: AttentionSizes) => 2 * s.batch * s.queries * s.heads * s.keys * s.headDim;

export function attentionTile(args: KernelArgs["attention"], runner: TileRunner): boolean {
  const { q, kv, visible, sink, out, lse } = args;
  if ([q, kv, sink, out, lse].some((b) => b.dtype !== "f32") || visible.dtype !== "i32") {
    return false;
  }
  if (args.batch * args.queries * args.heads === 0) return true;
  const plan = planAttention(runner.target, shapeOf(args), args.scale);
  runner.launch({
    kernel: tileSource(plan.kernel),
    tensors: whole(q, kv, visible, sink, out, lse),
    values: plan.values,
    cost: cost(args),
  });
  return true;
}

export function attentionBackwardTile(
  args: KernelArgs["attentionBackward"],
  runner: TileRunner,
): boolean {
  const { q, kv, visible, sink, out, lse, dout, dq, dkv, dsink } = args;
  const floats = [q, kv, sink, out, lse, dout, dq, dkv, dsink];
  if (floats.some((b) => b.dtype !== "f32") || visible.dtype !== "i32") return false;
  const { batch: B, queries: T, heads: H } = args;
  const shape = shapeOf(args);
  const rows = B * T;
  const delta = runner.temp("f32", B * H * T);
  const sinkTerms = runner.temp("f32", H * rows); // [H, B·T]
  if (rows * H > 0) {
    const d = planAttentionDelta(runner.target, shape);
    runner.launch({
      kernel: tileSource(d.kernel),
      tensors: whole(sink, out, dout, lse, delta, sinkTerms),
      values: d.values,
      cost: B * T * H * args.headDim,
    });
    const dqPlan = planAttentionDq(runner.target, shape, args.scale);
    runner.launch({
      kernel: tileSource(dqPlan.kernel),
      tensors: whole(q, kv, visible, dout, lse, delta, dq),
      values: dqPlan.values,
      cost: cost(args),
    });
  }
  const dkvPlan = planAttentionDkv(runner.target, shape, args.scale);
  runner.launch({
    kernel: tileSource(dkvPlan.kernel),
    tensors: whole(q, kv, visible, dout, lse, delta, dkv),
    values: dkvPlan.values,
    cost: 2 * cost(args),
  });
  const sum = planReduceRows(runner.target, "sum", H, rows);
  runner.launch({
    kernel: tileSource(sum.kernel),
    tensors: whole(sinkTerms, dsink),
    values: sum.values,
  });
  return true;
}
