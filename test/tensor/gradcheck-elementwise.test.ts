import { test } from "node:test";
import {
  abs,
  add,
  cast,
  div,
  exp,
  log,
  maskedFill,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  Rng,
  relu,
  rsqrt,
  sigmoid,
  silu,
  softplus,
  sqrt,
  square,
  sub,
  type Tensor,
  tanh,
  where,
} from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import { mapNd, type Nd, randAwayFrom, randDistinct, randUniform } from "../helpers/reference.ts";
import { i32 } from "../helpers/tensors.ts";

const rng = new Rng(31);

/** Inputs of a broadcasting pair: [3, 1, 5] against [4, 1] gives [3, 4, 5]. */
const A_SHAPE = [3, 1, 5];
const B_SHAPE = [4, 1];

const BINARY: readonly [string, (a: Tensor, b: Tensor) => Tensor, () => [Nd, Nd]][] = [
  ["add", add, () => [randUniform(rng, A_SHAPE), randUniform(rng, B_SHAPE)]],
  ["sub", sub, () => [randUniform(rng, A_SHAPE), randUniform(rng, B_SHAPE)]],
  ["mul", mul, () => [randUniform(rng, A_SHAPE), randUniform(rng, B_SHAPE)]],
  ["div", div, () => [randUniform(rng, A_SHAPE), randAwayFrom(rng, B_SHAPE, [0], 0.5)]],
  [
    "pow",
    pow,
    // Both positive so that either can be the base when the operands are swapped.
    () => [randUniform(rng, A_SHAPE, 0.5, 2), randUniform(rng, B_SHAPE, 0.5, 2)],
  ],
  // Values of a sit near multiples of 0.1 and those of b halfway between: no ties anywhere.
  [
    "minimum",
    minimum,
    () => [randDistinct(rng, A_SHAPE), mapNd(randDistinct(rng, B_SHAPE), (v) => v + 0.05)],
  ],
  [
    "maximum",
    maximum,
    () => [randDistinct(rng, A_SHAPE), mapNd(randDistinct(rng, B_SHAPE), (v) => v + 0.05)],
  ],
];

for (const [name, op, inputs] of BINARY) {
  test(`grad ${name}: broadcast gradients are summed back to both operands`, () => {
    gradCheck(name, ([a, b]) => op(a!, b!), inputs());
    // The other order broadcasts the first operand instead.
    const [a, b] = inputs();
    gradCheck(`${name} swapped`, ([p, q]) => op(p!, q!), [b, a]);
  });
}

test("grad of binary ops with number operands", () => {
  const x = randUniform(rng, [2, 3], 0.5, 2);
  gradCheck("x * 3", ([t]) => mul(t!, 3), [x]);
  gradCheck("2 - x", ([t]) => sub(2, t!), [x]);
  gradCheck("1 / x", ([t]) => div(1, t!), [x]);
  gradCheck("x ** 3", ([t]) => pow(t!, 3), [x]);
  gradCheck("x ** -0.5", ([t]) => pow(t!, -0.5), [x]);
  gradCheck("2 ** x", ([t]) => pow(2, t!), [x]);
  gradCheck("max(x, 1)", ([t]) => maximum(t!, 1), [randAwayFrom(rng, [2, 3], [1])]);
  gradCheck("min(x, 1)", ([t]) => minimum(1, t!), [randAwayFrom(rng, [2, 3], [1])]);
});

const UNARY: readonly [string, (x: Tensor) => Tensor, () => Nd][] = [
  ["neg", neg, () => randUniform(rng, [3, 4])],
  ["exp", exp, () => randUniform(rng, [3, 4], -2, 2)],
  ["log", log, () => randUniform(rng, [3, 4], 0.2, 3)],
  ["sqrt", sqrt, () => randUniform(rng, [3, 4], 0.2, 3)],
  ["rsqrt", rsqrt, () => randUniform(rng, [3, 4], 0.2, 3)],
  ["abs", abs, () => randAwayFrom(rng, [3, 4], [0])],
  ["relu", relu, () => randAwayFrom(rng, [3, 4], [0])],
  ["silu", silu, () => randUniform(rng, [3, 4], -5, 5)],
  ["sigmoid", sigmoid, () => randUniform(rng, [3, 4], -5, 5)],
  ["softplus", softplus, () => randUniform(rng, [3, 4], -5, 5)],
  ["tanh", tanh, () => randUniform(rng, [3, 4], -3, 3)],
  ["square", square, () => randUniform(rng, [3, 4])],
];

for (const [name, op, input] of UNARY) {
  test(`grad ${name}`, () => {
    gradCheck(name, ([x]) => op(x!), [input()]);
    // Through a transposed view of the input, too.
    gradCheck(`${name} of a transpose`, ([x]) => op(x!.transpose()), [input()]);
  });
}

test("grad clamp with one bound and two bounds (inputs away from the bounds)", () => {
  const x = randAwayFrom(rng, [4, 5], [-0.5, 0.7], 0.05);
  gradCheck("clamp lo", ([t]) => t!.clamp(-0.5), [x]);
  gradCheck("clamp hi", ([t]) => t!.clamp(null, 0.7), [x]);
  gradCheck("clamp both", ([t]) => t!.clamp(-0.5, 0.7), [x]);
});

test("grad where w.r.t. both branches (broadcast) and maskedFill w.r.t. x", () => {
  const cond = i32([1, 0, 1], [3, 1]);
  gradCheck("where", ([a, b]) => where(cond, a!, b!), [
    randUniform(rng, [1, 4]),
    randUniform(rng, [3, 4]),
  ]);
  gradCheck("where number branch", ([b]) => where(cond, 0.5, b!), [randUniform(rng, [3, 4])]);
  const mask = i32([0, 1, 0, 0, 1, 1], [2, 3]);
  gradCheck("maskedFill", ([x]) => maskedFill(x!, mask, -3), [randUniform(rng, [2, 3])]);
});

test("grad through cast to the same float dtype, and composed expressions", () => {
  gradCheck("cast f64", ([x]) => cast(x!, "f64"), [randUniform(rng, [3])]);
  // x·x uses x twice; (x − y)² / (1 + y²) mixes everything.
  gradCheck("x * x", ([x]) => mul(x!, x!), [randUniform(rng, [5])]);
  gradCheck("(x - y)^2 / (1 + y^2)", ([x, y]) => div(square(sub(x!, y!)), add(square(y!), 1)), [
    randUniform(rng, [2, 3]),
    randUniform(rng, [3]),
  ]);
});
