/**
 * Reference batched matmul. Each output row accumulates in a float64 scratch row (i-k-j order
 * keeps the inner loop contiguous); when b is stored transposed, rows of a and b^T are dotted
 * directly. Other layouts fall back to strided indexing.
 */
import type { KernelArgs } from "../kernels.ts";
import { hostData } from "./buffer.ts";

export function matmul({ a, b, out, batch, m, k, n }: KernelArgs["matmul"]): void {
  const as = hostData(a.buffer);
  const bs = hostData(b.buffer);
  const o = hostData(out);
  const [sab, sam, sak] = a.strides as [number, number, number];
  const [sbb, sbk, sbn] = b.strides as [number, number, number];
  const acc = new Float64Array(n);
  for (let t = 0; t < batch; t++) {
    const a0 = a.offset + t * sab;
    const b0 = b.offset + t * sbb;
    const o0 = t * m * n;
    for (let i = 0; i < m; i++) {
      const ai = a0 + i * sam;
      const oi = o0 + i * n;
      if (sbn === 1) {
        acc.fill(0);
        for (let p = 0; p < k; p++) {
          // No skip for av === 0: 0 · Inf and 0 · NaN must still give NaN, as in the plain sum.
          const av = as[ai + p * sak]!;
          const bp = b0 + p * sbk;
          for (let j = 0; j < n; j++) acc[j]! += av * bs[bp + j]!;
        }
        for (let j = 0; j < n; j++) o[oi + j] = acc[j]!;
      } else {
        for (let j = 0; j < n; j++) {
          const bj = b0 + j * sbn;
          let s = 0;
          for (let p = 0; p < k; p++) s += as[ai + p * sak]! * bs[bj + p * sbk]!;
          o[oi + j] = s;
        }
      }
    }
  }
}
