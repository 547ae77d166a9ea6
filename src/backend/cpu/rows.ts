/**
 * Reference kernels over the rows of a contiguous [rows, n] matrix: reductions, arg-max,
 * softmax, log-sum-exp and top-k. Sums accumulate in float64.
 */
import type { KernelArgs } from "../kernels.ts";
import { hostData } from "./buffer.ts";

export function reduceRows({ op, x, rows, n, out }: KernelArgs["reduceRows"]): void {
  const xs = hostData(x);
  const o = hostData(out);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    if (op === "sum") {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += xs[base + j]!;
      o[r] = acc;
    } else {
      let best = op === "max" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      for (let j = 0; j < n; j++) {
        const v = xs[base + j]!;
        if (Number.isNaN(v)) {
          best = v;
          break;
        }
        if (op === "max" ? v > best : v < best) best = v;
      }
      o[r] = best;
    }
  }
}

export function argmaxRows({ x, rows, n, out }: KernelArgs["argmaxRows"]): void {
  const xs = hostData(x);
  const o = hostData(out);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let best = 0;
    for (let j = 1; j < n; j++) if (xs[base + j]! > xs[base + best]!) best = j;
    o[r] = best;
  }
}

export function softmaxRows({ x, rows, n, out, log }: KernelArgs["softmaxRows"]): void {
  const xs = hostData(x);
  const o = hostData(out);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) if (xs[base + j]! > max) max = xs[base + j]!;
    // A row of -inf (nothing visible) gives zeros, not NaN.
    if (max === Number.NEGATIVE_INFINITY) {
      for (let j = 0; j < n; j++) o[base + j] = log ? Number.NEGATIVE_INFINITY : 0;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(xs[base + j]! - max);
    if (log) {
      const lse = max + Math.log(sum);
      for (let j = 0; j < n; j++) o[base + j] = xs[base + j]! - lse;
    } else {
      const inv = 1 / sum;
      for (let j = 0; j < n; j++) o[base + j] = Math.exp(xs[base + j]! - max) * inv;
    }
  }
}

export function logsumexpRows({ x, rows, n, out }: KernelArgs["logsumexpRows"]): void {
  const xs = hostData(x);
  const o = hostData(out);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) if (xs[base + j]! > max) max = xs[base + j]!;
    if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) {
      o[r] = max;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(xs[base + j]! - max);
    o[r] = max + Math.log(sum);
  }
}

/**
 * Top-k per row. Larger values first; equal values keep the lower index first, so the choice is
 * deterministic. A NaN makes the ranking meaningless, so it is an error.
 */
export function topkRows({ x, rows, n, k, values, indices }: KernelArgs["topkRows"]): void {
  const xs = hostData(x);
  const vo = hostData(values);
  const io = hostData(indices);
  const heapIdx = new Int32Array(k);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    // Selection by insertion into a sorted prefix: O(n·k) worst case, O(n) for the common
    // case where most values do not enter the top k.
    let size = 0;
    for (let j = 0; j < n; j++) {
      const v = xs[base + j]!;
      if (Number.isNaN(v)) throw new RangeError(`topk: row ${r} contains NaN at index ${j}`);
      if (size === k && !(v > xs[base + heapIdx[k - 1]!]!)) continue;
      let pos = size < k ? size++ : k - 1;
      while (pos > 0 && v > xs[base + heapIdx[pos - 1]!]!) {
        heapIdx[pos] = heapIdx[pos - 1]!;
        pos--;
      }
      heapIdx[pos] = j;
    }
    for (let t = 0; t < k; t++) {
      vo[r * k + t] = xs[base + heapIdx[t]!]!;
      io[r * k + t] = heapIdx[t]!;
    }
  }
}
