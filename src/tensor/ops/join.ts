/** Concatenation, stacking and splitting along an axis. */
import { record } from "../autograd.ts";
import { checkArg, checkDType, checkShape } from "../errors.ts";
import { normAxis, shapeStr } from "../shape.ts";
import { Tensor } from "../tensor.ts";
import { output } from "./util.ts";

/** Joins tensors along an existing axis; all other dims must match. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  checkArg(tensors.length > 0, () => "concat: needs at least one tensor");
  const first = tensors[0]!;
  const a = normAxis("concat", axis, first.rank);
  tensors.forEach((t, i) => {
    t.assertAlive("concat");
    checkShape(
      t.rank === first.rank && t.shape.every((d, j) => j === a || d === first.shape[j]),
      () =>
        `concat: tensor ${i} has shape ${shapeStr(t.shape)}, incompatible with ` +
        `${shapeStr(first.shape)} along axis ${axis}`,
    );
    checkDType(
      t.dtype === first.dtype,
      () => `concat: tensor ${i} is ${t.dtype}, expected ${first.dtype}`,
    );
  });
  const sizes = tensors.map((t) => t.shape[a]!);
  const shape = first.shape.slice();
  shape[a] = sizes.reduce((p, d) => p + d, 0);
  const out = output(first, first.dtype, shape);
  let start = 0;
  for (const t of tensors) {
    const dst = new Tensor(out.storage, t.shape, out.strides, start * out.strides[a]!);
    first.device.run("copy", { src: t.layout, dst: dst.layout });
    dst.dispose();
    start += t.shape[a]!;
  }
  return record(out, "concat", tensors, (g) => {
    let s = 0;
    return sizes.map((n) => {
      const part = g.slice(a, s, s + n);
      s += n;
      return part;
    });
  });
}

/** Joins same-shaped tensors along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  checkArg(tensors.length > 0, () => "stack: needs at least one tensor");
  const first = tensors[0]!;
  tensors.forEach((t, i) => {
    checkShape(
      t.rank === first.rank && t.shape.every((d, j) => d === first.shape[j]),
      () => `stack: tensor ${i} has shape ${shapeStr(t.shape)}, expected ${shapeStr(first.shape)}`,
    );
  });
  const a = normAxis("stack", axis, first.rank + 1);
  const parts = tensors.map((t) => t.unsqueeze(a));
  const out = concat(parts, a);
  for (const p of parts) p.dispose();
  return out;
}

/** Splits into pieces of `sizes` (or equal pieces of one size, the last may be smaller). Views. */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const a = normAxis("split", axis, x.rank);
  const dim = x.shape[a]!;
  let list: number[];
  if (typeof sizes === "number") {
    checkArg(
      sizes > 0 && Number.isInteger(sizes),
      () => `split: size ${sizes} must be a positive integer`,
    );
    list = [];
    for (let s = 0; s < dim; s += sizes) list.push(Math.min(sizes, dim - s));
  } else {
    list = sizes.slice();
    const total = list.reduce((p, d) => p + d, 0);
    checkShape(
      total === dim,
      () => `split: sizes [${list.join(", ")}] sum to ${total}, but axis ${axis} has size ${dim}`,
    );
  }
  let start = 0;
  return list.map((n) => {
    const part = x.slice(a, start, start + n);
    start += n;
    return part;
  });
}
