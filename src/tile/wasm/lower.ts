/**
 * IR -> binaryen expressions for one block of a kernel. Scalars become WASM locals, tensors
 * are pointer parameters into the shared memory, tiles live in the calling thread's scratch
 * area (see layout.ts). Tile intrinsics are lowered in their own files (copy, gemm, reduce).
 */
import type binaryen from "binaryen";
import { linearIndex, regionIndex, regionInside } from "../codegen/index-math.ts";
import { Lowering, type StmtOf } from "../codegen/lowering.ts";
import type {
  BinaryFn,
  DType,
  ExprNode,
  ExprType,
  Kernel,
  Stmt,
  Sym,
  TensorDecl,
  TileDecl,
  UnaryFn,
} from "../ir.ts";
import { bn } from "./binaryen.ts";
import { lowerCopy } from "./copy.ts";
import { type DirectOperand, directOperands } from "./direct.ts";
import { lowerFill, lowerReduce } from "./fill-reduce.ts";
import { emitGemm, gemmOperands, lowerGemm } from "./gemm.ts";
import type { ScratchPlan, TileLayout } from "./layout.ts";
import { callMath } from "./math.ts";
import { vectorizeParallel } from "./vectorize.ts";

export type X = binaryen.ExpressionRef;

const F32_OPS: Partial<Record<BinaryFn, keyof binaryen.Module["f32"]>> = {
  add: "add",
  sub: "sub",
  mul: "mul",
  div: "div",
  min: "min",
  max: "max",
  lt: "lt",
  le: "le",
  gt: "gt",
  ge: "ge",
  eq: "eq",
  ne: "ne",
};

const I32_OPS: Partial<Record<BinaryFn, keyof binaryen.Module["i32"]>> = {
  add: "add",
  sub: "sub",
  mul: "mul",
  div: "div_s",
  mod: "rem_s",
  lt: "lt_s",
  le: "le_s",
  gt: "gt_s",
  ge: "ge_s",
  eq: "eq",
  ne: "ne",
  and: "and",
  or: "or",
};

export function wasmType(t: ExprType): binaryen.Type {
  return t === "f32" ? bn().f32 : bn().i32;
}

export class WasmLowering extends Lowering<X> {
  readonly locals: binaryen.Type[] = [];
  private readonly symLocal = new Map<number, number>();
  private readonly math = new Set<string>();
  private labels = 0;
  private fresh = -1;
  /** Copies that may be skipped for a direct B operand, and the tiles they would fill. */
  private readonly directCopies = new Map<Stmt, DirectOperand>();
  private readonly directTiles = new Map<number, { fast: number; op: DirectOperand }>();

  constructor(
    kernel: Kernel,
    readonly m: binaryen.Module,
    readonly plan: ScratchPlan,
    readonly relaxed: boolean,
    /** Index of the first non-parameter local. */
    private readonly firstLocal: number,
    readonly tensorParam: ReadonlyMap<string, number>,
    readonly scratchParam: number,
    params: ReadonlyMap<number, number>,
  ) {
    super(kernel);
    for (const [id, index] of params) this.symLocal.set(id, index);
  }

  // ---- helpers shared with the intrinsic lowerings ----

  /** A fresh local of the given type. */
  temp(type: binaryen.Type): number {
    this.locals.push(type);
    return this.firstLocal + this.locals.length - 1;
  }

  /** A compiler-made i32 loop variable (negative ids never clash with traced symbols). */
  freshSym(name: string): Sym {
    return { id: this.fresh--, kind: "loop", name, type: "i32", uniform: false };
  }

  local(sym: Sym): number {
    let index = this.symLocal.get(sym.id);
    if (index === undefined) {
      index = this.temp(wasmType(sym.type));
      this.symLocal.set(sym.id, index);
    }
    return index;
  }

  get(index: number, type: binaryen.Type = bn().i32): X {
    return this.m.local.get(index, type);
  }

  i32(v: number): X {
    return this.m.i32.const(v);
  }

  label(prefix: string): string {
    return `${prefix}${this.labels++}`;
  }

  /** for (counter = 0; counter < extent; counter += step) body. */
  loop(counter: number, extent: X, body: X[], step = 1): X {
    const m = this.m;
    const end = this.temp(bn().i32);
    const exit = this.label("exit");
    const top = this.label("loop");
    return m.block(null, [
      m.local.set(end, extent),
      m.local.set(counter, this.i32(0)),
      m.block(exit, [
        m.loop(
          top,
          m.block(null, [
            m.br(exit, m.i32.ge_s(this.get(counter), this.get(end))),
            ...body,
            m.local.set(counter, m.i32.add(this.get(counter), this.i32(step))),
            m.br(top),
          ]),
        ),
      ]),
    ]);
  }

