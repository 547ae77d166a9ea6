/**
 * Cases of the shared kernel suite for the fused layers: RMSNorm forward and backward (with
 * and without a weight), the experts' clamped SwiGLU forward and backward, and the attention
 * core with its sink forward and backward, on awkward sizes (1, primes, several tiles).
 */
import type { Device } from "../../src/backend/index.ts";
import type { Rng } from "../../src/tensor/index.ts";
import { c, floats, type KernelCase, type Tol } from "./kernel-case-helpers.ts";

/** Row sums of n f32 terms drift by about sqrt(n) ulps against float64 sums. */
const ROWS: Tol = { atol: 2e-6, rtol: 2e-5 };
/** The backward's two row reductions compound that. */
const ROWS_BACKWARD: Tol = { atol: 1e-5, rtol: 1e-4 };
const ELEMENTS: Tol = { atol: 1e-6, rtol: 1e-5 };

function rmsNormCases(): KernelCase[] {
  const out: KernelCase[] = [];
  for (const [rows, n] of [
    [1, 1],
    [7, 13],
    [3, 1000],
  ] as const) {
    for (const weighted of [true, false]) {
      const label = `[${rows},${n}]${weighted ? " weighted" : ""}`;
      out.push(
        c("rmsNormRows", label, ROWS, (d, rng) => {
          const x = d.upload(floats(rng, rows * n, -3, 3));
          const weight = weighted ? d.upload(floats(rng, n)) : null;
          const o = d.alloc("f32", rows * n);
          const rstd = d.alloc("f32", rows);
          return {
            args: { x, weight, rows, n, eps: 1e-6, out: o, rstd },
            outputs: [o, rstd],
          };
        }),
        c("rmsNormRowsBackward", label, ROWS_BACKWARD, (d, rng) => {
          const xs = floats(rng, rows * n, -3, 3);
          const rs = new Float32Array(rows);
          for (let r = 0; r < rows; r++) {
            let ss = 0;
            for (let j = 0; j < n; j++) ss += xs[r * n + j]! ** 2;
            rs[r] = 1 / Math.sqrt(ss / n + 1e-6);
          }
          const x = d.upload(xs);
          const weight = weighted ? d.upload(floats(rng, n)) : null;
          const rstd = d.upload(rs);
          const dy = d.upload(floats(rng, rows * n));
          const dx = d.alloc("f32", rows * n);
          const dw = weighted ? d.alloc("f32", n) : null;
          return {
            args: { x, weight, rstd, dy, rows, n, dx, dw },
            outputs: dw ? [dx, dw] : [dx],
          };
        }),
      );
    }
  }
  out.push(
    c(
      "rmsNormRows",
      "f64 [5,9] weighted",
      { atol: 1e-14, rtol: 1e-13 },
      (d, rng) => {
        const x = d.upload(Float64Array.from(floats(rng, 45)));
        const weight = d.upload(Float64Array.from(floats(rng, 9)));
        const o = d.alloc("f64", 45);
        const rstd = d.alloc("f64", 5);
        return { args: { x, weight, rows: 5, n: 9, eps: 1e-6, out: o, rstd }, outputs: [o, rstd] };
      },
      true,
    ),
  );
  return out;
}

function swigluCases(): KernelCase[] {
  const out: KernelCase[] = [];
  for (const [n, limit] of [
    [1, 0],
    [1031, 1.5],
    [37, 0],
  ] as const) {
    const label = `[${n}] limit ${limit}`;
    out.push(
      c("swiglu", label, ELEMENTS, (d, rng) => {
        const gate = d.upload(floats(rng, n, -4, 4));
        const up = d.upload(floats(rng, n, -4, 4));
        const o = d.alloc("f32", n);
        return { args: { gate, up, n, limit, out: o }, outputs: [o] };
      }),
      c("swigluBackward", label, ELEMENTS, (d, rng) => {
        const gate = d.upload(floats(rng, n, -4, 4));
        const up = d.upload(floats(rng, n, -4, 4));
        const dout = d.upload(floats(rng, n));
        const dgate = d.alloc("f32", n);
        const dup = d.alloc("f32", n);
        return { args: { gate, up, dout, n, limit, dgate, dup }, outputs: [dgate, dup] };
      }),
    );
  }
  return out;
}

export function fusedCases(): KernelCase[] {
  return [...rmsNormCases(), ...swigluCases(), ...attentionCases()];
}

/** Random 0/1 mask with the given density of visible entries. */
function mask(rng: Rng, n: number, density: number): Int32Array {
  return Int32Array.from({ length: n }, () => (rng.uniform() < density ? 1 : 0));
}

function attentionCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const shapes = [
    // [B, T, H, S, C, V]: one query and key; primes over several tiles; a per-batch mask.
    [1, 1, 1, 1, 4, 1],
    [2, 37, 3, 41, 8, 1],
    [2, 5, 2, 70, 12, 2],
  ] as const;
  for (const [B, T, H, S, C, V] of shapes) {
    const label = `B${B} T${T} H${H} S${S} C${C} V${V}`;
    const inputs = (d: Device, rng: Rng) => {
      const vis = mask(rng, V * T * S, 0.6);
      // One fully masked query row: its output is 0, its mass all on the sink.
      vis.fill(0, 0, Math.min(S, vis.length));
      return {
        q: d.upload(floats(rng, B * T * H * C)),
        kv: d.upload(floats(rng, B * S * C)),
        visible: d.upload(vis),
        sink: d.upload(floats(rng, H)),
      };
    };
    const sizes = { batch: B, queries: T, heads: H, keys: S, headDim: C, maskBatch: V };
    out.push(
      c("attention", label, ROWS_BACKWARD, (d, rng) => {
        const x = inputs(d, rng);
        const o = d.alloc("f32", B * T * H * C);
        const lse = d.alloc("f32", B * H * T);
        return { args: { ...sizes, scale: 0.35, ...x, out: o, lse }, outputs: [o, lse] };
      }),
      c("attentionBackward", label, ROWS_BACKWARD, (d, rng) => {
        const x = inputs(d, rng);
        const o = d.alloc("f32", B * T * H * C);
        const lse = d.alloc("f32", B * H * T);
        const args = { ...sizes, scale: 0.35, ...x, out: o, lse };
        // The backward reads the forward's out and lse: the device computes them first.
        d.run("attention", args);
        const dout = d.upload(floats(rng, B * T * H * C));
        const dq = d.alloc("f32", B * T * H * C);
        const dkv = d.alloc("f32", B * S * C);
        const dsink = d.alloc("f32", H);
        return {
          args: { ...args, dout, dq, dkv, dsink },
          outputs: [dq, dkv, dsink],
        };
      }),
    );
  }
  return out;
}
