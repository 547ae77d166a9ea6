/**
 * Fused RMSNorm backward. With g = w ⊙ dy and r = rstd of the row (from the forward),
 *   dx = r·g - x·r³·(Σ_j g_j x_j)/n,
 * and the weight gradient dw_j = Σ_rows dy·x·r, a column reduction run as its own kernel
 * (blocks over column strips, each summing all rows, so no two blocks write one element).
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv, type Expr, toF32 } from "../expr.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";
import { type RowConfig, rowConfig } from "./rows.ts";

export function rmsNormDxKernel(weighted: boolean, cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `rmsNormDx${weighted ? "W" : ""}_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "f32", [rows, n]);
        const w = weighted ? k.tensor("w", "f32", [n]) : null;
        const rstd = k.tensor("rstd", "f32", [rows]);
        const dy = k.tensor("dy", "f32", [rows, n]);
        const dx = k.tensor("dx", "f32", [rows, n], "write");
        const [bx] = k.grid([ceilDiv(rows, br)]);
        const r0 = bx.mul(br);
        const chunks = ceilDiv(n, bn);

        const xFrag = k.fragment("xFrag", "f32", [br, bn]);
        const gFrag = k.fragment("gFrag", "f32", [br, bn]);
        const wFrag = k.fragment("wFrag", "f32", [bn]);
        const rFrag = k.fragment("rFrag", "f32", [br]);
        const dotFrag = k.fragment("dotFrag", "f32", [br]);
        k.copy(rstd.tile([r0]), rFrag);
        k.fill(dotFrag, 0);

        const loadG = (c0: Expr) => {
          k.copy(x.tile([r0, c0]), xFrag);
          k.copy(dy.tile([r0, c0]), gFrag);
          if (w) {
            k.copy(w.tile([c0]), wFrag);
            k.parallel([br, bn], (i, j) => gFrag.set([i, j], gFrag.at(i, j).mul(wFrag.at(j))));
          }
        };

        k.serial(chunks, (c) => {
          loadG(c.mul(bn));
          k.parallel([br, bn], (i, j) => xFrag.set([i, j], xFrag.at(i, j).mul(gFrag.at(i, j))));
          k.reduce(xFrag, dotFrag, "sum", 1, { clear: false });
        });
        // dot <- r³·dot/n, the coefficient of x in dx.
        k.parallel([br], (i) => {
          const r = rFrag.at(i);
          dotFrag.set([i], r.mul(r).mul(r).mul(dotFrag.at(i)).div(toF32(n)));
        });

        k.serial(chunks, (c) => {
          const c0 = c.mul(bn);
          loadG(c0);
          k.parallel([br, bn], (i, j) => {
            const v = rFrag
              .at(i)
              .mul(gFrag.at(i, j))
              .sub(xFrag.at(i, j).mul(dotFrag.at(i)));
            xFrag.set([i, j], v);
          });
          k.copy(xFrag, dx.tile([r0, c0]));
        });
      },
      { threads: cfg.threads },
    ),
  );
}

export function rmsNormDwKernel(cfg: RowConfig) {
  const { br, bn } = cfg;
  const name = `rmsNormDw_${br}x${bn}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "f32", [rows, n]);
        const rstd = k.tensor("rstd", "f32", [rows]);
        const dy = k.tensor("dy", "f32", [rows, n]);
        const dw = k.tensor("dw", "f32", [n], "write");
        const [bx] = k.grid([ceilDiv(n, bn)]);
        const c0 = bx.mul(bn);

        const xFrag = k.fragment("xFrag", "f32", [br, bn]);
        const gFrag = k.fragment("gFrag", "f32", [br, bn]);
        const rFrag = k.fragment("rFrag", "f32", [br]);
        const accFrag = k.fragment("accFrag", "f32", [bn]);
        k.fill(accFrag, 0);

        k.serial(ceilDiv(rows, br), (t) => {
          const r0 = t.mul(br);
          k.copy(x.tile([r0, c0]), xFrag);
          k.copy(dy.tile([r0, c0]), gFrag);
          k.copy(rstd.tile([r0]), rFrag);
          k.parallel([br, bn], (i, j) =>
            xFrag.set([i, j], xFrag.at(i, j).mul(gFrag.at(i, j)).mul(rFrag.at(i))),
          );
          k.reduce(xFrag, accFrag, "sum", 0, { clear: false });
        });
        k.copy(accFrag, dw.tile([c0]));
      },
      { threads: cfg.threads },
    ),
  );
}

/**
 * dx of RMSNorm; tensors "x" [rows, n], "w" [n] (weighted), "rstd" [rows], "dy" [rows, n] ->
 * "dx" [rows, n].
 */
export function planRmsNormDx(target: Target, rows: number, n: number, weighted: boolean): Plan {
  checkCounts("rmsNormDx", { rows, n });
  return { kernel: rmsNormDxKernel(weighted, rowConfig(target, n)), values: { rows, n } };
}

/** dw of RMSNorm; tensors "x" [rows, n], "rstd" [rows], "dy" [rows, n] -> "dw" [n]. */
export function planRmsNormDw(target: Target, rows: number, n: number): Plan {
  checkCounts("rmsNormDw", { rows, n });
  const cfg: RowConfig =
    target === "wasm" ? { br: 16, bn: 64, threads: 256 } : { br: 16, bn: 64, threads: 256 };
  return { kernel: rmsNormDwKernel(cfg), values: { rows, n } };
}
