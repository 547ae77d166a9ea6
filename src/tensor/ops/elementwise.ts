/**
 * Element-wise ops with NumPy broadcasting, each with its backward. Numbers are promoted to
 * scalars of the other operand's dtype; mixing tensor dtypes is an error (cast explicitly).
 */
import type { BinaryOp, DType, UnaryOp } from "../../backend/index.ts";
import { record } from "../autograd.ts";
import { checkArg, checkDType } from "../errors.ts";
import { broadcastShapes, type Shape, sameShape } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { sumTo } from "./reduce.ts";
import { broadcastView, operand, output, requireFloat } from "./util.ts";

function binaryRaw(op: BinaryOp, a: Tensor, b: Tensor, dtype: DType = a.dtype): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = output(a, dtype, shape);
  a.device.run("binary", {
    op,
    a: broadcastView(a, shape),
    b: broadcastView(b, shape),
    out: out.storage.buffer,
  });
  return out;
}

function unaryRaw(op: UnaryOp, x: Tensor): Tensor {
  const out = output(x, x.dtype, x.shape);
  x.device.run("unary", { op, x: x.layout, out: out.storage.buffer });
  return out;
}

type GradFn = (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => Tensor;

/** A broadcasting binary op; each input's gradient is computed only when that input needs it. */
function binary(op: BinaryOp, x: Tensor | number, y: Tensor | number, bwd: [GradFn, GradFn]) {
  const like = typeof x === "number" ? (y as Tensor) : x;
  const a = operand(op, x, like, "a");
  const b = operand(op, y, like, "b");
  const out = binaryRaw(op, a, b);
  record(out, op, [a, b], (g) => [
    a.requiresGrad ? reduceGrad(bwd[0](g, a, b, out), a.shape, g) : null,
    b.requiresGrad ? reduceGrad(bwd[1](g, a, b, out), b.shape, g) : null,
  ]);
  if (!out.node) {
    if (a !== x) a.dispose();
    if (b !== y) b.dispose();
  }
  return out;
}

/** Sums a broadcast gradient back to an input's shape (and disposes the intermediate). */
function reduceGrad(grad: Tensor, shape: Shape, upstream: Tensor): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const r = sumTo(grad, shape);
  if (grad !== upstream) grad.dispose();
  return r;
}

export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("add", a, b, [(g) => g.view(), (g) => g.view()]);
}

export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("sub", a, b, [(g) => g.view(), (g) => neg(g)]);
}

export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("mul", a, b, [(g, _x, y) => mul(g, y), (g, x) => mul(g, x)]);
}

export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("div", a, b, [
    (g, _x, y) => div(g, y),
    (g, _x, y, out) => neg(div(mul(g, out), y)),
  ]);
}

export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("pow", a, b, [
    (g, x, y) => mul(g, mul(y, pow(x, sub(y, 1)))),
    (g, x, _y, out) => mul(g, mul(out, log(x))),
  ]);
}

/** Element-wise maximum; where the operands tie, the gradient goes to `a`. */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("max", a, b, [
    (g, x, y) => mul(g, compare("ge", x, y).cast(g.dtype)),
    (g, x, y) => mul(g, compare("lt", x, y).cast(g.dtype)),
  ]);
}

/** Element-wise minimum; where the operands tie, the gradient goes to `a`. */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("min", a, b, [
    (g, x, y) => mul(g, compare("le", x, y).cast(g.dtype)),
    (g, x, y) => mul(g, compare("gt", x, y).cast(g.dtype)),
  ]);
}

/** Comparison producing an i32 mask (1 where true); not differentiable. */
export function compare(
  op: "eq" | "ne" | "lt" | "le" | "gt" | "ge",
  x: Tensor,
  y: Tensor | number,
) {
  x.assertAlive(op);
  const b = operand(op, y, x, "b");
  const out = binaryRaw(op, x, b, "i32");
  if (b !== y) b.dispose();
  return out;
}

type UnaryBackward = (g: Tensor, x: Tensor, out: Tensor) => Tensor;

function unary(op: UnaryOp, x: Tensor, bwd: UnaryBackward, floatOnly = true): Tensor {
  x.assertAlive(op);
  if (floatOnly) requireFloat(op, x);
  const out = unaryRaw(op, x);
  return record(out, op, [x], (g) => [bwd(g, x, out)]);
}

export function neg(x: Tensor): Tensor {
  return unary("neg", x, (g) => neg(g), false);
}

export function exp(x: Tensor): Tensor {
  return unary("exp", x, (g, _x, out) => mul(g, out));
}

export function log(x: Tensor): Tensor {
  return unary("log", x, (g, x) => div(g, x));
}

export function sqrt(x: Tensor): Tensor {
  return unary("sqrt", x, (g, _x, out) => div(mul(g, 0.5), out));
}

