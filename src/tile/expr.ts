/**
 * Scalar expressions of the DSL. `Expr` wraps an IR node and offers arithmetic as methods
 * (TypeScript has no operator overloading); plain numbers are lifted to constants of the other
 * operand's type. Type errors throw a TileError located at the DSL line. Integer constants are
 * folded so tile offsets and grid sizes stay readable in generated code.
 */
import { TileError } from "./errors.ts";
import type { BinaryFn, DType, ExprNode, ExprType, Sym, UnaryFn } from "./ir.ts";
import { callSite } from "./source-loc.ts";

export type ExprLike = Expr | number;

const COMPARE: ReadonlySet<BinaryFn> = new Set(["lt", "le", "gt", "ge", "eq", "ne"]);
const LOGIC: ReadonlySet<BinaryFn> = new Set(["and", "or"]);
const FLOAT_ONLY: ReadonlySet<UnaryFn> = new Set([
  "exp",
  "log",
  "log1p",
  "sqrt",
  "rsqrt",
  "floor",
  "tanh",
]);

export class Expr {
  constructor(readonly node: ExprNode) {}

  get type(): ExprType {
    return this.node.type;
  }

  add(b: ExprLike): Expr {
    return binary("add", this, b);
  }
  sub(b: ExprLike): Expr {
    return binary("sub", this, b);
  }
  mul(b: ExprLike): Expr {
    return binary("mul", this, b);
  }
  /** Float division, or integer division truncating toward zero. */
  div(b: ExprLike): Expr {
    return binary("div", this, b);
  }
  /** Integer remainder (sign of the dividend). */
  mod(b: ExprLike): Expr {
    return binary("mod", this, b);
  }
  pow(b: ExprLike): Expr {
    return binary("pow", this, b);
  }
  lt(b: ExprLike): Expr {
    return binary("lt", this, b);
  }
  le(b: ExprLike): Expr {
    return binary("le", this, b);
  }
  gt(b: ExprLike): Expr {
    return binary("gt", this, b);
  }
  ge(b: ExprLike): Expr {
    return binary("ge", this, b);
  }
  eq(b: ExprLike): Expr {
    return binary("eq", this, b);
  }
  ne(b: ExprLike): Expr {
    return binary("ne", this, b);
  }
  and(b: ExprLike): Expr {
    return binary("and", this, b);
  }
  or(b: ExprLike): Expr {
    return binary("or", this, b);
  }
  neg(): Expr {
    return unary("neg", this);
  }
  not(): Expr {
    return unary("not", this);
  }
}

/** A constant of the given type. */
export function lit(value: number, type: ExprType): Expr {
  if (type !== "f32" && !Number.isInteger(value)) {
    throw new TileError(`constant ${value} is not a valid ${type}`, callSite());
  }
  return new Expr({ op: "const", type, value: type === "f32" ? Math.fround(value) : value });
}

/** The expression reading a symbol. */
export function symExpr(sym: Sym): Expr {
  return new Expr({ op: "sym", type: sym.type, sym });
}

function lift(x: ExprLike, like: ExprType): Expr {
  if (x instanceof Expr) return x;
  if (like === "bool") throw new TileError(`cannot use number ${x} as a bool`, callSite());
  if (like === "i32" && !Number.isInteger(x)) {
    throw new TileError(`number ${x} used with an i32 expression; use f32 values`, callSite());
  }
  return lit(x, like);
}

function liftPair(a: ExprLike, b: ExprLike): [Expr, Expr] {
  if (a instanceof Expr) return [a, lift(b, a.type)];
  if (b instanceof Expr) return [lift(a, b.type), b];
  const type = Number.isInteger(a) && Number.isInteger(b) ? "i32" : "f32";
  return [lit(a, type), lit(b, type)];
}

/** a `fn` b with type checking and integer constant folding. */
export function binary(fn: BinaryFn, x: ExprLike, y: ExprLike): Expr {
  const [a, b] = liftPair(x, y);
  if (a.type !== b.type) {
    throw new TileError(`${fn}: operand types differ (${a.type} vs ${b.type})`, callSite());
  }
  if (LOGIC.has(fn) !== (a.type === "bool")) {
    throw new TileError(`${fn}: not defined on ${a.type} operands`, callSite());
  }
  if (fn === "mod" && a.type !== "i32") {
    throw new TileError(`mod: needs i32 operands, got ${a.type}`, callSite());
  }
  if (fn === "pow" && a.type !== "f32") {
    throw new TileError(`pow: needs f32 operands, got ${a.type}`, callSite());
  }
  const type: ExprType = COMPARE.has(fn) ? "bool" : a.type;
  return fold(fn, a.node, b.node) ?? new Expr({ op: "binary", type, fn, a: a.node, b: b.node });
}

function constOf(n: ExprNode): number | null {
  return n.op === "const" && n.type === "i32" ? n.value : null;
}

