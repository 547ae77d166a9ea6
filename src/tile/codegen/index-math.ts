/**
 * Index arithmetic shared by the code generators, written as IR so each target emits it with
 * its ordinary expression lowering: linear offsets of tensor and tile elements, and the
 * in-bounds predicate of a tensor access.
 */
import { binary, Expr, lit } from "../expr.ts";
import type { ExprNode, TensorRegion } from "../ir.ts";

const e = (n: ExprNode): Expr => new Expr(n);

/** Row-major linear offset Σ idx[d]·Π dims[d+1..]. */
export function linearIndex(dims: readonly ExprNode[], idx: readonly ExprNode[]): ExprNode {
  let off: Expr = lit(0, "i32");
  dims.forEach((d, k) => {
    off = binary("add", binary("mul", off, e(d)), e(idx[k]!));
  });
  return off.node;
}

/** 0 <= idx[d] < dims[d] for every d (unsigned compare folded into two tests). */
export function inBounds(dims: readonly ExprNode[], idx: readonly ExprNode[]): ExprNode {
  let ok: Expr | null = null;
  dims.forEach((d, k) => {
    const i = e(idx[k]!);
    const c = binary("and", binary("ge", i, 0), binary("lt", i, e(d)));
    ok = ok ? binary("and", ok, c) : c;
  });
  return (ok ?? lit(1, "bool")).node;
}

/** Tensor index of tile element `t` of a region (other dims fixed at their start). */
export function regionIndex(r: TensorRegion, t: readonly ExprNode[]): ExprNode[] {
  return r.start.map((s, d) => {
    const k = r.dims.indexOf(d);
    return k >= 0 ? binary("add", e(s), e(t[k]!)).node : s;
  });
}

/** Whether the tile's last dim runs along the tensor's last (contiguous) dim. */
export function rowsContiguous(r: TensorRegion): boolean {
  return r.dims[r.dims.length - 1] === r.tensor.shape.length - 1;
}

/** Whether the whole window of a region lies inside its tensor. */
export function regionInside(r: TensorRegion): ExprNode {
  let ok: Expr | null = null;
  r.start.forEach((s, d) => {
    const dim = e(r.tensor.shape[d]!);
    const k = r.dims.indexOf(d);
    const hi = binary("add", e(s), k >= 0 ? r.shape[k]! : 1);
    const c = binary("and", binary("ge", e(s), 0), binary("le", hi, dim));
    ok = ok ? binary("and", ok, c) : c;
  });
  return (ok ?? lit(1, "bool")).node;
}

/** Number of elements of a compile-time shape. */
export function count(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}
