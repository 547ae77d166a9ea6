/**
 * Reductions (sum, mean, max, min, argmax) over any set of axes, and the row-wise
 * normalisations softmax, log-softmax and log-sum-exp. Reduced axes are moved last so every
 * kernel works on a contiguous [rows, n] matrix.
 */
import type { ReduceOp } from "../../backend/index.ts";
import { record } from "../autograd.ts";
import { checkShape } from "../errors.ts";
import { normAxis, type Shape, shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { compare, div, exp, mul, sub } from "./elementwise.ts";
import { output, packed, requireFloat } from "./util.ts";

function normAxes(op: string, axis: number | readonly number[] | undefined, rank: number) {
  const list =
    axis === undefined ? [...Array(rank).keys()] : typeof axis === "number" ? [axis] : axis;
  const axes = [...new Set(list.map((a) => normAxis(op, a, rank)))].sort((p, q) => p - q);
  return axes;
}

interface Rows {
  /** Contiguous [rows, n] data (a new tensor the caller disposes). */
  rows: Tensor;
  count: number;
  n: number;
  keptShape: number[];
  keepdimShape: number[];
}

function toRows(x: Tensor, axes: readonly number[]): Rows {
  const kept = [...Array(x.rank).keys()].filter((a) => !axes.includes(a));
  const keptShape = kept.map((a) => x.shape[a]!);
  const keepdimShape = x.shape.map((d, a) => (axes.includes(a) ? 1 : d));
  const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const count = keptShape.reduce((p, d) => p * d, 1);
  const moved = x.permute([...kept, ...axes]);
  const rows = packed(moved);
  moved.dispose();
  return { rows, count, n, keptShape, keepdimShape };
}

function reduceRaw(op: ReduceOp, x: Tensor, axes: readonly number[], keepdim: boolean) {
  const r = toRows(x, axes);
  checkShape(
    op === "sum" || r.n > 0,
    () => `${op}: cannot reduce an empty axis of a tensor of shape ${shapeStr(x.shape)}`,
  );
  const out = output(x, x.dtype, keepdim ? r.keepdimShape : r.keptShape);
  x.device.run("reduceRows", {
    op,
    x: r.rows.storage.buffer,
    rows: r.count,
    n: r.n,
    out: out.storage.buffer,
  });
  r.rows.dispose();
  return { out, keepdimShape: r.keepdimShape, n: r.n };
}

/** Sum over `axis` (all axes when omitted). */
export function sum(x: Tensor, axis?: number | readonly number[], keepdim = false): Tensor {
  x.assertAlive("sum");
  const axes = normAxes("sum", axis, x.rank);
  const { out, keepdimShape } = reduceRaw("sum", x, axes, keepdim);
  return record(out, "sum", [x], (g) => [g.reshape(keepdimShape).expand(x.shape)]);
}

export function mean(x: Tensor, axis?: number | readonly number[], keepdim = false): Tensor {
  requireFloat("mean", x);
  const axes = normAxes("mean", axis, x.rank);
  const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
  const s = sum(x, axes, keepdim);
  const m = mul(s, 1 / n);
  s.dispose();
  return m;
}

function extremum(
  op: "max" | "min",
  x: Tensor,
  axis: number | readonly number[] | undefined,
  keepdim: boolean,
) {
  x.assertAlive(op);
  const axes = normAxes(op, axis, x.rank);
  const { out, keepdimShape } = reduceRaw(op, x, axes, keepdim);
  // Ties share the gradient equally, so the result is the same whichever element is "the" max.
  return record(out, op, [x], (g) => {
    const hit = compare("eq", x, out.reshape(keepdimShape)).cast(g.dtype);
    const count = sum(hit, axes, true);
    return [mul(hit, div(g.reshape(keepdimShape), count))];
  });
}

export function max(x: Tensor, axis?: number | readonly number[], keepdim = false): Tensor {
  return extremum("max", x, axis, keepdim);
}

export function min(x: Tensor, axis?: number | readonly number[], keepdim = false): Tensor {
  return extremum("min", x, axis, keepdim);
}

/** Index of the largest element along `axis` (the lowest index among ties), as i32. */
export function argmax(x: Tensor, axis = -1, keepdim = false): Tensor {
  x.assertAlive("argmax");
  const a = normAxis("argmax", axis, x.rank);
  const r = toRows(x, [a]);
  checkShape(r.n > 0, () => `argmax: axis ${axis} of shape ${shapeStr(x.shape)} is empty`);
  const out = output(x, "i32", keepdim ? r.keepdimShape : r.keptShape);
  x.device.run("argmaxRows", {
    x: r.rows.storage.buffer,
    rows: r.count,
    n: r.n,
    out: out.storage.buffer,
  });
  r.rows.dispose();
  return out;
}

/** Applies a row kernel along `axis`, returning a tensor of x's shape. */
function alongAxis(x: Tensor, axis: number, log: boolean): Tensor {
  const a = normAxis(log ? "logSoftmax" : "softmax", axis, x.rank);
  const last = x.rank - 1;
  const moved = a === last ? x.view() : x.transpose(a, last);
  const rows = packed(moved);
  moved.dispose();
  const n = x.shape[a]!;
  const out = output(x, x.dtype, rows.shape);
  x.device.run("softmaxRows", {
    x: rows.storage.buffer,
    rows: n === 0 ? 0 : x.size / n,
    n,
    out: out.storage.buffer,
    log,
  });
  rows.dispose();
  if (a === last) return out;
  const back = out.transpose(a, last);
  out.dispose();
  return back;
}

/** exp(x) / Σ exp(x) along `axis`, computed stably. */
export function softmax(x: Tensor, axis = -1): Tensor {
  requireFloat("softmax", x);
  const y = alongAxis(x, axis, false);
  return record(y, "softmax", [x], (g) => {
    const dot = sum(mul(g, y), axis, true);
    return [mul(y, sub(g, dot))];
  });
}

export function logSoftmax(x: Tensor, axis = -1): Tensor {
  requireFloat("logSoftmax", x);
  const y = alongAxis(x, axis, true);
  return record(y, "logSoftmax", [x], (g) => [sub(g, mul(exp(y), sum(g, axis, true)))]);
}

/** log Σ exp(x) along `axis`, computed stably. */
export function logsumexp(x: Tensor, axis = -1, keepdim = false): Tensor {
  requireFloat("logsumexp", x);
  const a = normAxis("logsumexp", axis, x.rank);
  const r = toRows(x, [a]);
  const out = output(x, x.dtype, keepdim ? r.keepdimShape : r.keptShape);
  x.device.run("logsumexpRows", {
    x: r.rows.storage.buffer,
    rows: r.count,
    n: r.n,
    out: out.storage.buffer,
  });
  r.rows.dispose();
  return record(out, "logsumexp", [x], (g) => {
    const k = r.keepdimShape;
    return [mul(g.reshape(k), exp(sub(x, out.reshape(k))))];
  });
}

/** Sums a (broadcast) tensor down to `shape`: the reverse of broadcasting. */
export function sumTo(x: Tensor, shape: Shape): Tensor {
  const lead = x.rank - shape.length;
  checkShape(lead >= 0, () => `sumTo: cannot sum ${shapeStr(x.shape)} to ${shapeStr(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  }
  if (axes.length === 0) return x.reshape(shape);
  const s = sum(x, axes, true);
  const r = s.reshape(shape);
  s.dispose();
  return r;
}
