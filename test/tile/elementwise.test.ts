/**
 * Element-wise vocabulary kernels (unary, binary, clamp, where, fill, copy) through the
 * interpreter and WASM against the CPU reference kernels, on dense and strided/broadcast
 * layouts of awkward sizes. Tolerance: 2e-6 relative (the WASM transcendental functions are
 * within about one f32 ulp; arithmetic is exact up to f32 rounding).
 */
import { describe, test } from "node:test";
import type { BinaryOp, UnaryOp } from "../../src/backend/index.ts";
import {
  planBinary,
  planClamp,
  planCopy,
  planFill,
  planUnary,
  planWhere,
} from "../../src/tile/index.ts";
import { assertClose, buf, reference, TestRng, view } from "./helpers.ts";
import { runTargets } from "./targets.ts";

const TOL = { atol: 1e-7, rtol: 2e-6 };
const SIZES = [1, 7, 4099];

const UNARY: UnaryOp[] = [
  "neg",
  "exp",
  "log",
  "log1p",
  "sqrt",
  "rsqrt",
  "abs",
  "relu",
  "silu",
  "sigmoid",
  "softplus",
  "tanh",
  "sign",
  "square",
  "reciprocal",
  "floor",
];
const BINARY: BinaryOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "pow",
  "min",
  "max",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
];

/** Inputs spanning signs and magnitudes plus the special values. */
function inputs(rng: TestRng, n: number, positive = false): Float32Array {
  const x = rng.uniform(n, -30, 30);
  for (let i = 0; i < n; i++) if (i % 5 === 0) x[i] = x[i]! / 1000;
  const specials = [
    0,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
    1e-30,
    -1e-30,
    88,
    -104,
  ];
  for (let i = 0; i < Math.min(n, specials.length); i++) x[(i * 3) % n] = specials[i]!;
  if (positive) for (let i = 0; i < n; i++) x[i] = Math.abs(x[i]!);
  return x;
}

describe("unary ops", () => {
  for (const op of UNARY) {
    test(op, () => {
      const rng = new TestRng(11);
      for (const n of SIZES) {
        const x = inputs(rng, n);
        const plan = planUnary("wasm", op, [n]);
        const { interp, wasm } = runTargets(plan, { x, out: new Float32Array(n) });
        const want = new Float32Array(n);
        reference("unary", { op, x: view(x, [n]), out: buf(want) });
        assertClose(interp.out!, want, TOL, `${op} interpreter n=${n}`);
        assertClose(wasm.out!, want, TOL, `${op} wasm n=${n}`);
      }
    });
  }
});

describe("binary ops", () => {
  for (const op of BINARY) {
    test(op, () => {
      const rng = new TestRng(12);
      for (const n of SIZES) {
        const a = inputs(rng, n);
        const b =
          op === "pow"
            ? rng.uniform(n, -3, 3).map((v, i) => (i % 2 ? Math.round(v) : v))
            : inputs(rng, n);
        if (op === "pow")
          a.forEach((v, i) => {
            a[i] = i % 3 ? v / 10 : v;
          });
        const plan = planBinary("wasm", op, [n]);
        const { interp, wasm } = runTargets(plan, { a, b, out: new Float32Array(n) });
        const want = new Float32Array(n);
        reference("binary", { op, a: view(a, [n]), b: view(b, [n]), out: buf(want) });
        assertClose(interp.out!, want, TOL, `${op} interpreter n=${n}`);
        assertClose(wasm.out!, want, TOL, `${op} wasm n=${n}`);
      }
    });
  }

  test("broadcast add of a row bias and a transposed operand", () => {
    const rng = new TestRng(13);
    const [r, c] = [13, 37];
    const a = rng.uniform(r * c);
    const bias = rng.uniform(c);
    const shape = [r, c];
    const av = { shape, strides: [1, r] };
    const bv = { shape, strides: [0, 1] };
    const plan = planBinary("wasm", "add", shape, { a: av, b: bv });
    const { interp, wasm } = runTargets(plan, { a, b: bias, out: new Float32Array(r * c) });
    const want = new Float32Array(r * c);
    reference("binary", {
      op: "add",
      a: { buffer: buf(a), shape, strides: av.strides, offset: 0 },
      b: { buffer: buf(bias), shape, strides: bv.strides, offset: 0 },
      out: buf(want),
    });
    assertClose(interp.out!, want, TOL, "broadcast interpreter");
    assertClose(wasm.out!, want, TOL, "broadcast wasm");
  });
});

