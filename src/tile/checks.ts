/**
 * Build-time checks of the DSL's statements: uniformity of block-level values, operand kinds
 * and shapes of the tile intrinsics, and tensor windows of copies. Each error names the DSL
 * line it is given.
 */
import { TileError } from "./errors.ts";
import { Expr, type ExprLike, lit } from "./expr.ts";
import type { DType, ExprNode, TensorRegion, TileDecl } from "./ir.ts";
import type { TensorWindow } from "./refs.ts";
import { callSite } from "./source-loc.ts";

/** Whether an expression has one value across the block (no loads, only uniform symbols). */
export function isUniform(n: ExprNode): boolean {
  switch (n.op) {
    case "const":
      return true;
    case "sym":
      return n.sym.uniform;
    case "load":
      return false;
    case "unary":
      return isUniform(n.a);
    case "binary":
      return isUniform(n.a) && isUniform(n.b);
    case "select":
      return isUniform(n.cond) && isUniform(n.a) && isUniform(n.b);
  }
}

/** `x` as an expression of `type`, or a TileError at the DSL line. */
export function asExpr(x: ExprLike, type: DType | "bool", what: string): Expr {
  const e = x instanceof Expr ? x : lit(x, type);
  if (e.type !== type) throw new TileError(`${what}: expected ${type}, got ${e.type}`, callSite());
  return e;
}

/** Throws unless `n` is uniform over the block. */
export function requireUniform(n: ExprNode, what: string, loc: string): void {
  if (!isUniform(n)) {
    throw new TileError(
      `${what} must be uniform over the block (sizes, scalars, block indices, block-level loops)`,
      loc,
    );
  }
}

/** Checks gemm's operands: shared A and B, fragment C, f32, and shapes that chain. */
export function checkGemm(
  a: TileDecl,
  b: TileDecl,
  c: TileDecl,
  transA: boolean,
  transB: boolean,
  loc: string,
): void {
  for (const [t, role, scope] of [
    [a, "A", "shared"],
    [b, "B", "shared"],
    [c, "C", "fragment"],
  ] as const) {
    if (t.scope !== scope || t.dtype !== "f32" || t.shape.length !== 2) {
      throw new TileError(`gemm: ${role} (${t.name}) must be a 2-D f32 ${scope} tile`, loc);
    }
  }
  const [m, ka] = transA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const [kb, n] = transB ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
  if (ka !== kb || c.shape[0] !== m || c.shape[1] !== n) {
    throw new TileError(
      `gemm: shapes do not chain: A${transA ? "ᵀ" : ""} [${m}, ${ka}] @ ` +
        `B${transB ? "ᵀ" : ""} [${kb}, ${n}] -> C ${c.name} [${c.shape}]`,
      loc,
    );
  }
}

/** Checks a reduce: fragments, 2-D source, 1-D destination of the kept axis and one dtype. */
export function checkReduce(src: TileDecl, dst: TileDecl, axis: 0 | 1, loc: string): void {
  if (src.scope !== "fragment" || dst.scope !== "fragment") {
    throw new TileError(`reduce: ${src.name} and ${dst.name} must be fragments`, loc);
  }
  if (src.shape.length !== 2 || dst.shape.length !== 1) {
    throw new TileError(
      `reduce: needs a 2-D source and 1-D destination, got [${src.shape}] -> [${dst.shape}]`,
      loc,
    );
  }
  if (dst.shape[0] !== src.shape[1 - axis] || src.dtype !== dst.dtype) {
    throw new TileError(
      `reduce: ${src.name} [${src.shape}] ${src.dtype} along axis ${axis} gives ` +
        `[${src.shape[1 - axis]}], not ${dst.name} [${dst.shape}] ${dst.dtype}`,
      loc,
    );
  }
}

/** Checks a tile-to-tile copy: one shape and dtype. */
export function checkTileCopy(s: TileDecl, d: TileDecl, loc: string): void {
  if (s.shape.join() !== d.shape.join() || s.dtype !== d.dtype) {
    throw new TileError(
      `copy: tile ${s.name} [${s.shape}] ${s.dtype} and ${d.name} [${d.shape}] ${d.dtype} differ`,
      loc,
    );
  }
}

/** The region a tensor window denotes for a copy with `tile`, checked against it. */
export function resolveRegion(w: TensorWindow, tile: TileDecl, loc: string): TensorRegion {
  const shape = w.shape ?? tile.shape;
  const t = w.tensor;
  if (shape.join() !== tile.shape.join()) {
    throw new TileError(
      `copy: window of ${t.name} [${shape}] does not match tile ${tile.name} [${tile.shape}]`,
      loc,
    );
  }
  if (shape.length > t.shape.length) {
    throw new TileError(
      `copy: tile ${tile.name} has rank ${shape.length} > rank ${t.shape.length} of ${t.name}`,
      loc,
    );
  }
  if (t.dtype !== tile.dtype) {
    throw new TileError(
      `copy: ${t.name} is ${t.dtype} but tile ${tile.name} is ${tile.dtype}`,
      loc,
    );
  }
  const rank = t.shape.length;
  const dims = w.dims ?? shape.map((_, k) => rank - shape.length + k);
  const ordered = dims.every(
    (d, k) => Number.isInteger(d) && d >= 0 && d < rank && (k === 0 || d > dims[k - 1]!),
  );
  if (dims.length !== shape.length || !ordered) {
    throw new TileError(
      `copy: dims [${dims}] of ${t.name} must be ${shape.length} increasing dims below ${rank}`,
      loc,
    );
  }
  w.start.forEach((n, d) => {
    requireUniform(n, `copy ${t.name}: start ${d}`, loc);
  });
  return { kind: "region", tensor: t, start: w.start, shape, dims };
}
