/**
 * softmaxRows / logsumexpRows of the kernel vocabulary over a contiguous [rows, n] matrix.
 * One sweep keeps the online statistics of each row, m = running max and s = Σ e^(x - m),
 * rescaling s by e^(m_old - m_new) whenever the max grows (Milakov & Gimelshein 2018);
 * softmax then takes a second sweep writing e^(x - m)/s (or x - m - log s for log-softmax).
 * Matches the reference's special cases: a row of -inf gives zeros (softmax), -inf
 * (log-softmax) and -inf (logsumexp); a +inf max gives logsumexp +inf.
 */
import { defineKernel, type KernelBuilder } from "../builder.ts";
import { ceilDiv, type Expr, exp, log, max, select } from "../expr.ts";
import type { TensorRef, TileRef } from "../refs.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { type RowConfig, rowConfig } from "./rows.ts";

const NEG_INF = Number.NEGATIVE_INFINITY;

/** e^(x - m), exactly 0 for x = -inf (also when m = -inf, where x - m would be NaN). */
export function expShifted(x: Expr, m: Expr): Expr {
  return select(x.eq(NEG_INF), 0, exp(x.sub(m)));
}

/**
 * Running row statistics over chunks of x: fills mFrag (max) and sFrag (Σ e^(x - max)).
 * x: [rows, n] tensor, row block starting at r0; xFrag [br, bn] is scratch.
 */
export function rowStats(
  k: KernelBuilder,
  x: TensorRef,
  r0: Expr,
  n: Expr,
  tiles: { xFrag: TileRef; mFrag: TileRef; sFrag: TileRef; cFrag: TileRef },
): void {
  const { xFrag, mFrag, sFrag, cFrag } = tiles;
  const [br, bn] = xFrag.shape as [number, number];
  k.fill(mFrag, NEG_INF);
  k.fill(sFrag, 0);

  k.serial(ceilDiv(n, bn), (c) => {
    k.copy(x.tile([r0, c.mul(bn)]), xFrag, { pad: NEG_INF });
    k.reduce(xFrag, cFrag, "max", 1);
    k.parallel([br], (i) => {
      const mNew = max(mFrag.at(i), cFrag.at(i));
      sFrag.set([i], sFrag.at(i).mul(expShifted(mFrag.at(i), mNew)));
      mFrag.set([i], mNew);
    });
    k.parallel([br, bn], (i, j) => xFrag.set([i, j], expShifted(xFrag.at(i, j), mFrag.at(i))));
    k.reduce(xFrag, sFrag, "sum", 1, { clear: false });
  });
}

function statTiles(k: KernelBuilder, br: number, bn: number) {
  return {
    xFrag: k.fragment("xFrag", "f32", [br, bn]),
    mFrag: k.fragment("mFrag", "f32", [br]),
    sFrag: k.fragment("sFrag", "f32", [br]),
    cFrag: k.fragment("cFrag", "f32", [br]),
  };
}

export function softmaxKernel(logSoftmax: boolean, cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `${logSoftmax ? "logSoftmax" : "softmax"}Rows_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "f32", [rows, n]);
        const out = k.tensor("out", "f32", [rows, n], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);
        const tiles = statTiles(k, br, bn);
        const { xFrag, mFrag, sFrag } = tiles;
        rowStats(k, x, r0, n, tiles);

        k.serial(ceilDiv(n, bn), (c) => {
          const c0 = c.mul(bn);
          k.copy(x.tile([r0, c0]), xFrag, { pad: NEG_INF });
          k.parallel([br, bn], (i, j) => {
            const v = xFrag.at(i, j);
            const m = mFrag.at(i);
            const y = logSoftmax
              ? select(m.eq(NEG_INF), NEG_INF, v.sub(m).sub(log(sFrag.at(i))))
              : select(sFrag.at(i).gt(0), expShifted(v, m).div(sFrag.at(i)), 0);
            xFrag.set([i, j], y);
          });
          k.copy(xFrag, out.tile([r0, c0]));
        });
      },
      { threads: cfg.threads },
    ),
  );
}

export function logsumexpKernel(cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `logsumexpRows_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "f32", [rows, n]);
        const out = k.tensor("out", "f32", [rows], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);
        const tiles = statTiles(k, br, bn);
        const { mFrag, sFrag } = tiles;
        rowStats(k, x, r0, n, tiles);

        k.parallel([br], (i) => {
          const m = mFrag.at(i);
          const infinite = m.eq(NEG_INF).or(m.eq(Number.POSITIVE_INFINITY));
          sFrag.set([i], select(infinite, m, m.add(log(sFrag.at(i)))));
        });
        k.copy(sFrag, out.tile([r0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/** Row-wise softmax (or log-softmax); tensors "x" [rows, n] dense and "out" [rows, n]. */
export function planSoftmax(target: Target, rows: number, n: number, logSoftmax: boolean): Plan {
  checkCounts("softmaxRows", { rows, n });
  return { kernel: softmaxKernel(logSoftmax, rowConfig(target, n)), values: { rows, n } };
}

/** out[r] = log Σ_j e^x[r, j]; tensors "x" [rows, n] dense and "out" [rows]. */
export function planLogsumexp(target: Target, rows: number, n: number): Plan {
  checkCounts("logsumexpRows", { rows, n });
  return { kernel: logsumexpKernel(rowConfig(target, n)), values: { rows, n } };
}
