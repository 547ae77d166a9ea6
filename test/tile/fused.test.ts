/**
 * Fused RMSNorm (forward, dx, dw) and SwiGLU (forward, backward) through the interpreter and
 * WASM against the model's own composite ops on float64 tensors, with gradients from autograd.
 * Tolerance: 1e-5 relative + 1e-6 absolute (f32 kernels against a float64 reference).
 */
import { describe, test } from "node:test";
import { rmsNorm, swiglu } from "../../src/nn/index.ts";
import { tensor, tidy } from "../../src/tensor/index.ts";
import {
  planRmsNorm,
  planRmsNormDw,
  planRmsNormDx,
  planSwiglu,
  planSwigluBackward,
} from "../../src/tile/index.ts";
import { assertClose, TestRng } from "./helpers.ts";
import { runTargets } from "./targets.ts";

const TOL = { atol: 1e-6, rtol: 1e-5 };
const EPS = 1e-6;

/** x: [rows, n] -> y, rstd, dx, dw by autograd of nn.rmsNorm in float64 (loss = Σ y·dy). */
function rmsReference(
  x: Float32Array,
  w: Float32Array | null,
  dy: Float32Array,
  rows: number,
  n: number,
) {
  return tidy(() => {
    const xt = tensor(Float64Array.from(x), [rows, n], { dtype: "f64" }).requireGrad();
    const wt = w ? tensor(Float64Array.from(w), [n], { dtype: "f64" }).requireGrad() : null;
    const y = rmsNorm(xt, wt, EPS);
    y.mul(tensor(Float64Array.from(dy), [rows, n], { dtype: "f64" }))
      .sum()
      .backward();
    const rstd = Float64Array.from({ length: rows }, (_, r) => {
      let ss = 0;
      for (let j = 0; j < n; j++) ss += x[r * n + j]! ** 2;
      return 1 / Math.sqrt(ss / n + EPS);
    });
    return { y: y.toArray(), rstd, dx: xt.grad!.toArray(), dw: wt ? wt.grad!.toArray() : null };
  });
}

describe("rmsNorm", () => {
  for (const weighted of [true, false]) {
    test(`forward and backward${weighted ? " with weight" : ""}`, () => {
      const rng = new TestRng(31);
      for (const [rows, n] of [
        [1, 1],
        [3, 37],
        [2, 1031],
        [17, 64],
      ] as const) {
        const x = rng.uniform(rows * n, -3, 3);
        const w = weighted ? rng.uniform(n, 0.5, 1.5) : null;
        const dy = rng.uniform(rows * n);
        const ref = rmsReference(x, w, dy, rows, n);
        const fwd = runTargets(planRmsNorm("wasm", rows, n, EPS, weighted), {
          x,
          ...(w ? { w } : {}),
          y: new Float32Array(rows * n),
          rstd: new Float32Array(rows),
        });
        const dxRun = runTargets(planRmsNormDx("wasm", rows, n, weighted), {
          x,
          ...(w ? { w } : {}),
          rstd: Float32Array.from(ref.rstd),
          dy,
          dx: new Float32Array(rows * n),
        });
        for (const [name, r] of [
          ["interpreter", "interp"],
          ["wasm", "wasm"],
        ] as const) {
          const what = `${name} [${rows}, ${n}]`;
          assertClose(fwd[r].y!, ref.y, TOL, `y ${what}`);
          assertClose(fwd[r].rstd!, ref.rstd, TOL, `rstd ${what}`);
          assertClose(dxRun[r].dx!, ref.dx, TOL, `dx ${what}`);
        }
        if (ref.dw) {
          const dwRun = runTargets(planRmsNormDw("wasm", rows, n), {
            x,
            rstd: Float32Array.from(ref.rstd),
            dy,
            dw: new Float32Array(n),
          });
          assertClose(dwRun.interp.dw!, ref.dw, TOL, `dw interpreter [${rows}, ${n}]`);
          assertClose(dwRun.wasm.dw!, ref.dw, TOL, `dw wasm [${rows}, ${n}]`);
        }
      }
    });
  }
});

describe("swiglu", () => {
  test("forward and backward with and without the clamp", () => {
    const rng = new TestRng(32);
    for (const n of [1, 13, 4099]) {
      const gate = rng.uniform(n, -14, 14);
      const up = rng.uniform(n, -14, 14);
      const dout = rng.uniform(n);
      for (const limit of [0, 7]) {
        const ref = tidy(() => {
          const g = tensor(Float64Array.from(gate), [n], { dtype: "f64" }).requireGrad();
          const u = tensor(Float64Array.from(up), [n], { dtype: "f64" }).requireGrad();
          const y = swiglu(g, u, limit);
          y.mul(tensor(Float64Array.from(dout), [n], { dtype: "f64" }))
            .sum()
            .backward();
          return { y: y.toArray(), dg: g.grad!.toArray(), du: u.grad!.toArray() };
        });
        const fwd = runTargets(planSwiglu("wasm", n, limit), {
          gate,
          up,
          out: new Float32Array(n),
        });
        const bwd = runTargets(planSwigluBackward("wasm", n, limit), {
          gate,
          up,
          dout,
          dgate: new Float32Array(n),
          dup: new Float32Array(n),
        });
        for (const r of ["interp", "wasm"] as const) {
          const what = `${r} n=${n} limit=${limit}`;
          assertClose(fwd[r].out!, ref.y, TOL, `out ${what}`);
          assertClose(bwd[r].dgate!, ref.dg, TOL, `dgate ${what}`);
          assertClose(bwd[r].dup!, ref.du, TOL, `dup ${what}`);
        }
      }
    }
  });
});