describe("clamp, where, fill, copy", () => {
  test("clamp with one or two bounds", () => {
    const rng = new TestRng(14);
    const x = inputs(rng, 1031);
    for (const [lo, hi] of [
      [-1, 2],
      [null, 0.5],
      [-0.25, null],
    ] as const) {
      const plan = planClamp("wasm", [1031], lo, hi);
      const { interp, wasm } = runTargets(plan, { x, out: new Float32Array(1031) });
      const want = new Float32Array(1031);
      reference("clamp", { x: view(x, [1031]), out: buf(want), lo, hi });
      assertClose(interp.out!, want, TOL, `clamp ${lo} ${hi} interpreter`);
      assertClose(wasm.out!, want, TOL, `clamp ${lo} ${hi} wasm`);
    }
  });

  test("where with an i32 mask broadcast over rows", () => {
    const rng = new TestRng(15);
    const [r, c] = [5, 67];
    const cond = rng.ints(c, 2);
    const a = rng.uniform(r * c);
    const b = rng.uniform(r * c);
    const shape = [r, c];
    const views = {
      cond: { shape, strides: [0, 1] },
      a: { shape, strides: [c, 1] },
      b: { shape, strides: [c, 1] },
    };
    const plan = planWhere("wasm", "i32", shape, views);
    const { interp, wasm } = runTargets(plan, { cond, a, b, out: new Float32Array(r * c) });
    const want = new Float32Array(r * c);
    reference("where", {
      cond: { buffer: buf(cond), shape, strides: [0, 1], offset: 0 },
      a: view(a, shape),
      b: view(b, shape),
      out: buf(want),
    });
    assertClose(interp.out!, want, TOL, "where interpreter");
    assertClose(wasm.out!, want, TOL, "where wasm");
  });

  test("fill f32 and i32", () => {
    for (const [dtype, value] of [
      ["f32", -2.5],
      ["i32", 7],
    ] as const) {
      const out = dtype === "f32" ? new Float32Array(4100) : new Int32Array(4100);
      const { interp, wasm } = runTargets(planFill("wasm", dtype, 4097, value), { out });
      const want = out.slice().fill(value, 0, 4097);
      assertClose(interp.out!, want, TOL, `fill ${dtype} interpreter`);
      assertClose(wasm.out!, want, TOL, `fill ${dtype} wasm`);
    }
  });

  test("copy transposes into a strided destination and converts f32 to i32", () => {
    const rng = new TestRng(16);
    const [r, c] = [9, 31];
    const shape = [r, c];
    const src = rng.uniform(r * c, -50, 50);
    const srcView = { shape, strides: [c, 1] };
    const dstView = { shape, strides: [1, r] };
    for (const to of ["f32", "i32"] as const) {
      const dst = to === "f32" ? new Float32Array(r * c) : new Int32Array(r * c);
      const plan = planCopy("wasm", "f32", to, shape, srcView, dstView);
      const { interp, wasm } = runTargets(plan, { src, dst });
      const want = dst.slice();
      reference("copy", {
        src: view(src, shape),
        dst: { buffer: buf(want), shape, strides: dstView.strides, offset: 0 },
      });
      assertClose(interp.dst!, want, TOL, `copy to ${to} interpreter`);
      assertClose(wasm.dst!, want, TOL, `copy to ${to} wasm`);
    }
  });
});
