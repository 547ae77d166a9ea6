import assert from "node:assert/strict";
import { test } from "node:test";
import {
  abs,
  add,
  cast,
  compare,
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
  tensor,
  where,
} from "../../src/tensor/index.ts";
import {
  assertClose,
  assertNdClose,
  F64_TOL,
  mapNd,
  type Nd,
  nd,
  randUniform,
  sigmoidOf,
  softplusOf,
  zipNd,
} from "../helpers/reference.ts";
import {
  asDType,
  disposeAll,
  FLOAT_DTYPES,
  i32,
  LAYOUTS,
  tolFor,
  toNd,
  toTensor,
  withLayout,
} from "../helpers/tensors.ts";

const rng = new Rng(7);

/** Uniform values of magnitude in [lo, hi) with a random sign (keeps divisors off zero). */
function signedMagnitude(shape: readonly number[], lo: number, hi: number): Nd {
  return mapNd(randUniform(rng, shape, lo, hi), (v) => (rng.uniform() < 0.5 ? -v : v));
}

interface BinaryCase {
  name: string;
  op: (a: Tensor, b: Tensor) => Tensor;
  ref: (x: number, y: number) => number;
  a: (shape: readonly number[]) => Nd;
  b: (shape: readonly number[]) => Nd;
}

const anyValue = (shape: readonly number[]) => randUniform(rng, shape, -3, 3);

const BINARY: readonly BinaryCase[] = [
  { name: "add", op: add, ref: (x, y) => x + y, a: anyValue, b: anyValue },
  { name: "sub", op: sub, ref: (x, y) => x - y, a: anyValue, b: anyValue },
  { name: "mul", op: mul, ref: (x, y) => x * y, a: anyValue, b: anyValue },
  {
    name: "div",
    op: div,
    ref: (x, y) => x / y,
    a: anyValue,
    b: (s) => signedMagnitude(s, 0.5, 2),
  },
  {
    name: "pow",
    op: pow,
    ref: (x, y) => x ** y,
    a: (s) => randUniform(rng, s, 0.5, 2),
    b: (s) => randUniform(rng, s, -2, 2),
  },
  { name: "minimum", op: minimum, ref: Math.min, a: anyValue, b: anyValue },
  { name: "maximum", op: maximum, ref: Math.max, a: anyValue, b: anyValue },
];

/** Shape pairs: equal, broadcast both ways, size-1 dims, scalars, primes. */
const SHAPE_PAIRS: readonly [number[], number[]][] = [
  [[7], [7]],
  [
    [3, 1, 5],
    [4, 1],
  ],
  [
    [13, 1],
    [1, 31],
  ],
  [[], [2, 3]],
  [[2, 3], []],
  [[1], [1]],
];

for (const c of BINARY) {
  test(`${c.name}: matches float64 reference with broadcasting, both dtypes, all layouts`, () => {
    for (const dtype of FLOAT_DTYPES) {
      for (const [sa, sb] of SHAPE_PAIRS) {
        const a = asDType(c.a(sa), dtype);
        const b = asDType(c.b(sb), dtype);
        const expected = zipNd(a, b, c.ref);
        for (const la of LAYOUTS) {
          const lb = LAYOUTS[(LAYOUTS.indexOf(la) + 1) % LAYOUTS.length]!;
          const ta = withLayout(a, dtype, la);
          const tb = withLayout(b, dtype, lb);
          const out = c.op(ta, tb);
          assert.equal(out.dtype, dtype);
          const label = `${c.name} ${dtype} [${sa}] (${la}) with [${sb}] (${lb})`;
          assertNdClose(toNd(out), expected, tolFor(dtype), label);
          disposeAll(ta, tb, out);
        }
      }
    }
  });
}

