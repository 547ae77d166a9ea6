/**
 * Vectorised parallel loops: the innermost dim of a parallel loop runs four iterations per
 * step on v128 lanes when every access is contiguous along it (tile elements [.., j] of a
 * row-major tile, tensor elements whose last index is j plus something invariant) or
 * invariant in it (broadcast with a splat), and every operation has a lane-wise form. Tensor
 * accesses keep their bounds semantics: a vector of four in-bounds elements moves at once,
 * otherwise lane by lane with the scalar test. Loops that do not qualify stay scalar.
 */
import type binaryen from "binaryen";
import { inBounds, linearIndex } from "../codegen/index-math.ts";
import type { StmtOf } from "../codegen/lowering.ts";
import type { BinaryFn, ExprNode, Stmt, Sym, TensorDecl } from "../ir.ts";
import { bn } from "./binaryen.ts";
import type { WasmLowering, X } from "./lower.ts";
import { callExp4 } from "./vector-math.ts";

type Kind = "f32" | "i32" | "mask";
interface Vec {
  readonly x: X;
  readonly kind: Kind;
}

const F32: Partial<Record<BinaryFn, "add" | "sub" | "mul" | "div" | "min" | "max">> = {
  add: "add",
  sub: "sub",
  mul: "mul",
  div: "div",
  min: "min",
  max: "max",
};
const F32_CMP: Partial<Record<BinaryFn, "lt" | "le" | "gt" | "ge" | "eq" | "ne">> = {
  lt: "lt",
  le: "le",
  gt: "gt",
  ge: "ge",
  eq: "eq",
  ne: "ne",
};
const I32_CMP: Partial<Record<BinaryFn, "lt_s" | "le_s" | "gt_s" | "ge_s" | "eq" | "ne">> = {
  lt: "lt_s",
  le: "le_s",
  gt: "gt_s",
  ge: "ge_s",
  eq: "eq",
  ne: "ne",
};

/** Lowers one parallel loop body four lanes at a time, or gives null when it cannot. */
class VectorBody {
  /** Symbols whose value changes along j (j itself and lets computed from it). */
  private readonly variant = new Set<number>();
  private readonly vecLocal = new Map<number, number>();
  private readonly m: binaryen.Module;

  constructor(
    private readonly w: WasmLowering,
    private readonly j: Sym,
    private readonly math: Set<string>,
  ) {
    this.m = w.m;
    this.variant.add(j.id);
  }

  private invariant(n: ExprNode): boolean {
    switch (n.op) {
      case "const":
        return true;
      case "sym":
        return !this.variant.has(n.sym.id);
      case "unary":
        return this.invariant(n.a);
      case "binary":
        return this.invariant(n.a) && this.invariant(n.b);
      case "select":
        return this.invariant(n.cond) && this.invariant(n.a) && this.invariant(n.b);
      case "load":
        return n.index.every((i) => this.invariant(i));
    }
  }

  /** Whether `n` is exactly j plus a j-invariant term. */
  private stepsWithJ(n: ExprNode): boolean {
    if (n.op === "sym") return n.sym.id === this.j.id;
    if (n.op !== "binary" || n.fn !== "add") return false;
    return (
      (this.stepsWithJ(n.a) && this.invariant(n.b)) || (this.stepsWithJ(n.b) && this.invariant(n.a))
    );
  }

  private splat(n: ExprNode): Vec | null {
    const m = this.m;
    if (n.type === "bool") {
      return { x: m.i32x4.splat(m.i32.sub(m.i32.const(0), this.w.expr(n))), kind: "mask" };
    }
    const s = this.w.expr(n);
    return n.type === "f32"
      ? { x: m.f32x4.splat(s), kind: "f32" }
      : { x: m.i32x4.splat(s), kind: "i32" };
  }

