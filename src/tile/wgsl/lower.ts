/**
 * IR -> WGSL source for one workgroup. Scalars are WGSL lets/vars, tensors storage arrays
 * indexed from their view offset, shared tiles var<workgroup> arrays, fragments per-thread
 * arrays in registers, spread over the ty x tx thread grid chosen by the layout pass. The tile
 * intrinsics are in intrinsics.ts; barriers are placed by `blockStmts`.
 */
import { Lowering, type StmtOf } from "../codegen/lowering.ts";
import { TileError } from "../errors.ts";
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
import { regShape, type ThreadLayout } from "../passes/layout.ts";
import type { WgslOptions } from "../target.ts";
import { f32Literal, type HelperFn, i32Literal, isSpecial } from "./helpers.ts";
import { lowerCopy, lowerFill, lowerGemm, ownedLoop } from "./intrinsics.ts";
import { gemmOperandTiles, TileStorage } from "./precision.ts";
import { lowerReduce } from "./reduce.ts";
import { sharedEffects } from "./sync.ts";

const OPS: Partial<Record<BinaryFn, string>> = {
  add: "+",
  sub: "-",
  mul: "*",
  div: "/",
  mod: "%",
  lt: "<",
  le: "<=",
  gt: ">",
  ge: ">=",
  eq: "==",
  ne: "!=",
  and: "&&",
  or: "||",
};

const CALLS: Partial<Record<UnaryFn, string>> = {
  abs: "abs",
  exp: "exp",
  log: "log",
  log1p: "log1p_f",
  sqrt: "sqrt",
  rsqrt: "inverseSqrt",
  floor: "floor",
  tanh: "tanh_f",
  toF32: "f32",
  toI32: "i32",
};

export function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => (l ? `  ${l}` : l))
    .join("\n");
}

export function wgslType(t: ExprType): string {
  return t === "bool" ? "bool" : t;
}

/** How the loop variables of the enclosing parallel loop map to fragment registers. */
interface FragContext {
  /** loop sym id -> WGSL name of its register counter (a for rows, b for cols). */
  readonly reg: ReadonlyMap<number, string>;
  /** Non-fragment stores run on one replica only: "tx" -> only tx == 0 stores. */
  readonly replica: "tx" | "ty" | null;
}

export class WgslLowering extends Lowering<string> {
  readonly helpers = new Set<HelperFn>();
  private fresh = -1;
  private ctx: FragContext | null = null;
  /** var<workgroup> declarations made while lowering (uniform loads, reduce scratch). */
  readonly workgroupVars = new Map<string, string>();
  /** Whether the lowered code uses subgroup built-ins (the entry then probes the layout). */
  usesSubgroups = false;
  /** The element type each shared tile is held in (f16 for mixed-precision gemm operands). */
  readonly storage: TileStorage;

  constructor(
    kernel: Kernel,
    readonly layout: ThreadLayout,
    readonly options: WgslOptions = {},
  ) {
    super(kernel);
    this.storage = new TileStorage(options.f16GemmTiles ? gemmOperandTiles(kernel) : new Set());
  }

  name(sym: Sym): string {
    if (sym.kind === "size" || sym.kind === "scalar") return `params.${sym.name}`;
    return `${sym.name}_${sym.id < 0 ? `c${-sym.id}` : sym.id}`;
  }

  freshSym(name: string): Sym {
    return { id: this.fresh--, kind: "loop", name, type: "i32", uniform: false };
  }

  regs(t: TileDecl): [number, number] {
    return regShape(this.layout, t);
  }

  withContext<T>(ctx: FragContext | null, fn: () => T): T {
    const saved = this.ctx;
    this.ctx = ctx;
    try {
      return fn();
    } finally {
      this.ctx = saved;
    }
  }

  /** Register index of a fragment element inside a parallel loop context. */
  fragReg(t: TileDecl, index: readonly ExprNode[], loc: string): string {
    const reg = (n: ExprNode | undefined): string => {
      const r = n?.op === "sym" ? this.ctx?.reg.get(n.sym.id) : undefined;
      if (r === undefined)
        throw new TileError(`fragment ${t.name}: index is not a parallel loop variable`, loc);
      return r;
    };
    if (index.length === 2)
      return `${t.name}[${reg(index[0])} * ${this.regs(t)[1]} + ${reg(index[1])}]`;
    return `${t.name}[${reg(index[0])}]`;
  }

  // ---- expressions ----

  protected constant(type: ExprType, value: number): string {
    if (type === "bool") return value ? "true" : "false";
    return type === "f32" ? this.f32(value) : i32Literal(value);
  }

  /** An f32 constant, registering the helper that spells infinities and NaN. */
  f32(value: number): string {
    if (isSpecial(value)) this.helpers.add("specials");
    return f32Literal(value);
  }

  protected symbol(sym: Sym): string {
    return this.name(sym);
  }

  protected unary(fn: UnaryFn, _type: ExprType, a: string): string {
    if (fn === "neg") return `(-${a})`;
    if (fn === "not") return `(!${a})`;
    if (fn === "log1p" || fn === "tanh") this.helpers.add(fn);
    return `${CALLS[fn]}(${a})`;
  }

  protected binary(fn: BinaryFn, _type: ExprType, a: string, b: string): string {
    if (fn === "min" || fn === "max") return `${fn}(${a}, ${b})`;
    if (fn === "pow") {
      this.helpers.add("pow");
      this.helpers.add("specials");
      return `pow_f(${a}, ${b})`;
    }
    return `(${a} ${OPS[fn]} ${b})`;
  }

  protected select(_type: ExprType, cond: string, a: string, b: string): string {
    return `select(${b}, ${a}, ${cond})`;
  }

