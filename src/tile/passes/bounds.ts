/**
 * Bounds pass: proves, by interval arithmetic over loop ranges, that every tile index stays
 * inside the tile. An index whose range is known and exceeds the tile is an error at the DSL
 * line (clamp it with min/max or guard it to make the range provable); an index whose range
 * depends on run-time values is left to the executors (the interpreter checks it).
 * Tensor accesses need no proof: they are bounds-checked at run time by definition.
 */
import { TileError } from "../errors.ts";
import type { ExprNode, Kernel, Stmt } from "../ir.ts";

/** Closed integer interval; null bounds are unknown. */
type Range = readonly [number, number] | null;

type Env = Map<number, Range>;

/** Throws a TileError for the first tile access whose index range provably leaves the tile. */
export function checkBounds(kernel: Kernel): void {
  walk(kernel.body, new Map());
}

function walk(stmts: readonly Stmt[], env: Env): void {
  for (const s of stmts) {
    switch (s.kind) {
      case "for": {
        const ext = range(s.extent, env);
        env.set(s.v.id, ext && ext[1] >= 1 ? [0, ext[1] - 1] : null);
        walk(s.body, env);
        break;
      }
      case "parallel":
        s.vars.forEach((v, d) => {
          env.set(v.id, [0, s.extents[d]! - 1]);
        });
        walk(s.body, env);
        break;
      case "if":
        walk(s.thenBody, env);
        walk(s.elseBody, env);
        checkExpr(s.cond, env, s.loc);
        break;
      case "let":
        checkExpr(s.value, env, s.loc);
        env.set(s.v.id, range(s.value, env));
        break;
      case "local":
      case "assign":
        checkExpr(s.value, env, s.loc);
        env.set(s.v.id, null);
        break;
      case "store":
        s.index.forEach((n) => {
          checkExpr(n, env, s.loc);
        });
        checkExpr(s.value, env, s.loc);
        if (s.buf.kind === "tile") checkIndex(s.buf.name, s.buf.shape, s.index, env, s.loc);
        break;
      default:
        break;
    }
  }
}

function checkExpr(n: ExprNode, env: Env, loc: string): void {
  switch (n.op) {
    case "load":
      n.index.forEach((x) => {
        checkExpr(x, env, loc);
      });
      if (n.buf.kind === "tile") checkIndex(n.buf.name, n.buf.shape, n.index, env, loc);
      return;
    case "unary":
      checkExpr(n.a, env, loc);
      return;
    case "binary":
      checkExpr(n.a, env, loc);
      checkExpr(n.b, env, loc);
      return;
    case "select":
      checkExpr(n.cond, env, loc);
      checkExpr(n.a, env, loc);
      checkExpr(n.b, env, loc);
      return;
    default:
      return;
  }
}

function checkIndex(
  name: string,
  shape: readonly number[],
  index: readonly ExprNode[],
  env: Env,
  loc: string,
): void {
  index.forEach((n, d) => {
    const r = range(n, env);
    if (r && (r[0] < 0 || r[1] > shape[d]! - 1)) {
      throw new TileError(
        `tile ${name} [${shape}]: index ${d} ranges over [${r[0]}, ${r[1]}], ` +
          `outside [0, ${shape[d]! - 1}]`,
        loc,
      );
    }
  });
}

/** The range of an i32 expression, or null when it depends on unbounded values. */
export function range(n: ExprNode, env: Env): Range {
  switch (n.op) {
    case "const":
      return n.type === "i32" ? [n.value, n.value] : null;
    case "sym":
      return env.get(n.sym.id) ?? null;
    case "binary":
      return binaryRange(n.fn, range(n.a, env), range(n.b, env));
    case "select": {
      const a = range(n.a, env);
      const b = range(n.b, env);
      return a && b ? [Math.min(a[0], b[0]), Math.max(a[1], b[1])] : null;
    }
    default:
      return null;
  }
}

function binaryRange(fn: string, a: Range, b: Range): Range {
  if (fn === "min" && (a || b)) {
    if (!a || !b) return null;
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1])];
  }
  if (!a || !b) return null;
  switch (fn) {
    case "add":
      return [a[0] + b[0], a[1] + b[1]];
    case "sub":
      return [a[0] - b[1], a[1] - b[0]];
    case "mul": {
      const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
      return [Math.min(...p), Math.max(...p)];
    }
    case "div":
      return b[0] > 0 && a[0] >= 0 ? [Math.trunc(a[0] / b[1]), Math.trunc(a[1] / b[0])] : null;
    case "mod":
      return b[0] > 0 && a[0] >= 0 ? [0, Math.min(a[1], b[1] - 1)] : null;
    case "max":
      return [Math.max(a[0], b[0]), Math.max(a[1], b[1])];
    default:
      return null;
  }
}
