/**
 * Index-based ops: index-select (and embedding lookup), take-along-axis gather, and their
 * adjoints index-add and scatter-add. Indices are i32 and are range-checked by the kernels.
 */
import { record } from "../autograd.ts";
import { checkDType, checkShape } from "../errors.ts";
import { normAxis, shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { output, packed, runOrRelease } from "./util.ts";

function requireIndex(op: string, index: Tensor): void {
  index.assertAlive(op);
  checkDType(index.dtype === "i32", () => `${op}: index must be i32, got ${index.dtype}`);
}

/** Splits a shape around `axis` into [outer, n, inner]. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  const outer = shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  return [outer, shape[axis]!, inner];
}

/** Rows of x along `axis` picked by a 1-D index: out.shape[axis] = index.size. */
export function indexSelect(x: Tensor, axis: number, index: Tensor): Tensor {
  requireIndex("indexSelect", index);
  checkShape(
    index.rank === 1,
    () => `indexSelect: index must be 1-D, got ${shapeStr(index.shape)}`,
  );
  const a = normAxis("indexSelect", axis, x.rank);
  const [outer, n, inner] = around(x.shape, a);
  const m = index.size;
  const shape = x.shape.slice();
  shape[a] = m;
  const xc = packed(x);
  const ic = packed(index);
  const out = output(x, x.dtype, shape);
  runOrRelease([xc, ic, out], () =>
    x.device.run("indexSelect", {
      x: xc.storage.buffer,
      index: ic.storage.buffer,
      out: out.storage.buffer,
      outer,
      n,
      inner,
      m,
    }),
  );
  xc.dispose();
  record(out, "indexSelect", [x], (g) => [indexAdd(zerosOf(x), a, ic, g)]);
  releaseIndex(out, ic);
  return out;
}

/** x with src's slices added at rows index along `axis` (duplicates accumulate). */
export function indexAdd(x: Tensor, axis: number, index: Tensor, src: Tensor): Tensor {
  requireIndex("indexAdd", index);
  const a = normAxis("indexAdd", axis, x.rank);
  const [outer, n, inner] = around(x.shape, a);
  const m = index.size;
  checkShape(
    src.rank === x.rank && src.shape.every((d, i) => (i === a ? d === m : d === x.shape[i])),
    () =>
      `indexAdd: src ${shapeStr(src.shape)} does not fit x ${shapeStr(x.shape)} with ${m} indices`,
  );
  const out = x.contiguous();
  const owned = out.storage.refs === 1 ? out : copyOf(out);
  if (owned !== out) out.dispose();
  const sc = packed(src);
  const ic = packed(index);
  runOrRelease([owned, sc, ic], () =>
    x.device.run("indexAdd", {
      src: sc.storage.buffer,
      index: ic.storage.buffer,
      out: owned.storage.buffer,
      outer,
      n,
      inner,
      m,
    }),
  );
  sc.dispose();
  record(owned, "indexAdd", [x, src], (g) => [g.view(), indexSelect(g, a, ic)]);
  releaseIndex(owned, ic);
  return owned;
}

/** Take-along-axis: out[..., j, ...] = x[..., index[..., j, ...], ...]; index has x's rank. */
export function gather(x: Tensor, axis: number, index: Tensor): Tensor {
  requireIndex("gather", index);
  const a = normAxis("gather", axis, x.rank);
  checkShape(
    index.rank === x.rank && index.shape.every((d, i) => i === a || d === x.shape[i]),
    () =>
      `gather: index ${shapeStr(index.shape)} must match x ${shapeStr(x.shape)} ` +
      `on every axis except ${axis}`,
  );
  const [outer, n, inner] = around(x.shape, a);
  const m = index.shape[a]!;
  const xc = packed(x);
  const ic = packed(index);
  const out = output(x, x.dtype, index.shape);
  runOrRelease([xc, ic, out], () =>
    x.device.run("gather", {
      x: xc.storage.buffer,
      index: ic.storage.buffer,
      out: out.storage.buffer,
      outer,
      n,
      inner,
      m,
    }),
  );
  xc.dispose();
  record(out, "gather", [x], (g) => [scatterAdd(zerosOf(x), a, ic, g)]);
  releaseIndex(out, ic);
  return out;
}

/** x plus src scattered along `axis` at index (same shape as src); duplicates accumulate. */
export function scatterAdd(x: Tensor, axis: number, index: Tensor, src: Tensor): Tensor {
  requireIndex("scatterAdd", index);
  const a = normAxis("scatterAdd", axis, x.rank);
  checkShape(
    src.rank === x.rank && src.shape.every((d, i) => d === index.shape[i]),
    () =>
      `scatterAdd: src ${shapeStr(src.shape)} must have the index's shape ${shapeStr(index.shape)}`,
  );
  checkShape(
    index.shape.every((d, i) => i === a || d === x.shape[i]),
    () =>
      `scatterAdd: index ${shapeStr(index.shape)} must match x ${shapeStr(x.shape)} except on axis ${axis}`,
  );
  const [outer, n, inner] = around(x.shape, a);
  const m = index.shape[a]!;
  const out = x.contiguous();
  const owned = out.storage.refs === 1 ? out : copyOf(out);
  if (owned !== out) out.dispose();
  const sc = packed(src);
  const ic = packed(index);
  runOrRelease([owned, sc, ic], () =>
    x.device.run("scatterAdd", {
      src: sc.storage.buffer,
      index: ic.storage.buffer,
      out: owned.storage.buffer,
      outer,
      n,
      inner,
      m,
    }),
  );
  sc.dispose();
  record(owned, "scatterAdd", [x, src], (g) => [g.view(), gather(g, a, ic)]);
  releaseIndex(owned, ic);
  return owned;
}

/** Embedding lookup: table [vocab, dim], ids i32 [...] -> [..., dim]. */
export function embedding(table: Tensor, ids: Tensor): Tensor {
  checkShape(table.rank === 2, () => `embedding: table must be 2-D, got ${shapeStr(table.shape)}`);
  requireIndex("embedding", ids);
  const flat = ids.reshape([ids.size]);
  const rows = indexSelect(table, 0, flat);
  const out = rows.reshape([...ids.shape, table.shape[1]!]);
  flat.dispose();
  rows.dispose();
  return out;
}

/** The packed index is needed only by a recorded backward; without one it pins the buffer. */
function releaseIndex(out: Tensor, ic: Tensor): void {
  if (!out.node) ic.dispose();
}

function zerosOf(x: Tensor): Tensor {
  return output(x, x.dtype, x.shape);
}

function copyOf(x: Tensor): Tensor {
  const out = output(x, x.dtype, x.shape);
  x.device.run("copy", { src: x.layout, dst: out.layout });
  return out;
}