test("binary ops: an expanded (stride-0) operand reads like the materialised one", () => {
  const row = toTensor(randUniform(rng, [1, 5]), "f64");
  const wide = row.expand([4, 5]);
  const other = toTensor(randUniform(rng, [4, 5]), "f64");
  const expected = zipNd(toNd(row), toNd(other), (x, y) => x * y);
  assertNdClose(toNd(mul(wide, other)), expected, F64_TOL, "mul of expanded");
  assertNdClose(toNd(mul(other, wide)), expected, F64_TOL, "mul by expanded");
});

test("binary ops: numbers act as scalars of the tensor's dtype, on either side", () => {
  for (const dtype of FLOAT_DTYPES) {
    const xs = asDType(randUniform(rng, [2, 3], 0.5, 2), dtype);
    const x = toTensor(xs, dtype);
    const tol = tolFor(dtype);
    const cases: [string, Tensor, (v: number) => number][] = [
      ["x + 2", add(x, 2), (v) => v + 2],
      ["2 - x", sub(2, x), (v) => 2 - v],
      ["x * -3", mul(x, -3), (v) => v * -3],
      ["1 / x", div(1, x), (v) => 1 / v],
      ["x ** 2", pow(x, 2), (v) => v ** 2],
      ["2 ** x", pow(2, x), (v) => 2 ** v],
      ["max(x, 1)", maximum(x, 1), (v) => Math.max(v, 1)],
      ["min(1, x)", minimum(1, x), (v) => Math.min(1, v)],
    ];
    for (const [label, out, f] of cases) {
      assert.equal(out.dtype, dtype, label);
      assertNdClose(toNd(out), mapNd(xs, f), tol, `${label} ${dtype}`);
    }
  }
});

test("binary ops on i32 tensors stay i32 and exact", () => {
  const a = i32([5, -7, 100000], [3]);
  const b = i32([3, 2, 30000], [3]);
  assert.equal(add(a, b).dtype, "i32");
  assert.deepEqual(Array.from(add(a, b).toArray()), [8, -5, 130000]);
  assert.deepEqual(Array.from(sub(a, b).toArray()), [2, -9, 70000]);
  assert.deepEqual(Array.from(mul(a, 3).toArray()), [15, -21, 300000]);
});

test("a fractional number operand with an i32 tensor is not silently truncated", () => {
  const x = i32([4, 6]);
  let result: number[] | null = null;
  try {
    result = Array.from(mul(x, 0.5).toArray());
  } catch (e) {
    assert.match((e as Error).message, /^mul: .*0\.5.*i32/);
  }
  if (result) assert.deepEqual(result, [2, 3]);
});

test("minimum and maximum propagate NaN from either side", () => {
  const a = tensor([Number.NaN, 1, 2], [3], { dtype: "f64" });
  const b = tensor([0, Number.NaN, 1], [3], { dtype: "f64" });
  for (const out of [minimum(a, b), maximum(a, b)]) {
    const v = out.toArray();
    assert.ok(Number.isNaN(v[0]!) && Number.isNaN(v[1]!), `NaN lost: ${Array.from(v)}`);
  }
  assert.equal(maximum(a, b).toArray()[2], 2);
  assert.equal(minimum(a, b).toArray()[2], 1);
});

interface UnaryCase {
  name: string;
  op: (x: Tensor) => Tensor;
  ref: (x: number) => number;
  domain: (shape: readonly number[]) => Nd;
}

const positive = (s: readonly number[]) => randUniform(rng, s, 0.05, 4);
const wide = (s: readonly number[]) => randUniform(rng, s, -6, 6);

const UNARY: readonly UnaryCase[] = [
  { name: "neg", op: neg, ref: (x) => -x, domain: wide },
  { name: "exp", op: exp, ref: Math.exp, domain: wide },
  { name: "log", op: log, ref: Math.log, domain: positive },
  { name: "sqrt", op: sqrt, ref: Math.sqrt, domain: positive },
  { name: "rsqrt", op: rsqrt, ref: (x) => 1 / Math.sqrt(x), domain: positive },
  { name: "abs", op: abs, ref: Math.abs, domain: wide },
  { name: "relu", op: relu, ref: (x) => (x > 0 ? x : 0), domain: wide },
  { name: "silu", op: silu, ref: (x) => x * sigmoidOf(x), domain: wide },
  { name: "sigmoid", op: sigmoid, ref: sigmoidOf, domain: wide },
  { name: "softplus", op: softplus, ref: softplusOf, domain: wide },
  { name: "tanh", op: tanh, ref: Math.tanh, domain: wide },
  { name: "square", op: square, ref: (x) => x * x, domain: wide },
];