  tileLayout(t: TileDecl): TileLayout {
    return this.plan.tiles.get(t.id)!;
  }

  /** Byte address of a tile's first element. */
  tileBase(t: TileDecl): X {
    return this.m.i32.add(this.get(this.scratchParam), this.i32(this.tileLayout(t).offset));
  }

  /** Byte address of a tile element given IR indices. */
  tileAddr(t: TileDecl, index: readonly ExprNode[]): X {
    const l = this.tileLayout(t);
    const m = this.m;
    let off = m.i32.mul(this.expr(index[0]!), this.i32(l.rowStride));
    if (index.length === 2)
      off = m.i32.add(off, m.i32.mul(this.expr(index[1]!), this.i32(l.colStride)));
    return m.i32.add(this.tileBase(t), m.i32.shl(off, this.i32(2)));
  }

  tensorAddr(t: TensorDecl, linear: X): X {
    return this.m.i32.add(
      this.get(this.tensorParam.get(t.name)!),
      this.m.i32.shl(linear, this.i32(2)),
    );
  }

  loadAt(type: DType, addr: X, offset = 0): X {
    return type === "f32" ? this.m.f32.load(offset, 4, addr) : this.m.i32.load(offset, 4, addr);
  }

  storeAt(type: DType, addr: X, value: X, offset = 0): X {
    return type === "f32"
      ? this.m.f32.store(offset, 4, addr, value)
      : this.m.i32.store(offset, 4, addr, value);
  }

  // ---- expressions ----

  protected constant(type: ExprType, value: number): X {
    return type === "f32" ? this.m.f32.const(value) : this.i32(value);
  }

  protected symbol(sym: Sym): X {
    return this.get(this.local(sym), wasmType(sym.type));
  }

  /** Evaluates `value` once into a temp and builds an expression reading it. */
  private withTemp(type: binaryen.Type, value: X, use: (get: () => X) => X): X {
    const t = this.temp(type);
    return this.m.block(null, [this.m.local.set(t, value), use(() => this.get(t, type))], type);
  }

  protected unary(fn: UnaryFn, type: ExprType, a: X): X {
    const m = this.m;
    const isF = type === "f32";
    switch (fn) {
      case "neg":
        return isF ? m.f32.neg(a) : m.i32.sub(this.i32(0), a);
      case "abs":
        return isF
          ? m.f32.abs(a)
          : this.withTemp(bn().i32, a, (g) =>
              m.select(m.i32.lt_s(g(), this.i32(0)), m.i32.sub(this.i32(0), g()), g()),
            );
      case "exp":
      case "log":
      case "log1p":
      case "tanh":
        return callMath(m, this.math, fn, [a]);
      case "sqrt":
        return m.f32.sqrt(a);
      case "rsqrt":
        return m.f32.div(m.f32.const(1), m.f32.sqrt(a));
      case "floor":
        return m.f32.floor(a);
      case "not":
        return m.i32.eqz(a);
      case "toF32":
        return m.f32.convert_s.i32(a);
      case "toI32":
        return m.i32.trunc_s_sat.f32(a);
    }
  }

  protected binary(fn: BinaryFn, type: ExprType, a: X, b: X): X {
    const m = this.m;
    if (type === "f32") {
      if (fn === "pow") return callMath(m, this.math, "pow", [a, b]);
      const op = F32_OPS[fn]!;
      return (m.f32[op] as (x: X, y: X) => X)(a, b);
    }
    if (fn === "min" || fn === "max") {
      const cmp = fn === "min" ? m.i32.lt_s : m.i32.gt_s;
      return this.withTemp(bn().i32, a, (ga) =>
        this.withTemp(bn().i32, b, (gb) => m.select(cmp(ga(), gb()), ga(), gb())),
      );
    }
    const op = I32_OPS[fn]!;
    return (m.i32[op] as (x: X, y: X) => X)(a, b);
  }

  protected select(_type: ExprType, cond: X, a: X, b: X): X {
    return this.m.select(cond, a, b);
  }

  protected loadTile(tile: TileDecl, index: readonly ExprNode[]): X {
    return this.loadAt(tile.dtype, this.tileAddr(tile, index));
  }

  /** A guarded tensor element load at IR indices (0 outside the tensor). */
  loadTensorScalar(t: TensorDecl, index: readonly ExprNode[]): X {
    const { linear, ok } = this.tensorAccess(t, index);
    return this.loadTensor(t, this.expr(linear), this.expr(ok));
  }

