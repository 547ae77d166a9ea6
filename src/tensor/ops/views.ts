/**
 * Layout ops. All of them except `contiguous` (and `reshape` of a non-contiguous tensor) are
 * views: a new Tensor over the same buffer with other shape, strides or offset.
 */
import { record } from "../autograd.ts";
import { checkArg, checkShape } from "../errors.ts";
import {
  checkValidShape,
  contiguousStrides,
  normAxis,
  type Shape,
  sameShape,
  shapeSize,
  shapeStr,
} from "../shape.ts";
import { Tensor } from "../tensor.ts";
import { sumTo } from "./reduce.ts";
import { output } from "./util.ts";

function viewOf(x: Tensor, shape: Shape, strides: readonly number[], offset: number): Tensor {
  x.assertAlive("view");
  return new Tensor(x.storage, shape, strides, offset);
}

/** A second tensor object over the same data, sharing x's gradient path. */
export function alias(x: Tensor): Tensor {
  const out = viewOf(x, x.shape, x.strides, x.offset);
  return record(out, "alias", [x], (g) => [g.view()]);
}

/** A contiguous copy when x is not contiguous, otherwise a view. */
export function contiguous(x: Tensor): Tensor {
  x.assertAlive("contiguous");
  if (x.isContiguous) return alias(x);
  const out = output(x, x.dtype, x.shape);
  x.device.run("copy", { src: x.layout, dst: out.layout });
  return record(out, "contiguous", [x], (g) => [g.view()]);
}

/** A contiguous copy in a buffer of its own. */
export function clone(x: Tensor): Tensor {
  x.assertAlive("clone");
  const out = output(x, x.dtype, x.shape);
  x.device.run("copy", { src: x.layout, dst: out.layout });
  return record(out, "clone", [x], (g) => [g.view()]);
}

/** Same elements in row-major order, another shape; one dim may be -1. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const free = shape.indexOf(-1);
  let target = shape;
  if (free >= 0) {
    const known = shape.reduce((p, d, i) => (i === free ? p : p * d), 1);
    checkShape(
      known > 0 && x.size % known === 0,
      () => `reshape: cannot infer -1 in ${shapeStr(shape)} for ${x.size} elements`,
    );
    target = shape.map((d, i) => (i === free ? x.size / known : d));
  }
  checkValidShape("reshape", target);
  checkShape(
    shapeSize(target) === x.size,
    () => `reshape: cannot view ${shapeStr(x.shape)} (${x.size} elements) as ${shapeStr(target)}`,
  );
  if (!x.isContiguous) {
    const c = contiguous(x);
    const out = reshape(c, target);
    c.dispose();
    return out;
  }
  const out = viewOf(x, target, contiguousStrides(target), x.offset);
  return record(out, "reshape", [x], (g) => [reshape(g, x.shape)]);
}

/** Reorders dims: out.shape[i] = x.shape[axes[i]]. */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  checkShape(
    axes.length === x.rank,
    () => `permute: got ${axes.length} axes for a tensor of rank ${x.rank}`,
  );
  const norm = axes.map((a) => normAxis("permute", a, x.rank));
  checkShape(
    new Set(norm).size === norm.length,
    () => `permute: axes [${axes.join(", ")}] must be a permutation of 0..${x.rank - 1}`,
  );
  const out = viewOf(
    x,
    norm.map((a) => x.shape[a]!),
    norm.map((a) => x.strides[a]!),
    x.offset,
  );
  const inverse = new Array<number>(norm.length);
  norm.forEach((a, i) => {
    inverse[a] = i;
  });
  return record(out, "permute", [x], (g) => [permute(g, inverse)]);
}

export function transpose(x: Tensor, a = -2, b = -1): Tensor {
  const i = normAxis("transpose", a, x.rank);
  const j = normAxis("transpose", b, x.rank);
  const axes = [...Array(x.rank).keys()];
  axes[i] = j;
  axes[j] = i;
  return permute(x, axes);
}

/** Elements [start, end) along `axis`; negative bounds count from the end. */
export function slice(x: Tensor, axis: number, start: number, end?: number): Tensor {
  const a = normAxis("slice", axis, x.rank);
  const dim = x.shape[a]!;
  const s = start < 0 ? start + dim : start;
  const e = end === undefined ? dim : end < 0 ? end + dim : end;
  checkArg(
    Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= dim && s <= e,
    () => `slice: range [${start}, ${end ?? dim}) is out of bounds for axis ${axis} of size ${dim}`,
  );
  const shape = x.shape.slice();
  shape[a] = e - s;
  const out = viewOf(x, shape, x.strides, x.offset + s * x.strides[a]!);
  return record(out, "slice", [x], (g) => {
    const full = output(g, g.dtype, x.shape);
    const window = viewOf(full, shape, full.strides, s * full.strides[a]!);
    g.device.run("copy", { src: g.layout, dst: window.layout });
    window.dispose();
    return [full];
  });
}

/** Broadcasts size-1 dims (and new leading dims) to `shape` without copying. */
export function expand(x: Tensor, shape: Shape): Tensor {
  const lead = shape.length - x.rank;
  checkShape(lead >= 0, () => `expand: cannot expand ${shapeStr(x.shape)} to ${shapeStr(shape)}`);
  const strides = shape.map((d, i) => {
    if (i < lead) return 0;
    const src = x.shape[i - lead]!;
    checkShape(
      src === d || src === 1,
      () => `expand: dim ${i - lead} of ${shapeStr(x.shape)} cannot expand to ${shapeStr(shape)}`,
    );
    return src === d ? x.strides[i - lead]! : 0;
  });
  if (sameShape(shape, x.shape)) return alias(x);
  const out = viewOf(x, shape, strides, x.offset);
  return record(out, "expand", [x], (g) => [sumTo(g, x.shape)]);
}

export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normAxis("unsqueeze", axis, x.rank + 1);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape.splice(a, 0, 1);
  strides.splice(a, 0, 0);
  const out = viewOf(x, shape, strides, x.offset);
  return record(out, "unsqueeze", [x], (g) => [reshape(g, x.shape)]);
}

export function squeeze(x: Tensor, axis: number): Tensor {
  const a = normAxis("squeeze", axis, x.rank);
  checkShape(
    x.shape[a] === 1,
    () => `squeeze: axis ${axis} of ${shapeStr(x.shape)} has size ${x.shape[a]}, expected 1`,
  );
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape.splice(a, 1);
  strides.splice(a, 1);
  const out = viewOf(x, shape, strides, x.offset);
  return record(out, "squeeze", [x], (g) => [reshape(g, x.shape)]);
}

/** Merges dims start..end (inclusive) into one. */
export function flatten(x: Tensor, start = 0, end = -1): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const s = normAxis("flatten", start, x.rank);
  const e = normAxis("flatten", end, x.rank);
  checkArg(s <= e, () => `flatten: start axis ${start} is after end axis ${end}`);
  const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}
