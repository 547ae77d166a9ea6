/**
 * argmaxRows of the kernel vocabulary: the index of the largest element of each row of a
 * contiguous [rows, n] matrix, the lowest index on ties. Two sweeps: the row maximum over
 * non-NaN values (NaN reads as -inf), then the smallest column holding it. As in the
 * reference, a row whose first element is NaN (or that has no non-NaN value) reports 0.
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv, lit, select } from "../expr.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { type RowConfig, rowConfig } from "./rows.ts";

const NOT_FOUND = 2147483647;

export function argmaxRowsKernel(cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `argmaxRows_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "f32", [rows, n]);
        const out = k.tensor("out", "i32", [rows], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);
        const chunks = ceilDiv(n, bn);
        const negInf = Number.NEGATIVE_INFINITY;

        const xFrag = k.fragment("xFrag", "f32", [br, bn]);
        const idxFrag = k.fragment("idxFrag", "i32", [br, bn]);
        const maxFrag = k.fragment("maxFrag", "f32", [br]);
        const bestFrag = k.fragment("bestFrag", "i32", [br]);
        k.fill(maxFrag, negInf);
        k.fill(bestFrag, NOT_FOUND);

        k.serial(chunks, (c) => {
          k.copy(x.tile([r0, c.mul(bn)]), xFrag, { pad: negInf });
          k.parallel([br, bn], (i, j) => {
            const v = xFrag.at(i, j);
            xFrag.set([i, j], select(v.eq(v), v, negInf));
          });
          k.reduce(xFrag, maxFrag, "max", 1, { clear: false });
        });

        k.serial(chunks, (c) => {
          const c0 = c.mul(bn);
          k.copy(x.tile([r0, c0]), xFrag, { pad: negInf });
          k.parallel([br, bn], (i, j) => {
            const col = c0.add(j);
            const hit = xFrag.at(i, j).eq(maxFrag.at(i)).and(col.lt(n));
            idxFrag.set([i, j], select(hit, col, NOT_FOUND));
          });
          k.reduce(idxFrag, bestFrag, "min", 1, { clear: false });
        });

        k.parallel([br], (i) => {
          const first = x.at(r0.add(i), 0);
          const best = bestFrag.at(i);
          bestFrag.set([i], select(first.ne(first).or(best.eq(NOT_FOUND)), lit(0, "i32"), best));
        });
        k.copy(bestFrag, out.tile([r0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/** out[r] = argmax x[r, 0..n); tensors "x" [rows, n] dense f32 and "out" [rows] i32. */
export function planArgmaxRows(target: Target, rows: number, n: number): Plan {
  checkCounts("argmaxRows", { rows, n });
  return { kernel: argmaxRowsKernel(rowConfig(target, n)), values: { rows, n } };
}
