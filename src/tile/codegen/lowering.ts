/**
 * The shared base of the code generators: walks the IR and hands each expression and
 * statement to a target-specific method. A target (WGSL strings, binaryen expressions) only
 * says how to spell each construct and how to run the tile intrinsics on its hardware; the
 * walk, tensor bounds logic and index arithmetic live here.
 */
import type {
  BinaryFn,
  ExprNode,
  ExprType,
  Kernel,
  Stmt,
  Sym,
  TensorDecl,
  TileDecl,
  UnaryFn,
} from "../ir.ts";
import { inBounds, linearIndex } from "./index-math.ts";

export type StmtOf<K extends Stmt["kind"]> = Extract<Stmt, { kind: K }>;

/** Lowers IR to values of type R (a WGSL source fragment, a binaryen expression, ...). */
export abstract class Lowering<R> {
  constructor(readonly kernel: Kernel) {}

  protected abstract constant(type: ExprType, value: number): R;
  protected abstract symbol(sym: Sym): R;
  /** `type` is the operand's type. */
  protected abstract unary(fn: UnaryFn, type: ExprType, a: R): R;
  /** `type` is the operands' type (comparisons return bool). */
  protected abstract binary(fn: BinaryFn, type: ExprType, a: R, b: R): R;
  protected abstract select(type: ExprType, cond: R, a: R, b: R): R;
  protected abstract loadTile(tile: TileDecl, index: readonly ExprNode[]): R;
  /** Load of element `linear`, yielding 0 when `ok` is false. */
  protected abstract loadTensor(t: TensorDecl, linear: R, ok: R): R;

  protected abstract lowerFor(s: StmtOf<"for">): R;
  protected abstract lowerParallel(s: StmtOf<"parallel">): R;
  protected abstract lowerIf(s: StmtOf<"if">): R;
  /** let, local and assign: bind or update a scalar. */
  protected abstract lowerBind(s: StmtOf<"let" | "local" | "assign">): R;
  protected abstract lowerUniformLoad(s: StmtOf<"uniformLoad">): R;
  protected abstract lowerStore(s: StmtOf<"store">): R;
  protected abstract lowerCopy(s: StmtOf<"copy">): R;
  protected abstract lowerFill(s: StmtOf<"fill">): R;
  protected abstract lowerGemm(s: StmtOf<"gemm">): R;
  protected abstract lowerReduce(s: StmtOf<"reduce">): R;

  expr(n: ExprNode): R {
    switch (n.op) {
      case "const":
        return this.constant(n.type, n.value);
      case "sym":
        return this.symbol(n.sym);
      case "unary":
        return this.unary(n.fn, n.a.type, this.expr(n.a));
      case "binary":
        return this.binary(n.fn, n.a.type, this.expr(n.a), this.expr(n.b));
      case "select":
        return this.select(n.type, this.expr(n.cond), this.expr(n.a), this.expr(n.b));
      case "load": {
        if (n.buf.kind === "tile") return this.loadTile(n.buf, n.index);
        const { linear, ok } = this.tensorAccess(n.buf, n.index);
        return this.loadTensor(n.buf, this.expr(linear), this.expr(ok));
      }
    }
  }

  /** Linear element offset and in-bounds predicate of a tensor access. */
  protected tensorAccess(
    t: TensorDecl,
    index: readonly ExprNode[],
  ): { linear: ExprNode; ok: ExprNode } {
    return { linear: linearIndex(t.shape, index), ok: inBounds(t.shape, index) };
  }

  stmts(list: readonly Stmt[]): R[] {
    return list.map((s) => this.stmt(s));
  }

  stmt(s: Stmt): R {
    switch (s.kind) {
      case "for":
        return this.lowerFor(s);
      case "parallel":
        return this.lowerParallel(s);
      case "if":
        return this.lowerIf(s);
      case "let":
      case "local":
      case "assign":
        return this.lowerBind(s);
      case "uniformLoad":
        return this.lowerUniformLoad(s);
      case "store":
        return this.lowerStore(s);
      case "copy":
        return this.lowerCopy(s);
      case "fill":
        return this.lowerFill(s);
      case "gemm":
        return this.lowerGemm(s);
      case "reduce":
        return this.lowerReduce(s);
    }
  }
}