  /** A guarded tensor element store at IR indices (dropped outside the tensor). */
  storeTensorScalar(t: TensorDecl, index: readonly ExprNode[], value: X): X {
    const { linear, ok } = this.tensorAccess(t, index);
    return this.m.if(
      this.expr(ok),
      this.storeAt(t.dtype, this.tensorAddr(t, this.expr(linear)), value),
    );
  }

  protected loadTensor(t: TensorDecl, linear: X, ok: X): X {
    const zero = t.dtype === "f32" ? this.m.f32.const(0) : this.i32(0);
    return this.m.if(ok, this.loadAt(t.dtype, this.tensorAddr(t, linear)), zero);
  }

  // ---- statements ----

  block(list: X[]): X {
    return this.m.block(null, list);
  }

  protected lowerFor(s: StmtOf<"for">): X {
    const rowMajor = (t: TileDecl) => this.tileLayout(t).colStride === 1;
    for (const [copy, op] of directOperands(s.body, this.kernel.body, rowMajor))
      this.directCopies.set(copy, op);
    return this.loop(this.local(s.v), this.expr(s.extent), this.stmts(s.body));
  }

  protected lowerParallel(s: StmtOf<"parallel">): X {
    const vector = vectorizeParallel(this, s, this.math);
    if (vector !== null) return vector;
    let body = this.block(this.stmts(s.body));
    for (let d = s.vars.length - 1; d >= 0; d--) {
      body = this.loop(this.local(s.vars[d]!), this.i32(s.extents[d]!), [body]);
    }
    return body;
  }

  protected lowerIf(s: StmtOf<"if">): X {
    const otherwise = s.elseBody.length ? this.block(this.stmts(s.elseBody)) : undefined;
    return this.m.if(this.expr(s.cond), this.block(this.stmts(s.thenBody)), otherwise);
  }

  protected lowerBind(s: StmtOf<"let" | "local" | "assign">): X {
    return this.m.local.set(this.local(s.v), this.expr(s.value));
  }

  protected lowerUniformLoad(s: StmtOf<"uniformLoad">): X {
    const { linear, ok } = this.tensorAccess(s.tensor, s.index);
    return this.m.local.set(
      this.local(s.v),
      this.loadTensor(s.tensor, this.expr(linear), this.expr(ok)),
    );
  }

  protected lowerStore(s: StmtOf<"store">): X {
    const value = this.expr(s.value);
    if (s.buf.kind === "tile")
      return this.storeAt(s.buf.dtype, this.tileAddr(s.buf, s.index), value);
    const { linear, ok } = this.tensorAccess(s.buf, s.index);
    return this.m.if(
      this.expr(ok),
      this.storeAt(s.buf.dtype, this.tensorAddr(s.buf, this.expr(linear)), value),
    );
  }

  protected lowerCopy(s: StmtOf<"copy">): X {
    const op = this.directCopies.get(s);
    if (!op || s.dst.kind !== "tile") return lowerCopy(this, s);
    // Skip the copy when the window is inside the tensor: gemm then reads it in place.
    const fast = this.temp(bn().i32);
    this.directTiles.set(s.dst.id, { fast, op });
    return this.m.block(null, [
      this.m.local.set(fast, this.expr(regionInside(op.region))),
      this.m.if(this.m.i32.eqz(this.get(fast)), lowerCopy(this, s)),
    ]);
  }

  protected lowerFill(s: StmtOf<"fill">): X {
    return lowerFill(this, s);
  }

  protected lowerGemm(s: StmtOf<"gemm">): X {
    const d = this.directTiles.get(s.b.id);
    if (!d) return lowerGemm(this, s);
    const { g, a, b, c } = gemmOperands(this, s);
    const r = d.op.region;
    const start = linearIndex(
      r.tensor.shape,
      regionIndex(
        r,
        r.shape.map(() => ({ op: "const", type: "i32", value: 0 })),
      ),
    );
    const base = this.tensorAddr(r.tensor, this.expr(start));
    const stride = this.expr(d.op.rowStride);
    const direct = d.op.transposed
      ? { base, rowStride: 1, colStride: 0, colStrideExpr: stride }
      : { base, rowStride: 0, rowStrideExpr: stride, colStride: 1 };
    return this.m.if(this.get(d.fast), emitGemm(this, g, a, direct, c), emitGemm(this, g, a, b, c));
  }

  protected lowerReduce(s: StmtOf<"reduce">): X {
    return lowerReduce(this, s);
  }
}
