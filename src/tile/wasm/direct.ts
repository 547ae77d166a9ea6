/**
 * Direct B operands: in a loop body that copies a tensor window into a tile only to use it as
 * gemm's B operand, a product with few output rows reads each B element about once, so the
 * copy costs as much as the product. When the window lies inside the tensor with contiguous
 * rows, gemm then reads B straight from the tensor (row stride = the tensor's row length) and
 * the copy is skipped; ragged edge windows still go through the tile. Decode-shaped products
 * (one token times a weight matrix) stream the weights once this way, in either orientation:
 * a transposed B (a linear layer's [out, in] weight) is read as dot products along its rows.
 */

import { rowsContiguous } from "../codegen/index-math.ts";
import { binary, Expr } from "../expr.ts";
import type { ExprNode, Stmt, TensorRegion, TileDecl } from "../ir.ts";

/** Products with at most this many output rows read B directly. */
export const MAX_DIRECT_ROWS = 8;

export interface DirectOperand {
  readonly region: TensorRegion;
  /** Elements between consecutive rows of the window (a product of tensor dims). */
  readonly rowStride: ExprNode;
  /** Whether gemm uses the window as a transposed B (its rows run along K). */
  readonly transposed: boolean;
}

function uses(n: ExprNode, tile: TileDecl): boolean {
  switch (n.op) {
    case "load":
      return (n.buf.kind === "tile" && n.buf.id === tile.id) || n.index.some((x) => uses(x, tile));
    case "unary":
      return uses(n.a, tile);
    case "binary":
      return uses(n.a, tile) || uses(n.b, tile);
    case "select":
      return uses(n.cond, tile) || uses(n.a, tile) || uses(n.b, tile);
    default:
      return false;
  }
}

/** Whether a statement touches the tile other than as `copy` into it or gemm's B. */
function otherUse(s: Stmt, tile: TileDecl): boolean {
  switch (s.kind) {
    case "copy":
      return s.src.kind === "tile" && s.src.id === tile.id;
    case "gemm":
      return s.a.id === tile.id || s.c.id === tile.id;
    case "fill":
      return s.tile.id === tile.id;
    case "reduce":
      return s.src.id === tile.id || s.dst.id === tile.id;
    case "store":
      return (s.buf.kind === "tile" && s.buf.id === tile.id) || uses(s.value, tile);
    case "parallel":
    case "for":
      return s.body.some((b) => otherUse(b, tile));
    case "if":
      return [...s.thenBody, ...s.elseBody].some((b) => otherUse(b, tile));
    case "let":
    case "local":
    case "assign":
      return uses(s.value, tile);
    default:
      return false;
  }
}

/**
 * Whether a transposed-B product suits the dot-product kernel, the only one reading such a B
 * in place: A rows along K, and K and the output columns in whole vectors.
 */
export function dotShaped(g: Extract<Stmt, { kind: "gemm" }>): boolean {
  return !g.transA && g.a.shape[1]! % 4 === 0 && g.c.shape[1]! % 4 === 0;
}

function strideOf(r: TensorRegion): ExprNode {
  const row = r.dims[r.dims.length - 2]!;
  let stride = new Expr({ op: "const", type: "i32", value: 1 });
  for (let d = row + 1; d < r.tensor.shape.length; d++)
    stride = binary("mul", stride, new Expr(r.tensor.shape[d]!));
  return stride.node;
}

/**
 * The copies in a loop body (by statement) whose tile can be replaced by a direct operand:
 * 2-D windows with contiguous rows, copied into a row-major tile that the body uses only as
 * gemm's B (all uses in one orientation) of a product with few rows. `rowMajor` tells the
 * tile's layout.
 */
export function directOperands(
  body: readonly Stmt[],
  allStmts: readonly Stmt[],
  rowMajor: (t: TileDecl) => boolean,
): Map<Stmt, DirectOperand> {
  const out = new Map<Stmt, DirectOperand>();
  for (const s of body) {
    if (s.kind !== "copy" || s.dst.kind !== "tile" || s.src.kind !== "region") continue;
    const tile = s.dst;
    const region = s.src;
    if (
      tile.shape.length !== 2 ||
      !rowsContiguous(region) ||
      !rowMajor(tile) ||
      region.dims.length !== 2
    )
      continue;
    const gemms = body.filter(
      (g): g is Extract<Stmt, { kind: "gemm" }> => g.kind === "gemm" && g.b.id === tile.id,
    );
    if (gemms.length === 0 || gemms.some((g) => g.c.shape[0]! > MAX_DIRECT_ROWS)) continue;
    const transposed = gemms[0]!.transB;
    if (gemms.some((g) => g.transB !== transposed)) continue;
    if (transposed && !gemms.every(dotShaped)) continue;
    if (allStmts.some((x) => x !== s && otherUse(x, tile))) continue;
    out.set(s, { region, rowStride: strideOf(region), transposed });
  }
  return out;
}
