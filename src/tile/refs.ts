/**
 * Handles the kernel source holds on tensors, tiles and mutable locals. Reading an element
 * gives an Expr; writing one records a store in the enclosing parallel loop.
 */
import { TileError } from "./errors.ts";
import { Expr, type ExprLike, lit, symExpr } from "./expr.ts";
import type { BufferDecl, ExprNode, Stmt, Sym, TensorDecl, TileDecl } from "./ir.ts";
import { callSite } from "./source-loc.ts";

/** What the handles need from the kernel builder. */
export interface Recorder {
  /** Appends a statement; throws when it is not allowed at the current nesting level. */
  record(stmt: Stmt, elementLevel: boolean): void;
}

function indexNodes(buf: BufferDecl, idx: readonly ExprLike[], what: string): ExprNode[] {
  const name = buf.name;
  if (idx.length !== buf.shape.length) {
    throw new TileError(
      `${what} ${name}: got ${idx.length} indices for rank ${buf.shape.length}`,
      callSite(),
    );
  }
  return idx.map((x, d) => {
    const e = x instanceof Expr ? x : lit(x, "i32");
    if (e.type !== "i32") {
      throw new TileError(`${what} ${name}: index ${d} must be i32, got ${e.type}`, callSite());
    }
    return e.node;
  });
}

function storeValue(buf: BufferDecl, value: ExprLike): ExprNode {
  const e = value instanceof Expr ? value : lit(value, buf.dtype);
  if (e.type !== buf.dtype) {
    throw new TileError(
      `store ${buf.name}: value is ${e.type}, buffer is ${buf.dtype}`,
      callSite(),
    );
  }
  return e.node;
}

/** A global tensor argument of the kernel. */
export class TensorRef {
  constructor(
    readonly decl: TensorDecl,
    private readonly rec: Recorder,
  ) {}

  get name(): string {
    return this.decl.name;
  }

  /** Element read; indices outside the tensor read 0. */
  at(...idx: ExprLike[]): Expr {
    return new Expr({
      op: "load",
      type: this.decl.dtype,
      buf: this.decl,
      index: indexNodes(this.decl, idx, "load"),
    });
  }

  /** Element write inside a parallel loop; indices outside the tensor drop the write. */
  set(idx: readonly ExprLike[], value: ExprLike): void {
    const index = indexNodes(this.decl, idx, "store");
    const stmt: Stmt = {
      kind: "store",
      buf: this.decl,
      index,
      value: storeValue(this.decl, value),
      loc: callSite(),
    };
    this.rec.record(stmt, true);
  }

  /**
   * The window starting at `start` (one index per tensor dim) for a copy. `shape` defaults to
   * the shape of the tile on the other side of the copy; `dims` names the tensor dims the tile
   * dims run along (default: the trailing ones), e.g. [1, 3] for a [T, c] tile of [B, T, H, c].
   */
  tile(
    start: readonly ExprLike[],
    shape?: readonly number[],
    dims?: readonly number[],
  ): TensorWindow {
    return new TensorWindow(
      this.decl,
      indexNodes(this.decl, start, "tile"),
      shape ?? null,
      dims ?? null,
    );
  }
}

/** A window of a tensor as written in the source; its shape may still be open. */
export class TensorWindow {
  constructor(
    readonly tensor: TensorDecl,
    readonly start: readonly ExprNode[],
    readonly shape: readonly number[] | null,
    readonly dims: readonly number[] | null,
  ) {}
}

/** A shared or fragment tile. */
export class TileRef {
  constructor(
    readonly decl: TileDecl,
    private readonly rec: Recorder,
  ) {}

  get name(): string {
    return this.decl.name;
  }

  get shape(): readonly number[] {
    return this.decl.shape;
  }

  at(...idx: ExprLike[]): Expr {
    return new Expr({
      op: "load",
      type: this.decl.dtype,
      buf: this.decl,
      index: indexNodes(this.decl, idx, "load"),
    });
  }

  set(idx: readonly ExprLike[], value: ExprLike): void {
    const index = indexNodes(this.decl, idx, "store");
    const stmt: Stmt = {
      kind: "store",
      buf: this.decl,
      index,
      value: storeValue(this.decl, value),
      loc: callSite(),
    };
    this.rec.record(stmt, true);
  }
}

/** A mutable scalar local to one parallel iteration. */
export class LocalRef {
  constructor(
    readonly sym: Sym,
    private readonly rec: Recorder,
  ) {}

  get(): Expr {
    return symExpr(this.sym);
  }

  set(value: ExprLike): void {
    const e = value instanceof Expr ? value : lit(value, this.sym.type);
    if (e.type !== this.sym.type) {
      throw new TileError(
        `assign ${this.sym.name}: value is ${e.type}, local is ${this.sym.type}`,
        callSite(),
      );
    }
    this.rec.record({ kind: "assign", v: this.sym, value: e.node, loc: callSite() }, true);
  }
}