  expr(n: ExprNode): Vec | null {
    if (this.invariant(n)) return this.splat(n);
    const m = this.m;
    switch (n.op) {
      case "sym": {
        if (n.sym.id === this.j.id) {
          const base = m.i32x4.splat(this.w.expr(n));
          return {
            x: m.i32x4.add(base, m.v128.const([0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0])),
            kind: "i32",
          };
        }
        const l = this.vecLocal.get(n.sym.id);
        return l === undefined ? null : { x: this.w.get(l, bn().v128), kind: n.type };
      }
      case "unary":
        return this.unary(n.fn, this.expr(n.a));
      case "binary":
        return this.binary(n.fn, this.expr(n.a), this.expr(n.b));
      case "select": {
        const [c, a, b] = [this.expr(n.cond), this.expr(n.a), this.expr(n.b)];
        return c && a && b ? { x: m.v128.bitselect(a.x, b.x, c.x), kind: a.kind } : null;
      }
      case "load":
        return this.load(n);
      default:
        return null;
    }
  }

  private unary(fn: string, a: Vec | null): Vec | null {
    if (!a) return null;
    const m = this.m;
    if (a.kind === "f32") {
      if (fn === "neg") return { x: m.f32x4.neg(a.x), kind: "f32" };
      if (fn === "abs") return { x: m.f32x4.abs(a.x), kind: "f32" };
      if (fn === "sqrt") return { x: m.f32x4.sqrt(a.x), kind: "f32" };
      if (fn === "rsqrt")
        return { x: m.f32x4.div(m.f32x4.splat(m.f32.const(1)), m.f32x4.sqrt(a.x)), kind: "f32" };
      if (fn === "floor") return { x: m.f32x4.floor(a.x), kind: "f32" };
      if (fn === "exp") return { x: callExp4(m, this.math, a.x), kind: "f32" };
      if (fn === "toI32") return { x: m.i32x4.trunc_sat_f32x4_s(a.x), kind: "i32" };
      return null;
    }
    if (a.kind === "i32") {
      if (fn === "neg") return { x: m.i32x4.neg(a.x), kind: "i32" };
      if (fn === "abs") return { x: m.i32x4.abs(a.x), kind: "i32" };
      if (fn === "toF32") return { x: m.f32x4.convert_i32x4_s(a.x), kind: "f32" };
      return null;
    }
    return fn === "not" ? { x: m.v128.not(a.x), kind: "mask" } : null;
  }

  private binary(fn: BinaryFn, a: Vec | null, b: Vec | null): Vec | null {
    if (!a || !b) return null;
    const m = this.m;
    if (a.kind === "mask") {
      if (fn === "and") return { x: m.v128.and(a.x, b.x), kind: "mask" };
      if (fn === "or") return { x: m.v128.or(a.x, b.x), kind: "mask" };
      if (fn === "eq") return { x: m.i32x4.eq(a.x, b.x), kind: "mask" };
      if (fn === "ne") return { x: m.i32x4.ne(a.x, b.x), kind: "mask" };
      return null;
    }
    if (a.kind === "f32") {
      const op = F32[fn];
      if (op) return { x: m.f32x4[op](a.x, b.x), kind: "f32" };
      const cmp = F32_CMP[fn];
      return cmp ? { x: m.f32x4[cmp](a.x, b.x), kind: "mask" } : null;
    }
    if (fn === "add" || fn === "sub" || fn === "mul")
      return { x: m.i32x4[fn](a.x, b.x), kind: "i32" };
    if (fn === "min" || fn === "max") return { x: m.i32x4[`${fn}_s`](a.x, b.x), kind: "i32" };
    const cmp = I32_CMP[fn];
    return cmp ? { x: m.i32x4[cmp](a.x, b.x), kind: "mask" } : null;
  }

  private load(n: Extract<ExprNode, { op: "load" }>): Vec | null {
    const last = n.index[n.index.length - 1]!;
    if (!this.stepsWithJ(last) || !n.index.slice(0, -1).every((i) => this.invariant(i)))
      return null;
    const kind = n.type;
    if (n.buf.kind === "tile") {
      if (n.buf.shape.length === 2 && this.w.tileLayout(n.buf).colStride !== 1) return null;
      return { x: this.m.v128.load(0, 4, this.w.tileAddr(n.buf, n.index)), kind };
    }
    return { x: this.tensorLoad(n.buf, n.index), kind };
  }

