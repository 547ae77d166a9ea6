/**
 * The kernel builder: `defineKernel(name, build)` runs `build` once with a KernelBuilder and
 * returns the traced IR. Checks that need only the source (types, shapes, placement of
 * statements, uniformity of block-level control flow) run here, each error located at the DSL
 * line; `checkBounds` then proves tile accesses in range.
 *
 * Nesting: the block body holds tile-level statements (copy, fill, gemm, reduce, parallel,
 * serial/pipelined loops, when, let); element-level statements (stores, locals) live inside a
 * `parallel` loop. Block-level control flow must be uniform: it may depend on sizes, scalars,
 * block indices, block-level loop counters and lets, and `loadUniform` values, never on loads.
 *
 * Expressions are trees, evaluated where they are used: a value read from a tile and used
 * again after that tile element is overwritten reads the new value. Bind it with `k.let`
 * first when both uses must see the old one.
 */
import {
  asExpr,
  checkGemm,
  checkReduce,
  checkTileCopy,
  isUniform,
  requireUniform,
  resolveRegion,
} from "./checks.ts";
import { TileError } from "./errors.ts";
import { type Expr, type ExprLike, symExpr } from "./expr.ts";
import type { DType, ExprNode, Kernel, ReduceOp, Stmt, Sym, TensorDecl, TileDecl } from "./ir.ts";
import { checkBounds } from "./passes/bounds.ts";
import { LocalRef, type Recorder, TensorRef, TensorWindow, TileRef } from "./refs.ts";
import { callSite } from "./source-loc.ts";

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export interface KernelOptions {
  /** Threads per block on GPU targets (a power of two, default 256). */
  threads?: number;
}

/** Traces `build` into a kernel. `name` must be unique per configuration. */
export function defineKernel(
  name: string,
  build: (k: KernelBuilder) => void,
  options: KernelOptions = {},
): Kernel {
  const k = new KernelBuilder(name, options.threads ?? 256);
  build(k);
  const kernel = k.finish();
  checkBounds(kernel);
  return kernel;
}

export class KernelBuilder implements Recorder {
  private nextId = 0;
  private readonly names = new Set<string>();
  private readonly sizeSyms: Sym[] = [];
  private readonly scalarSyms: Sym[] = [];
  private readonly tensorDecls: TensorDecl[] = [];
  private readonly tileDecls: TileDecl[] = [];
  private gridDims: ExprNode[] | null = null;
  private blockSyms: Sym[] = [];
  private readonly body: Stmt[] = [];
  private readonly stack: Stmt[][] = [this.body];
  /** Depth of enclosing parallel loops (0 = block level). */
  private elementDepth = 0;
  private readonly loc = callSite();

