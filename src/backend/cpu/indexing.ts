/** Reference gather/scatter kernels. Indices are validated: a bad index is an error, not garbage. */
import type { KernelArgs } from "../kernels.ts";
import { hostData } from "./buffer.ts";

function checkIndex(op: string, value: number, n: number): void {
  if (!(value >= 0 && value < n)) {
    throw new RangeError(`${op}: index ${value} is out of range [0, ${n})`);
  }
}

export function indexSelect({ x, index, out, outer, n, inner, m }: KernelArgs["indexSelect"]) {
  const xs = hostData(x);
  const idx = hostData(index);
  const o = hostData(out);
  for (let j = 0; j < m; j++) checkIndex("indexSelect", idx[j]!, n);
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const src = (a * n + idx[j]!) * inner;
      const dst = (a * m + j) * inner;
      for (let c = 0; c < inner; c++) o[dst + c] = xs[src + c]!;
    }
  }
}

export function indexAdd({ src, index, out, outer, n, inner, m }: KernelArgs["indexAdd"]) {
  const s = hostData(src);
  const idx = hostData(index);
  const o = hostData(out);
  for (let j = 0; j < m; j++) checkIndex("indexAdd", idx[j]!, n);
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const from = (a * m + j) * inner;
      const to = (a * n + idx[j]!) * inner;
      for (let c = 0; c < inner; c++) o[to + c]! += s[from + c]!;
    }
  }
}

export function gather({ x, index, out, outer, n, inner, m }: KernelArgs["gather"]) {
  const xs = hostData(x);
  const idx = hostData(index);
  const o = hostData(out);
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      for (let c = 0; c < inner; c++) {
        const p = (a * m + j) * inner + c;
        const i = idx[p]!;
        checkIndex("gather", i, n);
        o[p] = xs[(a * n + i) * inner + c]!;
      }
    }
  }
}

export function scatterAdd({ src, index, out, outer, n, inner, m }: KernelArgs["scatterAdd"]) {
  const s = hostData(src);
  const idx = hostData(index);
  const o = hostData(out);
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      for (let c = 0; c < inner; c++) {
        const p = (a * m + j) * inner + c;
        const i = idx[p]!;
        checkIndex("scatterAdd", i, n);
        o[(a * n + i) * inner + c]! += s[p]!;
      }
    }
  }
}