  protected loadTile(tile: TileDecl, index: readonly ExprNode[]): string {
    if (tile.scope === "fragment") return this.fragReg(tile, index, this.kernel.loc);
    return this.storage.load(tile, `${tile.name}[${this.expr(this.tileLinear(tile, index))}]`);
  }

  tileLinear(tile: TileDecl, index: readonly ExprNode[]): ExprNode {
    if (index.length === 1) return index[0]!;
    const cols: ExprNode = { op: "const", type: "i32", value: tile.shape[1]! };
    const row: ExprNode = { op: "binary", type: "i32", fn: "mul", a: index[0]!, b: cols };
    return { op: "binary", type: "i32", fn: "add", a: row, b: index[1]! };
  }

  tensorElem(t: TensorDecl, linear: string): string {
    return `t_${t.name}[params.off_${t.name} + ${linear}]`;
  }

  protected loadTensor(t: TensorDecl, linear: string, ok: string): string {
    const zero = t.dtype === "f32" ? "0.0f" : "0i";
    return `select(${zero}, ${this.tensorElem(t, linear)}, ${ok})`;
  }

  // ---- statements ----

  /** Block-level statements with the workgroup barriers shared memory needs. */
  blockStmts(list: readonly Stmt[]): string {
    const out: string[] = [];
    const written = new Set<number>();
    const read = new Set<number>();
    const barrier = () => {
      out.push("workgroupBarrier();");
      written.clear();
      read.clear();
    };
    const pending = () => written.size > 0 || read.size > 0;
    for (const s of list) {
      const fx = sharedEffects(s);
      const raw = [...fx.reads].some((t) => written.has(t));
      const war = [...fx.writes].some((t) => written.has(t) || read.has(t));
      if (raw || war || ((s.kind === "for" || s.kind === "if") && pending())) barrier();
      out.push(this.stmt(s));
      for (const t of fx.writes) written.add(t);
      for (const t of fx.reads) read.add(t);
      // Loop bodies and branches end synchronised; a uniform load is itself a barrier.
      if (s.kind === "for" || s.kind === "if" || s.kind === "uniformLoad") {
        written.clear();
        read.clear();
      }
    }
    if (pending()) barrier();
    return out.join("\n");
  }

  private isBlockLevel(s: StmtOf<"for" | "if">): boolean {
    return s.kind === "for" ? s.v.uniform : this.ctx === null;
  }

  protected lowerFor(s: StmtOf<"for">): string {
    const v = this.name(s.v);
    const body = this.isBlockLevel(s) ? this.blockStmts(s.body) : this.stmts(s.body).join("\n");
    const ext = this.expr(s.extent);
    return `for (var ${v} = 0i; ${v} < ${ext}; ${v}++) {\n${indent(body)}\n}`;
  }

  protected lowerParallel(s: StmtOf<"parallel">): string {
    return ownedLoop(this, s);
  }

  protected lowerIf(s: StmtOf<"if">): string {
    const lower = (l: readonly Stmt[]) =>
      this.isBlockLevel(s) ? this.blockStmts(l) : this.stmts(l).join("\n");
    const then = `if (${this.expr(s.cond)}) {\n${indent(lower(s.thenBody))}\n}`;
    return s.elseBody.length ? `${then} else {\n${indent(lower(s.elseBody))}\n}` : then;
  }

  protected lowerBind(s: StmtOf<"let" | "local" | "assign">): string {
    const v = this.name(s.v);
    const value = this.expr(s.value);
    if (s.kind === "let") return `let ${v} = ${value};`;
    if (s.kind === "local") return `var ${v}: ${wgslType(s.v.type)} = ${value};`;
    return `${v} = ${value};`;
  }

  protected lowerUniformLoad(s: StmtOf<"uniformLoad">): string {
    const slot = `u_${this.name(s.v)}`;
    this.workgroupVars.set(slot, `var<workgroup> ${slot}: ${s.tensor.dtype};`);
    const { linear, ok } = this.tensorAccess(s.tensor, s.index);
    const value = this.loadTensor(s.tensor, this.expr(linear), this.expr(ok));
    const share = `let ${this.name(s.v)} = workgroupUniformLoad(&${slot});`;
    return `if (lid == 0i) {\n  ${slot} = ${value};\n}\n${share}`;
  }

  protected lowerStore(s: StmtOf<"store">): string {
    const value = this.expr(s.value);
    if (s.buf.kind === "tile" && s.buf.scope === "fragment")
      return `${this.fragReg(s.buf, s.index, s.loc)} = ${value};`;
    let store: string;
    if (s.buf.kind === "tile") {
      const at = this.expr(this.tileLinear(s.buf, s.index));
      store = `${s.buf.name}[${at}] = ${this.storage.store(s.buf, value)};`;
    } else {
      const { linear, ok } = this.tensorAccess(s.buf, s.index);
      const elem = this.tensorElem(s.buf, this.expr(linear));
      store = `if (${this.expr(ok)}) {\n  ${elem} = ${value};\n}`;
    }
    const replica = this.ctx?.replica;
    return replica ? `if (${replica} == 0i) {\n${indent(store)}\n}` : store;
  }

  protected lowerCopy(s: StmtOf<"copy">): string {
    return lowerCopy(this, s);
  }

  protected lowerFill(s: StmtOf<"fill">): string {
    return lowerFill(this, s);
  }

  protected lowerGemm(s: StmtOf<"gemm">): string {
    return lowerGemm(this, s);
  }

  protected lowerReduce(s: StmtOf<"reduce">): string {
    return lowerReduce(this, s);
  }
}
