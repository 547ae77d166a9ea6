/**
 * Reference element-wise kernels. Values are computed in JavaScript numbers (float64) and
 * rounded once when stored, so f32 results are correctly rounded for the basic arithmetic.
 */
import type { BinaryOp, KernelArgs, UnaryOp } from "../kernels.ts";
import { hostData } from "./buffer.ts";
import { collapse, forEachRow } from "./strided.ts";

/** softplus(x) = log(1 + e^x), written so that it neither overflows nor loses small values. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const UNARY: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  abs: Math.abs,
  relu: (x) => (x > 0 ? x : 0),
  silu: (x) => x * sigmoid(x),
  sigmoid,
  softplus,
  tanh: Math.tanh,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  floor: Math.floor,
};

export const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  // NaN propagates, as in IEEE maximum/minimum.
  min: (a, b) => (a < b || Number.isNaN(a) ? a : b),
  max: (a, b) => (a > b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

export function fill({ out, value }: KernelArgs["fill"]): void {
  hostData(out).fill(value);
}

export function copy({ src, dst }: KernelArgs["copy"]): void {
  const s = hostData(src.buffer);
  const d = hostData(dst.buffer);
  const toInt = dst.buffer.dtype === "i32" && src.buffer.dtype !== "i32";
  const walk = collapse(src.shape, [src.strides, dst.strides]);
  const [ss, ds] = walk.strides.map((st) => st[st.length - 1]!) as [number, number];
  forEachRow(walk, [src.offset, dst.offset], ([ps, pd], len) => {
    let i = ps!;
    let o = pd!;
    if (toInt) {
      for (let j = 0; j < len; j++, i += ss, o += ds) d[o] = Math.trunc(s[i]!);
    } else {
      for (let j = 0; j < len; j++, i += ss, o += ds) d[o] = s[i]!;
    }
  });
}

export function unary({ op, x, out }: KernelArgs["unary"]): void {
  const f = UNARY[op];
  const xs = hostData(x.buffer);
  const o = hostData(out);
  const walk = collapse(x.shape, [x.strides]);
  const step = walk.strides[0]![walk.shape.length - 1]!;
  let p = 0;
  forEachRow(walk, [x.offset], ([px], len) => {
    let i = px!;
    for (let j = 0; j < len; j++, i += step) o[p++] = f(xs[i]!);
  });
}

export function clamp({ x, out, lo, hi }: KernelArgs["clamp"]): void {
  const low = lo ?? Number.NEGATIVE_INFINITY;
  const high = hi ?? Number.POSITIVE_INFINITY;
  const xs = hostData(x.buffer);
  const o = hostData(out);
  const walk = collapse(x.shape, [x.strides]);
  const step = walk.strides[0]![walk.shape.length - 1]!;
  let p = 0;
  forEachRow(walk, [x.offset], ([px], len) => {
    let i = px!;
    for (let j = 0; j < len; j++, i += step) {
      const v = xs[i]!;
      o[p++] = v < low ? low : v > high ? high : v;
    }
  });
}

export function binary({ op, a, b, out }: KernelArgs["binary"]): void {
  const as = hostData(a.buffer);
  const bs = hostData(b.buffer);
  const o = hostData(out);
  const walk = collapse(a.shape, [a.strides, b.strides]);
  const last = walk.shape.length - 1;
  const sa = walk.strides[0]![last]!;
  const sb = walk.strides[1]![last]!;
  let p = 0;
  // The hottest ops get their own loops; the rest go through the op table.
  const row = (pa: number, pb: number, len: number): void => {
    switch (op) {
      case "add":
        for (let j = 0; j < len; j++, pa += sa, pb += sb) o[p++] = as[pa]! + bs[pb]!;
        return;
      case "mul":
        for (let j = 0; j < len; j++, pa += sa, pb += sb) o[p++] = as[pa]! * bs[pb]!;
        return;
      case "sub":
        for (let j = 0; j < len; j++, pa += sa, pb += sb) o[p++] = as[pa]! - bs[pb]!;
        return;
      default: {
        const f = BINARY[op];
        for (let j = 0; j < len; j++, pa += sa, pb += sb) o[p++] = f(as[pa]!, bs[pb]!);
      }
    }
  };
  forEachRow(walk, [a.offset, b.offset], ([pa, pb], len) => row(pa!, pb!, len));
}

export function where({ cond, a, b, out }: KernelArgs["where"]): void {
  const cs = hostData(cond.buffer);
  const as = hostData(a.buffer);
  const bs = hostData(b.buffer);
  const o = hostData(out);
  const walk = collapse(a.shape, [cond.strides, a.strides, b.strides]);
  const last = walk.shape.length - 1;
  const [sc, sa, sb] = walk.strides.map((s) => s[last]!) as [number, number, number];
  let p = 0;
  forEachRow(walk, [cond.offset, a.offset, b.offset], ([pc, pa, pb], len) => {
    let c = pc!;
    let i = pa!;
    let k = pb!;
    for (let j = 0; j < len; j++, c += sc, i += sa, k += sb) o[p++] = cs[c] !== 0 ? as[i]! : bs[k]!;
  });
}