  /** Four tensor elements at once when all are in bounds, else lane by lane (0 outside). */
  private tensorLoad(t: TensorDecl, index: readonly ExprNode[]): X {
    const m = this.m;
    const w = this.w;
    const addr = w.tensorAddr(t, w.expr(linearIndex(t.shape, index)));
    const lanes = this.laneIndices(index);
    let v = m.v128.const(new Array(16).fill(0));
    lanes.forEach((idx, l) => {
      const lane = w.loadTensorScalar(t, idx);
      v = t.dtype === "f32" ? m.f32x4.replace_lane(v, l, lane) : m.i32x4.replace_lane(v, l, lane);
    });
    return m.if(this.allInBounds(t, index), m.v128.load(0, 4, addr), v);
  }

  /** The index of each lane: the last index plus 0..3. */
  private laneIndices(index: readonly ExprNode[]): ExprNode[][] {
    return [0, 1, 2, 3].map((l) => {
      const last = index[index.length - 1]!;
      const shifted: ExprNode = {
        op: "binary",
        type: "i32",
        fn: "add",
        a: last,
        b: { op: "const", type: "i32", value: l },
      };
      return [...index.slice(0, -1), shifted];
    });
  }

  private allInBounds(t: TensorDecl, index: readonly ExprNode[]): X {
    const [first, , , lastLane] = this.laneIndices(index);
    return this.m.i32.and(
      this.w.expr(inBounds(t.shape, first!)),
      this.w.expr(inBounds(t.shape, lastLane!)),
    );
  }

  stmt(s: Stmt): X | null {
    const m = this.m;
    if (s.kind === "let") {
      // A let that does not change along j stays a scalar, read through splats.
      if (this.invariant(s.value)) return m.local.set(this.w.local(s.v), this.w.expr(s.value));
      const v = this.expr(s.value);
      if (!v) return null;
      this.variant.add(s.v.id);
      const l = this.w.temp(bn().v128);
      this.vecLocal.set(s.v.id, l);
      return m.local.set(l, v.x);
    }
    if (s.kind !== "store") return null;
    const value = this.expr(s.value);
    const last = s.index[s.index.length - 1]!;
    if (!value || !this.stepsWithJ(last) || !s.index.slice(0, -1).every((i) => this.invariant(i)))
      return null;
    if (s.buf.kind === "tile") {
      if (s.buf.shape.length === 2 && this.w.tileLayout(s.buf).colStride !== 1) return null;
      return m.v128.store(0, 4, this.w.tileAddr(s.buf, s.index), value.x);
    }
    const t = s.buf;
    const tmp = this.w.temp(bn().v128);
    const lane = (l: number) =>
      t.dtype === "f32"
        ? m.f32x4.extract_lane(this.w.get(tmp, bn().v128), l)
        : m.i32x4.extract_lane(this.w.get(tmp, bn().v128), l);
    const perLane = this.laneIndices(s.index).map((idx, l) =>
      this.w.storeTensorScalar(t, idx, lane(l)),
    );
    const addr = this.w.tensorAddr(t, this.w.expr(linearIndex(t.shape, s.index)));
    return m.block(null, [
      m.local.set(tmp, value.x),
      m.if(
        this.allInBounds(t, s.index),
        m.v128.store(0, 4, addr, this.w.get(tmp, bn().v128)),
        m.block(null, perLane),
      ),
    ]);
  }
}

/**
 * The vectorised lowering of a parallel loop, or null when its body does not qualify: the
 * innermost extent is a multiple of four and every statement is a let or a contiguous store.
 */
export function vectorizeParallel(
  w: WasmLowering,
  s: StmtOf<"parallel">,
  math: Set<string>,
): X | null {
  const inner = s.extents[s.extents.length - 1]!;
  if (inner % 4 !== 0) return null;
  const j = s.vars[s.vars.length - 1]!;
  const body = new VectorBody(w, j, math);
  const stmts: X[] = [];
  for (const st of s.body) {
    const x = body.stmt(st);
    if (x === null) return null;
    stmts.push(x);
  }
  let loop = w.loop(w.local(j), w.i32(inner), stmts, 4);
  for (let d = s.vars.length - 2; d >= 0; d--)
    loop = w.loop(w.local(s.vars[d]!), w.i32(s.extents[d]!), [loop]);
  return loop;
}
