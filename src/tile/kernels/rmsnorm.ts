/**
 * Fused RMSNorm forward over the last axis (spec §3): y = x · rsqrt(mean(x²) + eps) ⊙ w, also
 * returning rstd = rsqrt(mean(x²) + eps) per row for the backward. One sweep accumulates Σx²,
 * a second writes y. Without a weight (the per-head query RMS) y = x · rstd.
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv, rsqrt, toF32 } from "../expr.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { type RowConfig, rowConfig } from "./rows.ts";

export function rmsNormKernel(weighted: boolean, cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `rmsNorm${weighted ? "W" : ""}_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const eps = k.scalar("eps");
        const x = k.tensor("x", "f32", [rows, n]);
        const w = weighted ? k.tensor("w", "f32", [n]) : null;
        const y = k.tensor("y", "f32", [rows, n], "write");
        const rstd = k.tensor("rstd", "f32", [rows], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);
        const chunks = ceilDiv(n, bn);

        const xFrag = k.fragment("xFrag", "f32", [br, bn]);
        const wFrag = k.fragment("wFrag", "f32", [bn]);
        const ssFrag = k.fragment("ssFrag", "f32", [br]);
        k.fill(ssFrag, 0);

        k.serial(chunks, (c) => {
          k.copy(x.tile([r0, c.mul(bn)]), xFrag);
          k.parallel([br, bn], (i, j) => xFrag.set([i, j], xFrag.at(i, j).mul(xFrag.at(i, j))));
          k.reduce(xFrag, ssFrag, "sum", 1, { clear: false });
        });
        k.parallel([br], (i) => ssFrag.set([i], rsqrt(ssFrag.at(i).div(toF32(n)).add(eps))));

        k.serial(chunks, (c) => {
          const c0 = c.mul(bn);
          k.copy(x.tile([r0, c0]), xFrag);
          if (w) k.copy(w.tile([c0]), wFrag);
          k.parallel([br, bn], (i, j) => {
            const v = xFrag.at(i, j).mul(ssFrag.at(i));
            xFrag.set([i, j], w ? v.mul(wFrag.at(j)) : v);
          });
          k.copy(xFrag, y.tile([r0, c0]));
        });
        k.copy(ssFrag, rstd.tile([r0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/**
 * RMSNorm of each row; tensors "x" [rows, n], "w" [n] (when weighted), outputs "y" [rows, n]
 * and "rstd" [rows]; scalar "eps". x: [rows, n], w: [n] -> y: [rows, n], rstd: [rows]
 */
export function planRmsNorm(
  target: Target,
  rows: number,
  n: number,
  eps: number,
  weighted: boolean,
): Plan {
  checkCounts("rmsNorm", { rows, n });
  if (!(eps >= 0)) throw new RangeError(`rmsNorm: eps ${eps} must be >= 0`);
  return { kernel: rmsNormKernel(weighted, rowConfig(target, n)), values: { rows, n, eps } };
}