function fold(fn: BinaryFn, a: ExprNode, b: ExprNode): Expr | null {
  const ca = constOf(a);
  const cb = constOf(b);
  if (ca !== null && cb !== null) {
    const v = foldInt(fn, ca, cb);
    if (v !== null)
      return new Expr({ op: "const", type: COMPARE.has(fn) ? "bool" : "i32", value: v });
  }
  if (fn === "add" && cb === 0) return new Expr(a);
  if (fn === "add" && ca === 0) return new Expr(b);
  if (fn === "sub" && cb === 0) return new Expr(a);
  if (fn === "mul" && (cb === 1 || ca === 0)) return new Expr(a);
  if (fn === "mul" && (ca === 1 || cb === 0)) return new Expr(b);
  if (fn === "div" && cb === 1) return new Expr(a);
  return null;
}

function foldInt(fn: BinaryFn, a: number, b: number): number | null {
  switch (fn) {
    case "add":
      return (a + b) | 0;
    case "sub":
      return (a - b) | 0;
    case "mul":
      return Math.imul(a, b);
    case "div":
      return b === 0 ? null : (a / b) | 0;
    case "mod":
      return b === 0 ? null : (a % b) | 0;
    case "min":
      return Math.min(a, b);
    case "max":
      return Math.max(a, b);
    case "lt":
      return a < b ? 1 : 0;
    case "le":
      return a <= b ? 1 : 0;
    case "gt":
      return a > b ? 1 : 0;
    case "ge":
      return a >= b ? 1 : 0;
    case "eq":
      return a === b ? 1 : 0;
    case "ne":
      return a !== b ? 1 : 0;
    default:
      return null;
  }
}

/** fn(a) with type checking. */
export function unary(fn: UnaryFn, x: ExprLike): Expr {
  const a = x instanceof Expr ? x : lit(x, Number.isInteger(x) && fn !== "exp" ? "i32" : "f32");
  if (FLOAT_ONLY.has(fn) && a.type !== "f32") {
    throw new TileError(`${fn}: needs an f32 operand, got ${a.type}`, callSite());
  }
  if ((fn === "not") !== (a.type === "bool")) {
    throw new TileError(`${fn}: not defined on ${a.type}`, callSite());
  }
  if ((fn === "toF32" || fn === "toI32") && a.type === "bool") {
    throw new TileError(`${fn}: use select() to turn a bool into a number`, callSite());
  }
  const type: ExprType = fn === "toF32" ? "f32" : fn === "toI32" ? "i32" : a.type;
  if (type === a.type && (fn === "toF32" || fn === "toI32")) return a;
  const c = constOf(a.node);
  if (fn === "neg" && c !== null) return lit(-c | 0, "i32");
  return new Expr({ op: "unary", type, fn, a: a.node });
}

export const exp = (x: ExprLike): Expr => unary("exp", x);
export const log = (x: ExprLike): Expr => unary("log", x);
/** log(1 + x), accurate for small x. */
export const log1p = (x: ExprLike): Expr => unary("log1p", x);
export const sqrt = (x: ExprLike): Expr => unary("sqrt", x);
export const rsqrt = (x: ExprLike): Expr => unary("rsqrt", x);
export const abs = (x: ExprLike): Expr => unary("abs", x);
export const floor = (x: ExprLike): Expr => unary("floor", x);
export const tanh = (x: ExprLike): Expr => unary("tanh", x);
/** i32 -> f32 conversion (identity on f32). */
export const toF32 = (x: ExprLike): Expr => unary("toF32", x);
/** f32 -> i32 conversion truncating toward zero (identity on i32). */
export const toI32 = (x: ExprLike): Expr => unary("toI32", x);
/** Minimum; NaN propagates on the interpreter and WASM. */
export const min = (a: ExprLike, b: ExprLike): Expr => binary("min", a, b);
export const max = (a: ExprLike, b: ExprLike): Expr => binary("max", a, b);

/** ceil(a / b) for non-negative i32 a and positive b. */
export function ceilDiv(a: ExprLike, b: ExprLike): Expr {
  return binary("div", binary("sub", binary("add", a, b), 1), b);
}

/** cond ? a : b; both branches are evaluated (they must be free of side effects). */
export function select(cond: Expr, a: ExprLike, b: ExprLike): Expr {
  if (cond.type !== "bool") {
    throw new TileError(`select: condition must be bool, got ${cond.type}`, callSite());
  }
  const [x, y] = liftPair(a, b);
  if (x.type !== y.type) {
    throw new TileError(`select: branch types differ (${x.type} vs ${y.type})`, callSite());
  }
  if (cond.node.op === "const") return cond.node.value ? x : y;
  return new Expr({ op: "select", type: x.type, cond: cond.node, a: x.node, b: y.node });
}

/** The element type of an expression that must not be a bool. */
export function valueType(e: Expr, what: string): DType {
  if (e.type === "bool") throw new TileError(`${what}: expected a number, got a bool`, callSite());
  return e.type;
}