const UNARY_SHAPES: readonly number[][] = [[7], [3, 1, 5], [13, 2], [], [1, 1]];

for (const c of UNARY) {
  test(`${c.name}: matches float64 reference, both dtypes, all layouts`, () => {
    for (const dtype of FLOAT_DTYPES) {
      for (const shape of UNARY_SHAPES) {
        const x = asDType(c.domain(shape), dtype);
        const expected = mapNd(x, c.ref);
        for (const layout of LAYOUTS) {
          const t = withLayout(x, dtype, layout);
          const out = c.op(t);
          assert.equal(out.dtype, dtype);
          assertNdClose(
            toNd(out),
            expected,
            tolFor(dtype),
            `${c.name} ${dtype} [${shape}] ${layout}`,
          );
          disposeAll(t, out);
        }
      }
    }
  });
}

test("softplus is stable at the extremes: no overflow, no NaN, exact limits", () => {
  const xs = [1000, -1000, 0, 30, -30, 1e-8, -1e-8, 88.8, -88.8];
  for (const dtype of FLOAT_DTYPES) {
    const out = Array.from(softplus(tensor(xs, [xs.length], { dtype })).toArray());
    for (const v of out) assert.ok(Number.isFinite(v), `softplus ${dtype} gave ${v}`);
    assert.equal(out[0], 1000);
    assert.ok(out[1]! >= 0 && out[1]! < 1e-30, `softplus(-1000) = ${out[1]}`);
    const ref = xs.map((x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
    assertClose(out, dtype === "f32" ? ref.map(Math.fround) : ref, tolFor(dtype), dtype);
  }
});

test("sigmoid, silu and tanh saturate without NaN", () => {
  const xs = [1000, -1000, 50, -50];
  const x = tensor(xs, [4], { dtype: "f64" });
  assertClose(sigmoid(x).toArray(), [1, 0, 1, sigmoidOf(-50)], F64_TOL, "sigmoid");
  const s = Array.from(silu(x).toArray());
  assert.equal(s[0], 1000);
  assert.ok(Math.abs(s[1]!) === 0, `silu(-1000) = ${s[1]}`);
  assert.deepEqual(Array.from(tanh(x).toArray()), [1, -1, 1, -1]);
});

test("neg and abs work on i32", () => {
  const x = i32([3, -4, 0]);
  assert.equal(neg(x).dtype, "i32");
  assert.deepEqual(Array.from(neg(x).toArray()), [-3, 4, 0]);
  assert.deepEqual(Array.from(abs(x).toArray()), [3, 4, 0]);
});

test("float-only unary ops reject i32 with a DTypeError naming the op", () => {
  const x = i32([1, 2]);
  for (const [name, op] of [
    ["exp", exp],
    ["log", log],
    ["sigmoid", sigmoid],
  ] as const) {
    assert.throws(() => op(x), { name: "DTypeError", message: new RegExp(`^${name}: .*i32`) });
  }
});

test("clamp: lower bound only, upper bound only, both, and non-contiguous input", () => {
  for (const dtype of FLOAT_DTYPES) {
    const xs = asDType(randUniform(rng, [4, 7], -3, 3), dtype);
    const tol = tolFor(dtype);
    for (const layout of LAYOUTS) {
      const x = withLayout(xs, dtype, layout);
      const label = `${dtype} ${layout}`;
      assertNdClose(
        toNd(x.clamp(-1)),
        mapNd(xs, (v) => Math.max(v, -1)),
        tol,
        `lo ${label}`,
      );
      assertNdClose(
        toNd(x.clamp(null, 0.5)),
        mapNd(xs, (v) => Math.min(v, 0.5)),
        tol,
        `hi ${label}`,
      );
      const both = mapNd(xs, (v) => Math.min(Math.max(v, -0.25), 1.5));
      assertNdClose(toNd(x.clamp(-0.25, 1.5)), both, tol, `both ${label}`);
      assertNdClose(
        toNd(x.clamp(0.5, 0.5)),
        mapNd(xs, () => 0.5),
        tol,
        `lo = hi ${label}`,
      );
    }
  }
});

test("clamp rejects lo > hi and a call with no bound", () => {
  const x = tensor([1, 2, 3]);
  assert.throws(() => x.clamp(2, 1), { name: "RangeError", message: /^clamp: .*2.*1/ });
  assert.throws(() => x.clamp(null, null), { name: "RangeError", message: /^clamp: / });
});

test("cast: f32 <-> f64 round trips, float -> i32 truncates toward zero", () => {
  const vals = [1.1, -2.7, 2.5, -0.5, 1e10, 3];
  const x64 = tensor(vals, [2, 3], { dtype: "f64" });
  const x32 = cast(x64, "f32");
  assert.equal(x32.dtype, "f32");
  assert.deepEqual(Array.from(x32.toArray()), vals.map(Math.fround));
  assert.deepEqual(Array.from(cast(x32, "f64").toArray()), vals.map(Math.fround));
  const small = tensor([1.9, -1.9, 0.5, -0.5, 7, -7], [6], { dtype: "f64" });
  assert.deepEqual(Array.from(cast(small, "i32").toArray()), [1, -1, 0, 0, 7, -7]);
  assert.deepEqual(Array.from(cast(i32([4, -5]), "f32").toArray()), [4, -5]);
  // A transposed input is cast in logical order.
  assert.deepEqual(x64.transpose().cast("f64").toNested(), [
    [1.1, -0.5],
    [-2.7, 1e10],
    [2.5, 3],
  ]);
});

test("comparisons give i32 masks with broadcasting, ties included", () => {
  const ops = ["eq", "ne", "lt", "le", "gt", "ge"] as const;
  const refs: Record<(typeof ops)[number], (x: number, y: number) => boolean> = {
    eq: (x, y) => x === y,
    ne: (x, y) => x !== y,
    lt: (x, y) => x < y,
    le: (x, y) => x <= y,
    gt: (x, y) => x > y,
    ge: (x, y) => x >= y,
  };
  // Small integers make ties common.
  const a = mapNd(randUniform(rng, [3, 1, 5], 0, 3), Math.floor);
  const b = mapNd(randUniform(rng, [4, 1], 0, 3), Math.floor);
  for (const dtype of ["f32", "f64", "i32"] as const) {
    const ta = withLayout(a, dtype, "strided");
    const tb = toTensor(b, dtype);
    for (const op of ops) {
      const out = compare(op, ta, tb);
      assert.equal(out.dtype, "i32", `${op} dtype`);
      const expected = zipNd(a, b, (x, y) => (refs[op](x, y) ? 1 : 0));
      assertNdClose(toNd(out), expected, {}, `${op} ${dtype}`);
      const method = ta[op](1);
      assertNdClose(
        toNd(method),
        mapNd(a, (x) => (refs[op](x, 1) ? 1 : 0)),
        {},
        `${op} scalar`,
      );
    }
  }
});

test("comparisons treat NaN as unordered", () => {
  const x = tensor([Number.NaN], [1], { dtype: "f64" });
  assert.deepEqual(
    (["eq", "ne", "lt", "le", "gt", "ge"] as const).map((op) => x[op](x).toArray()[0]),
    [0, 1, 0, 0, 0, 0],
  );
});

test("where: broadcast cond and branches, numbers as branches, non-zero float cond", () => {
  const cond = mapNd(randUniform(rng, [3, 1], 0, 2), Math.floor);
  const a = randUniform(rng, [1, 4]);
  const b = randUniform(rng, [3, 4]);
  for (const dtype of FLOAT_DTYPES) {
    const tc = i32(Array.from(cond.data), cond.shape);
    const ta = toTensor(asDType(a, dtype), dtype);
    const tb = withLayout(asDType(b, dtype), dtype, "transposed");
    const pick = (c: number, x: number, y: number) => (c !== 0 ? x : y);
    const a32 = asDType(a, dtype);
    const b32 = asDType(b, dtype);
    const expected = nd(
      [3, 4],
      Array.from({ length: 12 }, (_, p) => {
        const [i, j] = [Math.floor(p / 4), p % 4];
        return pick(cond.data[i]!, a32.data[j]!, b32.data[p]!);
      }),
    );
    assertNdClose(toNd(where(tc, ta, tb)), expected, tolFor(dtype), `where ${dtype}`);
    const fromNumber = toNd(where(tc, 2, tb));
    const expectedNumber = zipNd(cond, asDType(b, dtype), (c, y) => pick(c, 2, y));
    assertNdClose(fromNumber, expectedNumber, tolFor(dtype), `where(cond, 2, b) ${dtype}`);
  }
  const fc = tensor([0, 0.5, -1, 0], [4]);
  assert.deepEqual(Array.from(where(fc, 1, tensor([9, 9, 9, 9])).toArray()), [9, 1, 1, 9]);
});

test("where rejects two number branches and mismatched branch dtypes", () => {
  const c = i32([1, 0]);
  assert.throws(() => where(c, 1, 2), { name: "DTypeError", message: /^where: / });
  const a = tensor([1, 2], [2], { dtype: "f32" });
  const b = tensor([1, 2], [2], { dtype: "f64" });
  assert.throws(() => where(c, a, b), { name: "DTypeError", message: /^where: .*f32.*f64/ });
});

test("maskedFill writes the value where the mask is set and keeps x elsewhere", () => {
  const x = tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    undefined,
    { dtype: "f64" },
  );
  const mask = i32([1, 0, 1], [1, 3]);
  assert.deepEqual(maskedFill(x, mask, -1).toNested(), [
    [-1, 2, -1],
    [-1, 5, -1],
  ]);
  assert.deepEqual(
    x.maskedFill(i32([0, 0, 0, 0, 0, 1], [2, 3]), Number.NEGATIVE_INFINITY).toNested(),
    [
      [1, 2, 3],
      [4, 5, Number.NEGATIVE_INFINITY],
    ],
  );
});

test("onesLike, zerosLike and assign into a non-contiguous view", () => {
  const base = tensor(new Float64Array(12), [3, 4]);
  const window = base.slice(1, 1, 3);
  assert.deepEqual(window.onesLike().toNested(), [
    [1, 1],
    [1, 1],
    [1, 1],
  ]);
  assert.deepEqual(window.zerosLike().shape, [3, 2]);
  window.assign(tensor([5, 6, 7], [3, 1], { dtype: "f64" }));
  assert.deepEqual(base.toNested(), [
    [0, 5, 5, 0],
    [0, 6, 6, 0],
    [0, 7, 7, 0],
  ]);
  assert.throws(() => window.assign(tensor([1, 2, 3, 4], [4, 1], { dtype: "f64" })), {
    name: "ShapeError",
    message: /^assign: /,
  });
});

test("element-wise ops on empty tensors give empty results of the broadcast shape", () => {
  const e = tensor(new Float64Array(0), [0, 3]);
  const row = tensor([1, 2, 3], [1, 3], { dtype: "f64" });
  assert.deepEqual(add(e, row).shape, [0, 3]);
  assert.deepEqual(exp(e).shape, [0, 3]);
  assert.deepEqual(e.clamp(0).shape, [0, 3]);
  assert.deepEqual(where(i32([], [0, 1]), e, 1).shape, [0, 3]);
  assert.equal(mul(e, 2).toArray().length, 0);
});
