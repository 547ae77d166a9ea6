/**
 * reduceRows of the kernel vocabulary: out[r] = sum | max | min of x[r, :] for a contiguous
 * [rows, n] matrix. Chunks of a row are reduced into a running per-row accumulator; padding
 * outside the row is the operation's identity. Sums accumulate in f32 (the reference uses
 * float64), max/min propagate NaN.
 */

import { defineKernel } from "../builder.ts";
import { ceilDiv } from "../expr.ts";
import type { ReduceOp } from "../ir.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { type RowConfig, rowConfig } from "./rows.ts";

const IDENTITY: Record<ReduceOp, number> = {
  sum: 0,
  max: Number.NEGATIVE_INFINITY,
  min: Number.POSITIVE_INFINITY,
};

export function reduceRowsKernel(op: ReduceOp, cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `reduceRows_${op}_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "f32", [rows, n]);
        const out = k.tensor("out", "f32", [rows], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);

        const xFrag = k.fragment("xFrag", "f32", [br, bn]);
        const accFrag = k.fragment("accFrag", "f32", [br]);
        k.fill(accFrag, IDENTITY[op]);

        k.serial(ceilDiv(n, bn), (c) => {
          k.copy(x.tile([r0, c.mul(bn)]), xFrag, { pad: IDENTITY[op] });
          k.reduce(xFrag, accFrag, op, 1, { clear: false });
        });

        k.copy(accFrag, out.tile([r0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/** out[r] = op(x[r, 0..n)); tensors "x" [rows, n] dense and "out" [rows]. */
export function planReduceRows(target: Target, op: ReduceOp, rows: number, n: number): Plan {
  checkCounts(`reduceRows ${op}`, { rows, n });
  return { kernel: reduceRowsKernel(op, rowConfig(target, n)), values: { rows, n } };
}
