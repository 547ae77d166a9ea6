/**
 * topkRows of the kernel vocabulary: the k largest values of each row of [rows, n] in
 * descending order with their indices, equal values ordered by lower index (as the
 * reference). Selection by k rounds over the row: round t picks the largest element that
 * comes after pick t-1 in the order (value descending, index ascending) — one sweep for the
 * value, one for the lowest index holding it. O(n·k) per row: meant for routing-sized k.
 * Rows containing NaN (which the reference rejects) give unspecified picks.
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv, type Expr, select } from "../expr.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { type RowConfig, rowConfig } from "./rows.ts";

const NOT_FOUND = 2147483647;
const NEG_INF = Number.NEGATIVE_INFINITY;

export function topkKernel(cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `topkRows_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n, K] = k.sizes("rows", "n", "k");
        const x = k.tensor("x", "f32", [rows, n]);
        const values = k.tensor("values", "f32", [rows, K], "write");
        const indices = k.tensor("indices", "i32", [rows, K], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);
        const chunks = ceilDiv(n, bn);

        const xFrag = k.fragment("xFrag", "f32", [br, bn]);
        const idxFrag = k.fragment("idxFrag", "i32", [br, bn]);
        const lastFrag = k.fragment("lastFrag", "f32", [br]);
        const lastIdxFrag = k.fragment("lastIdxFrag", "i32", [br]);
        const maxFrag = k.fragment("maxFrag", "f32", [br]);
        const pickFrag = k.fragment("pickFrag", "i32", [br]);
        k.fill(lastFrag, Number.POSITIVE_INFINITY);
        k.fill(lastIdxFrag, -1);

        /** Whether (v, col) comes after the previous pick of row i. */
        const after = (i: Expr, v: Expr, col: Expr): Expr =>
          v
            .lt(lastFrag.at(i))
            .or(v.eq(lastFrag.at(i)).and(col.gt(lastIdxFrag.at(i))))
            .and(col.lt(n));

        k.serial(
          K,
          (t) => {
            k.fill(maxFrag, NEG_INF);
            k.serial(chunks, (c) => {
              const c0 = c.mul(bn);
              k.copy(x.tile([r0, c0]), xFrag, { pad: NEG_INF });
              k.parallel([br, bn], (i, j) => {
                const v = xFrag.at(i, j);
                xFrag.set([i, j], select(after(i, v, c0.add(j)), v, NEG_INF));
              });
              k.reduce(xFrag, maxFrag, "max", 1, { clear: false });
            });
            k.fill(pickFrag, NOT_FOUND);
            k.serial(chunks, (c) => {
              const c0 = c.mul(bn);
              k.copy(x.tile([r0, c0]), xFrag, { pad: NEG_INF });
              k.parallel([br, bn], (i, j) => {
                const v = xFrag.at(i, j);
                const col = c0.add(j);
                idxFrag.set(
                  [i, j],
                  select(after(i, v, col).and(v.eq(maxFrag.at(i))), col, NOT_FOUND),
                );
              });
              k.reduce(idxFrag, pickFrag, "min", 1, { clear: false });
            });
            k.parallel([br], (i) => {
              values.set([r0.add(i), t], maxFrag.at(i));
              indices.set([r0.add(i), t], pickFrag.at(i));
              lastFrag.set([i], maxFrag.at(i));
              lastIdxFrag.set([i], pickFrag.at(i));
            });
          },
          "pick",
        );
      },
      { threads: cfg.threads },
    ),
  );
}

/**
 * Top-k of each row; tensors "x" [rows, n] -> "values" [rows, k] (descending) and "indices"
 * i32 [rows, k]. Needs 1 <= k <= n.
 */
export function planTopk(target: Target, rows: number, n: number, k: number): Plan {
  checkCounts("topkRows", { rows, n, k });
  if (k < 1 || k > n) throw new RangeError(`topkRows: k ${k} must be in [1, n = ${n}]`);
  return { kernel: topkKernel(rowConfig(target, n)), values: { rows, n, k } };
}