/** 1/sqrt(x); d/dx = -0.5·x^(-3/2) = -0.5·out³. */
export function rsqrt(x: Tensor): Tensor {
  return unary("rsqrt", x, (g, _x, out) => mul(g, mul(pow(out, 3), -0.5)));
}

export function abs(x: Tensor): Tensor {
  return unary("abs", x, (g, x) => mul(g, unaryRaw("sign", x)), false);
}

export function square(x: Tensor): Tensor {
  return unary("square", x, (g, x) => mul(g, mul(x, 2)));
}

export function relu(x: Tensor): Tensor {
  return unary("relu", x, (g, x) => mul(g, compare("gt", x, 0).cast(g.dtype)));
}

/** silu(x) = x·σ(x); d/dx = σ(x)·(1 + x·(1 − σ(x))). */
export function silu(x: Tensor): Tensor {
  return unary("silu", x, (g, x) => {
    const s = unaryRaw("sigmoid", x);
    return mul(g, mul(s, add(mul(x, sub(1, s)), 1)));
  });
}

export function sigmoid(x: Tensor): Tensor {
  return unary("sigmoid", x, (g, _x, out) => mul(g, mul(out, sub(1, out))));
}

/** softplus(x) = max(x, 0) + log1p(exp(−|x|)), stable for any x; d/dx = σ(x). */
export function softplus(x: Tensor): Tensor {
  return unary("softplus", x, (g, x) => mul(g, unaryRaw("sigmoid", x)));
}

export function tanh(x: Tensor): Tensor {
  return unary("tanh", x, (g, _x, out) => mul(g, sub(1, mul(out, out))));
}

/** Clamps to [lo, hi]; either bound may be null. Gradient flows where lo ≤ x ≤ hi. */
export function clamp(x: Tensor, lo: number | null, hi: number | null = null): Tensor {
  x.assertAlive("clamp");
  checkArg(lo !== null || hi !== null, () => "clamp: give at least one bound");
  checkArg(
    lo === null || hi === null || lo <= hi,
    () => `clamp: lower bound ${lo} must not exceed upper bound ${hi}`,
  );
  const out = output(x, x.dtype, x.shape);
  x.device.run("clamp", { x: x.layout, out: out.storage.buffer, lo, hi });
  return record(out, "clamp", [x], (g) => {
    let inside = g.onesLike();
    if (lo !== null) inside = mul(inside, compare("ge", x, lo).cast(g.dtype));
    if (hi !== null) inside = mul(inside, compare("le", x, hi).cast(g.dtype));
    return [mul(g, inside)];
  });
}

/** Converts to another dtype (float → i32 truncates toward zero). */
export function cast(x: Tensor, dtype: DType): Tensor {
  x.assertAlive("cast");
  const out = output(x, dtype, x.shape);
  x.device.run("copy", { src: x.layout, dst: out.layout });
  if (dtype === "i32" || x.dtype === "i32") return out;
  return record(out, "cast", [x], (g) => [cast(g, x.dtype)]);
}

/** cond ? a : b, element-wise with broadcasting; cond is any dtype (non-zero = true). */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  cond.assertAlive("where");
  const like = typeof a === "number" ? (typeof b === "number" ? null : b) : a;
  checkDType(like !== null, () => "where: at least one of a and b must be a tensor");
  const ta = operand("where", a, like, "a");
  const tb = operand("where", b, like, "b");
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, ta.shape), tb.shape);
  const out = output(like, like.dtype, shape);
  like.device.run("where", {
    cond: broadcastView(cond, shape),
    a: broadcastView(ta, shape),
    b: broadcastView(tb, shape),
    out: out.storage.buffer,
  });
  record(out, "where", [ta, tb], (g) => [
    ta.requiresGrad ? reduceGrad(where(cond, g, 0), ta.shape, g) : null,
    tb.requiresGrad ? reduceGrad(where(cond, 0, g), tb.shape, g) : null,
  ]);
  // The backward reads only the branches' shapes and flags, never their values, so scalars
  // made from numbers can go now, graph or not.
  if (ta !== a) ta.dispose();
  if (tb !== b) tb.dispose();
  return out;
}

/** x with `value` wherever mask is non-zero. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  return where(mask, value, x);
}

/** A tensor of `t`'s shape, dtype and device filled with `value`. */
export function fullLike(t: Tensor, value: number): Tensor {
  t.assertAlive("fullLike");
  const out = output(t, t.dtype, t.shape);
  t.device.run("fill", { out: out.storage.buffer, value });
  return out;
}

/** Copies src (broadcast to dst's shape) into dst's memory. Not recorded by autograd. */
export function assignInto(dst: Tensor, src: Tensor): void {
  dst.assertAlive("assign");
  src.assertAlive("assign");
  const shape = broadcastShapes("assign", dst.shape, src.shape);
  checkArg(
    sameShape(shape, dst.shape),
    () => `assign: source shape [${src.shape}] does not broadcast to [${dst.shape}]`,
  );
  dst.device.run("copy", { src: broadcastView(src, dst.shape), dst: dst.layout });
}