  constructor(
    readonly name: string,
    readonly threads: number,
  ) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new TileError(`kernel name "${name}" must be an identifier`, this.loc);
    }
    if (!(threads >= 1 && threads <= 1024 && (threads & (threads - 1)) === 0)) {
      throw new TileError(
        `kernel ${name}: threads ${threads} must be a power of two <= 1024`,
        this.loc,
      );
    }
  }

  // ---- declarations ----

  /** A symbolic run-time size (non-negative i32). */
  size(name: string): Expr {
    const sym = this.sym("size", this.declare(name), "i32", true);
    this.sizeSyms.push(sym);
    return symExpr(sym);
  }

  /** Several sizes at once: `const [M, N, K] = k.sizes("M", "N", "K")`. */
  sizes<const N extends readonly string[]>(...names: N): { [I in keyof N]: Expr } {
    return names.map((n) => this.size(n)) as { [I in keyof N]: Expr };
  }

  /** A run-time scalar parameter (eps, scale, ...). */
  scalar(name: string, type: DType = "f32"): Expr {
    const sym = this.sym("scalar", this.declare(name), type, true);
    this.scalarSyms.push(sym);
    return symExpr(sym);
  }

  /** A dense row-major global tensor whose dims are expressions over sizes. */
  tensor(
    name: string,
    dtype: DType,
    shape: readonly ExprLike[],
    access: TensorDecl["access"] = "read",
  ): TensorRef {
    const loc = callSite();
    const dims = shape.map((d, i) => {
      const e = asExpr(d, "i32", `tensor ${name} dim ${i}`);
      if (!isUniform(e.node))
        throw new TileError(`tensor ${name}: dim ${i} must be built from sizes`, loc);
      return e.node;
    });
    if (dims.length === 0) throw new TileError(`tensor ${name}: needs at least one dim`, loc);
    const decl: TensorDecl = {
      kind: "tensor",
      name: this.declare(name),
      dtype,
      shape: dims,
      access,
      loc,
    };
    this.tensorDecls.push(decl);
    return new TensorRef(decl, this);
  }

  /** Declares the grid (1-3 dims of block counts) and returns the block indices. */
  grid(extents: readonly [ExprLike]): [Expr];
  grid(extents: readonly [ExprLike, ExprLike]): [Expr, Expr];
  grid(extents: readonly [ExprLike, ExprLike, ExprLike]): [Expr, Expr, Expr];
  grid(extents: readonly ExprLike[]): Expr[] {
    const loc = callSite();
    if (this.gridDims) throw new TileError(`kernel ${this.name}: grid declared twice`, loc);
    if (extents.length < 1 || extents.length > 3) {
      throw new TileError(`grid: needs 1 to 3 dims, got ${extents.length}`, loc);
    }
    this.gridDims = extents.map((x, i) => {
      const e = asExpr(x, "i32", `grid dim ${i}`);
      if (!isUniform(e.node)) throw new TileError(`grid: dim ${i} must be built from sizes`, loc);
      return e.node;
    });
    const names = ["bx", "by", "bz"];
    this.blockSyms = extents.map((_, i) => this.sym("block", names[i]!, "i32", true));
    return this.blockSyms.map(symExpr);
  }

  /** A block-wide tile; its name must end in "Shared". */
  shared(name: string, dtype: DType, shape: readonly number[]): TileRef {
    return this.tile(name, "shared", dtype, shape);
  }

  /** An accumulator tile a GPU spreads over its threads; its name must end in "Frag". */
  fragment(name: string, dtype: DType, shape: readonly number[]): TileRef {
    return this.tile(name, "fragment", dtype, shape);
  }

  // ---- tile-level statements ----

  /** Sets every element of a tile. */
  fill(tile: TileRef, value: ExprLike): void {
    const v = asExpr(value, tile.decl.dtype, `fill ${tile.name}`);
    this.uniform(v.node, `fill ${tile.name}: value`);
    this.record({ kind: "fill", tile: tile.decl, value: v.node, loc: callSite() }, false);
  }

  /**
   * Copies between a tile and a tensor window (either direction) or between two tiles of one
   * shape. Reads outside the tensor give `pad`; writes outside it are dropped.
   */
  copy(
    src: TileRef | TensorWindow,
    dst: TileRef | TensorWindow,
    options: { pad?: number } = {},
  ): void {
    const loc = callSite();
    if (src instanceof TensorWindow && dst instanceof TensorWindow) {
      throw new TileError(
        "copy: one side must be a tile (tensor-to-tensor copies go through one)",
        loc,
      );
    }
    const tile = (src instanceof TileRef ? src : dst) as TileRef;
    const s = src instanceof TileRef ? src.decl : resolveRegion(src, tile.decl, loc);
    const d = dst instanceof TileRef ? dst.decl : resolveRegion(dst, tile.decl, loc);
    if (s.kind === "tile" && d.kind === "tile") checkTileCopy(s, d, loc);
    this.record({ kind: "copy", src: s, dst: d, pad: options.pad ?? 0, loc }, false);
  }

  /** c += op(a) @ op(b) with a, b shared f32 tiles and c an f32 fragment. */
  gemm(
    a: TileRef,
    b: TileRef,
    c: TileRef,
    options: { transA?: boolean; transB?: boolean } = {},
  ): void {
    const loc = callSite();
    const transA = options.transA ?? false;
    const transB = options.transB ?? false;
    checkGemm(a.decl, b.decl, c.decl, transA, transB, loc);
    this.record({ kind: "gemm", a: a.decl, b: b.decl, c: c.decl, transA, transB, loc }, false);
  }

  /**
   * dst[i] = op over j of src[i, j] (axis 1) or over i of src[i, j] (axis 0); with
   * `clear: false` the result is combined with dst's previous value.
   */
  reduce(
    src: TileRef,
    dst: TileRef,
    op: ReduceOp,
    axis: 0 | 1,
    options: { clear?: boolean } = {},
  ): void {
    const loc = callSite();
    checkReduce(src.decl, dst.decl, axis, loc);
    const clear = options.clear ?? true;
    this.record({ kind: "reduce", src: src.decl, dst: dst.decl, op, axis, clear, loc }, false);
  }

  /** Independent iterations over a compile-time 1-D or 2-D index space. */
  parallel(extents: readonly number[], body: (...idx: Expr[]) => void): void {
    const loc = callSite();
    if (
      extents.length < 1 ||
      extents.length > 2 ||
      !extents.every((e) => Number.isInteger(e) && e > 0)
    ) {
      throw new TileError(`parallel: extents [${extents}] must be 1 or 2 positive integers`, loc);
    }
    if (this.elementDepth > 0) throw new TileError("parallel: loops do not nest", loc);
    const names = ["i", "j"];
    const vars = extents.map((_, d) => this.sym("loop", names[d]!, "i32", false));
    const stmts = this.nested(true, () => body(...vars.map(symExpr)));
    this.record({ kind: "parallel", vars, extents, body: stmts, loc }, false);
  }

  /** A sequential loop; at block level its extent must be uniform. */
  serial(extent: ExprLike, body: (i: Expr) => void, name = "t"): void {
    this.loop(extent, body, false, name);
  }

  /**
   * The K loop of a tiled product. Its semantics are those of `serial`; the marker names the
   * loop whose copies a target may overlap with the previous step's product (the executors
   * here run the steps in order).
   */
  pipelined(extent: ExprLike, body: (k: Expr) => void, name = "ko"): void {
    if (this.elementDepth > 0) throw new TileError("pipelined: only at block level", callSite());
    this.loop(extent, body, true, name);
  }

  /** if (cond) then() else otherwise(); at block level cond must be uniform. */
  when(cond: Expr, then: () => void, otherwise?: () => void): void {
    const loc = callSite();
    const c = asExpr(cond, "bool", "when");
    if (this.elementDepth === 0) this.uniform(c.node, "when: condition");
    const t = this.nested(this.elementDepth > 0, then);
    const e = otherwise ? this.nested(this.elementDepth > 0, otherwise) : [];
    this.record({ kind: "if", cond: c.node, thenBody: t, elseBody: e, loc }, this.elementDepth > 0);
  }

  /** An immutable named value (computed once where it is written). */
  let(name: string, value: Expr): Expr {
    const loc = callSite();
    if (value.type === "bool") throw new TileError(`let ${name}: bool values cannot be bound`, loc);
    const uniform = this.elementDepth === 0;
    if (uniform) this.uniform(value.node, `let ${name}`);
    const v = this.sym("let", this.ident(name), value.type, uniform);
    this.record({ kind: "let", v, value: value.node, loc }, uniform === false);
    return symExpr(v);
  }

  /** A mutable scalar inside a parallel iteration. */
  local(name: string, type: DType, init: ExprLike): LocalRef {
    const loc = callSite();
    const value = asExpr(init, type, `local ${name}`);
    const v = this.sym("local", this.ident(name), type, false);
    this.record({ kind: "local", v, value: value.node, loc }, true);
    return new LocalRef(v, this);
  }

  /** Reads one tensor element at block level; every thread sees the value (it is uniform). */
  loadUniform(name: string, tensor: TensorRef, index: readonly ExprLike[]): Expr {
    const loc = callSite();
    const idx = index.map((x, d) => asExpr(x, "i32", `loadUniform ${tensor.name} index ${d}`).node);
    if (idx.length !== tensor.decl.shape.length) {
      throw new TileError(
        `loadUniform ${tensor.name}: got ${idx.length} indices ` +
          `for rank ${tensor.decl.shape.length}`,
        loc,
      );
    }
    idx.forEach((n, d) => {
      this.uniform(n, `loadUniform ${tensor.name}: index ${d}`);
    });
    const v = this.sym("let", this.ident(name), tensor.decl.dtype, true);
    this.record({ kind: "uniformLoad", v, tensor: tensor.decl, index: idx, loc }, false);
    return symExpr(v);
  }

  // ---- internals ----

  record(stmt: Stmt, elementLevel: boolean): void {
    if (!this.gridDims) throw new TileError(`${stmt.kind}: declare the grid first`, stmt.loc);
    if (elementLevel !== this.elementDepth > 0) {
      const where = elementLevel
        ? "inside a parallel loop"
        : "at block level (outside parallel loops)";
      throw new TileError(`${stmt.kind}: only allowed ${where}`, stmt.loc);
    }
    this.stack[this.stack.length - 1]!.push(stmt);
  }

  finish(): Kernel {
    if (!this.gridDims) throw new TileError(`kernel ${this.name}: no grid declared`, this.loc);
    return {
      name: this.name,
      sizes: this.sizeSyms,
      scalars: this.scalarSyms,
      tensors: this.tensorDecls,
      grid: this.gridDims,
      blockVars: this.blockSyms,
      tiles: this.tileDecls,
      body: this.body,
      threads: this.threads,
      loc: this.loc,
    };
  }

  private loop(extent: ExprLike, body: (i: Expr) => void, pipelined: boolean, name: string): void {
    const loc = callSite();
    const ext = asExpr(extent, "i32", "loop extent");
    const uniform = this.elementDepth === 0;
    if (uniform) this.uniform(ext.node, "loop extent");
    const v = this.sym("loop", this.ident(name), "i32", uniform);
    const stmts = this.nested(!uniform, () => body(symExpr(v)));
    this.record({ kind: "for", v, extent: ext.node, pipelined, body: stmts, loc }, !uniform);
  }

  private nested(element: boolean, fn: () => void): Stmt[] {
    const list: Stmt[] = [];
    this.stack.push(list);
    if (element) this.elementDepth++;
    try {
      fn();
    } finally {
      if (element) this.elementDepth--;
      this.stack.pop();
    }
    return list;
  }

  private tile(
    name: string,
    scope: TileDecl["scope"],
    dtype: DType,
    shape: readonly number[],
  ): TileRef {
    const loc = callSite();
    const suffix = scope === "shared" ? "Shared" : "Frag";
    if (!name.endsWith(suffix))
      throw new TileError(`${scope} tile "${name}" must end in "${suffix}"`, loc);
    if (shape.length < 1 || shape.length > 2 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new TileError(
        `${scope} ${name}: shape [${shape}] must be 1 or 2 positive integers`,
        loc,
      );
    }
    if (this.elementDepth > 0)
      throw new TileError(`${scope} ${name}: allocate tiles at block level`, loc);
    const decl: TileDecl = {
      kind: "tile",
      id: this.nextId++,
      name: this.declare(name),
      scope,
      dtype,
      shape,
      loc,
    };
    this.tileDecls.push(decl);
    return new TileRef(decl, this);
  }

  private uniform(n: ExprNode, what: string): void {
    requireUniform(n, what, callSite());
  }

  private declare(name: string): string {
    if (!NAME.test(name))
      throw new TileError(`name "${name}" must be letters and digits`, callSite());
    if (this.names.has(name)) throw new TileError(`name "${name}" is declared twice`, callSite());
    this.names.add(name);
    return name;
  }

  private ident(name: string): string {
    if (!NAME.test(name))
      throw new TileError(`name "${name}" must be letters and digits`, callSite());
    return name;
  }

  private sym(kind: Sym["kind"], name: string, type: DType, uniform: boolean): Sym {
    return { id: this.nextId++, kind, name, type, uniform };
  }
}
