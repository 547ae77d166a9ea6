/**
 * Reference semantics of the IR's scalar operations, in float64 with f32 rounding after each
 * f32 operation (as an f32 machine would round) and 32-bit wrap-around for i32. The
 * interpreter uses these; the code generators must agree with them within stated tolerances.
 */
import type { BinaryFn, ExprType, UnaryFn } from "./ir.ts";

const f = Math.fround;

/** f32 -> i32 conversion: truncation, NaN -> 0, saturating at the i32 range. */
export function truncSat(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= 2147483647) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x);
}

/** IEEE-style min/max: a NaN operand gives NaN. */
function fmin(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b);
}

function fmax(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b);
}

export function evalUnary(fn: UnaryFn, type: ExprType, a: number): number {
  switch (fn) {
    case "neg":
      return type === "i32" ? -a | 0 : -a;
    case "abs":
      return type === "i32" ? Math.abs(a) | 0 : Math.abs(a);
    case "exp":
      return f(Math.exp(a));
    case "log":
      return f(Math.log(a));
    case "log1p":
      return f(Math.log1p(a));
    case "sqrt":
      return f(Math.sqrt(a));
    case "rsqrt":
      return f(1 / Math.sqrt(a));
    case "floor":
      return Math.floor(a);
    case "tanh":
      return f(Math.tanh(a));
    case "not":
      return a ? 0 : 1;
    case "toF32":
      return f(a);
    case "toI32":
      return truncSat(a);
  }
}

/** Integer division by zero has no value on every target, so the interpreter rejects it. */
function intDiv(a: number, b: number, fn: string): number {
  if (b === 0) throw new RangeError(`tile interpreter: i32 ${fn} by zero`);
  return fn === "div" ? (a / b) | 0 : (a % b) | 0;
}

export function evalBinary(fn: BinaryFn, type: ExprType, a: number, b: number): number {
  const isInt = type === "i32";
  switch (fn) {
    case "add":
      return isInt ? (a + b) | 0 : f(a + b);
    case "sub":
      return isInt ? (a - b) | 0 : f(a - b);
    case "mul":
      return isInt ? Math.imul(a, b) : f(a * b);
    case "div":
      return isInt ? intDiv(a, b, fn) : f(a / b);
    case "mod":
      return intDiv(a, b, fn);
    case "min":
      return fmin(a, b);
    case "max":
      return fmax(a, b);
    case "pow":
      return f(a ** b);
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
    case "and":
      return a && b ? 1 : 0;
    case "or":
      return a || b ? 1 : 0;
  }
}
