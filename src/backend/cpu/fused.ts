/**
 * Reference kernels of the fused layers: RMSNorm (forward and backward) and the experts'
 * clamped SwiGLU (forward and backward). Row sums accumulate in float64; each element is
 * computed in float64 and rounded once on store.
 */
import type { KernelArgs } from "../kernels.ts";
import { hostData } from "./buffer.ts";

export function rmsNormRows(args: KernelArgs["rmsNormRows"]): void {
  const { rows, n, eps } = args;
  const x = hostData(args.x);
  const w = args.weight ? hostData(args.weight) : null;
  const out = hostData(args.out);
  const rstd = hostData(args.rstd);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let ss = 0;
    for (let j = 0; j < n; j++) ss += x[base + j]! * x[base + j]!;
    const inv = 1 / Math.sqrt(ss / n + eps);
    rstd[r] = inv;
    for (let j = 0; j < n; j++) out[base + j] = x[base + j]! * inv * (w ? w[j]! : 1);
  }
}

export function rmsNormRowsBackward(args: KernelArgs["rmsNormRowsBackward"]): void {
  const { rows, n } = args;
  const x = hostData(args.x);
  const w = args.weight ? hostData(args.weight) : null;
  const rstd = hostData(args.rstd);
  const dy = hostData(args.dy);
  const dx = hostData(args.dx);
  const dw = args.dw ? hostData(args.dw) : null;
  const dwAcc = dw ? new Float64Array(n) : null;
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    const inv = rstd[r]!;
    let dot = 0;
    for (let j = 0; j < n; j++) dot += dy[base + j]! * (w ? w[j]! : 1) * x[base + j]!;
    const coef = (inv * inv * inv * dot) / n;
    for (let j = 0; j < n; j++) {
      const g = dy[base + j]! * (w ? w[j]! : 1);
      dx[base + j] = inv * g - x[base + j]! * coef;
      if (dwAcc) dwAcc[j]! += dy[base + j]! * x[base + j]! * inv;
    }
  }
  if (dw && dwAcc) dw.set(dwAcc);
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

export function swiglu(args: KernelArgs["swiglu"]): void {
  const { n, limit } = args;
  const gate = hostData(args.gate);
  const up = hostData(args.up);
  const out = hostData(args.out);
  for (let i = 0; i < n; i++) {
    const g = limit > 0 ? Math.min(gate[i]!, limit) : gate[i]!;
    const u = limit > 0 ? Math.min(Math.max(up[i]!, -limit), limit) : up[i]!;
    out[i] = g * sigmoid(g) * u;
  }
}

export function swigluBackward(args: KernelArgs["swigluBackward"]): void {
  const { n, limit } = args;
  const gate = hostData(args.gate);
  const up = hostData(args.up);
  const dout = hostData(args.dout);
  const dgate = hostData(args.dgate);
  const dup = hostData(args.dup);
  for (let i = 0; i < n; i++) {
    const on = limit > 0;
    const g = on ? Math.min(gate[i]!, limit) : gate[i]!;
    const u = on ? Math.min(Math.max(up[i]!, -limit), limit) : up[i]!;
    const s = sigmoid(g);
    const gateFlows = !on || gate[i]! <= limit;
    const upFlows = !on || (up[i]! >= -limit && up[i]! <= limit);
    // d silu(g)/dg = s·(1 + g·(1 − s))
    dgate[i] = gateFlows ? dout[i]! * u * s * (1 + g * (1 - s)) : 0;
    dup[i] = upFlows ? dout[i]! * g * s : 0;
  }
}
