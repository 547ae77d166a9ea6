import assert from "node:assert/strict";
import { test } from "node:test";
import {
  argmax,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  Rng,
  softmax,
  sum,
  sumTo,
  type Tensor,
  tensor,
} from "../../src/tensor/index.ts";
import {
  alongAxis,
  assertClose,
  assertNdClose,
  F64_TOL,
  logSoftmaxOf,
  logsumexpOf,
  maxOf,
  minOf,
  type Nd,
  nd,
  randUniform,
  reduceNd,
  softmaxOf,
  sumOf,
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

const rng = new Rng(11);

type Axes = number | number[] | undefined;

interface ReduceCase {
  name: string;
  op: (x: Tensor, axis: Axes, keepdim: boolean) => Tensor;
  ref: (values: number[]) => number;
}

const REDUCTIONS: readonly ReduceCase[] = [
  { name: "sum", op: sum, ref: sumOf },
  { name: "mean", op: mean, ref: (v) => sumOf(v) / v.length },
  { name: "max", op: max, ref: maxOf },
  { name: "min", op: min, ref: minOf },
];

const SHAPE = [3, 1, 5, 7];
/** Axis selections: single (negative too), several (unsorted, duplicated), all, size-1. */
const AXES: readonly Axes[] = [0, -1, 2, 1, [0, 2], [3, 0], [-1, 3], [1, 2, 3], undefined];

function allAxes(axis: Axes, rank: number): number[] {
  if (axis === undefined) return [...Array(rank).keys()];
  const list = typeof axis === "number" ? [axis] : axis;
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))];
}

for (const c of REDUCTIONS) {
  test(`${c.name}: single, several and all axes, keepdim, both dtypes, all layouts`, () => {
    for (const dtype of FLOAT_DTYPES) {
      const x = asDType(randUniform(rng, SHAPE, -2, 2), dtype);
      for (const layout of LAYOUTS) {
        const t = withLayout(x, dtype, layout);
        for (const axis of AXES) {
          for (const keepdim of [false, true]) {
            const out = c.op(t, axis, keepdim);
            const expected = reduceNd(x, allAxes(axis, SHAPE.length), c.ref, keepdim);
            const at = JSON.stringify(axis);
            const label = `${c.name} ${dtype} ${layout} axis ${at} keep ${keepdim}`;
            assertNdClose(toNd(out), expected, tolFor(dtype), label);
            out.dispose();
          }
        }
        t.dispose();
      }
    }
  });
}

test("Tensor methods forward to the reductions", () => {
  const x = tensor(
    [
      [1, 5, 3],
      [4, 2, 6],
    ],
    undefined,
    { dtype: "f64" },
  );
  assert.deepEqual(x.sum(1).toNested(), [9, 12]);
  assert.deepEqual(x.mean(0, true).toNested(), [[2.5, 3.5, 4.5]]);
  assert.deepEqual(x.max().toNested(), 6);
  assert.deepEqual(x.min(-1).toNested(), [1, 2]);
  assert.deepEqual(x.argmax().toNested(), [1, 2]);
  assert.deepEqual(x.argmax(0, true).toNested(), [[1, 0, 1]]);
});

test("sum of i32 stays i32; sum over an empty axis is 0; max over it throws", () => {
  const x = i32([1, 2, 3, 4], [2, 2]);
  assert.equal(sum(x).dtype, "i32");
  assert.equal(sum(x).item(), 10);
  const empty = tensor(new Float64Array(0), [2, 0]);
  assert.deepEqual(sum(empty, 1).toNested(), [0, 0]);
  assert.throws(() => max(empty, 1), { name: "ShapeError", message: /^max: .*\[2, 0\]/ });
});

test("max and min propagate NaN", () => {
  const x = tensor([1, Number.NaN, 3], [3], { dtype: "f64" });
  assert.ok(Number.isNaN(max(x).item()));
  assert.ok(Number.isNaN(min(x).item()));
});

test("argmax: every axis, non-contiguous input, ties go to the lower index", () => {
  for (const dtype of FLOAT_DTYPES) {
    // Small integers make ties frequent.
    const x: Nd = { ...randUniform(rng, [4, 3, 5], 0, 3), shape: [4, 3, 5] };
    x.data = x.data.map(Math.floor);
    for (const layout of LAYOUTS) {
      const t = withLayout(x, dtype, layout);
      for (const axis of [0, 1, 2, -1]) {
        for (const keepdim of [false, true]) {
          const out = argmax(t, axis, keepdim);
          assert.equal(out.dtype, "i32");
          const expected = alongAxis(x, axis, (row) => [row.indexOf(Math.max(...row))], 1);
          const shape = keepdim
            ? expected.shape
            : expected.shape.filter((_, i) => i !== (axis + 3) % 3);
          assertNdClose(toNd(out), { data: expected.data, shape }, {}, `argmax ${layout} ${axis}`);
          out.dispose();
        }
      }
      t.dispose();
    }
  }
  assert.deepEqual(argmax(tensor([2, 7, 7, 1, 7])).toNested(), 1);
  assert.deepEqual(
    argmax(tensor([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toNested(),
    0,
  );
});

interface RowCase {
  name: string;
  op: (x: Tensor, axis: number) => Tensor;
  ref: (row: number[]) => number[];
}

const ROW_OPS: readonly RowCase[] = [
  { name: "softmax", op: softmax, ref: softmaxOf },
  { name: "logSoftmax", op: logSoftmax, ref: logSoftmaxOf },
  { name: "logsumexp", op: (x, a) => logsumexp(x, a, true), ref: (row) => [logsumexpOf(row)] },
];

for (const c of ROW_OPS) {
  test(`${c.name}: along every axis, both dtypes, all layouts`, () => {
    for (const dtype of FLOAT_DTYPES) {
      const x = asDType(randUniform(rng, [3, 13, 1, 4], -5, 5), dtype);
      for (const layout of LAYOUTS) {
        const t = withLayout(x, dtype, layout);
        for (const axis of [0, 1, 2, 3, -1, -3]) {
          const out = c.op(t, axis);
          const expected = alongAxis(x, axis, c.ref, c.name === "logsumexp" ? 1 : undefined);
          assertNdClose(toNd(out), expected, tolFor(dtype), `${c.name} ${dtype} ${layout} ${axis}`);
          out.dispose();
        }
        t.dispose();
      }
    }
  });
}

test("logsumexp without keepdim drops the axis; methods default to the last axis", () => {
  const x = toTensor(randUniform(rng, [2, 3, 4]), "f64");
  const ref = toNd(x);
  assert.deepEqual(logsumexp(x, 1).shape, [2, 4]);
  assertNdClose(toNd(x.logsumexp()), reduceNd(ref, [2], logsumexpOf), F64_TOL, "method");
  assertNdClose(toNd(x.softmax()), alongAxis(ref, -1, softmaxOf), F64_TOL, "softmax method");
  assertNdClose(toNd(x.logSoftmax()), alongAxis(ref, -1, logSoftmaxOf), F64_TOL, "logSoftmax");
});

test("softmax is stable for large logits and sums to one", () => {
  for (const dtype of FLOAT_DTYPES) {
    const x = tensor([1000, 999, -1000, 1e4, 1e4, 0], [2, 3], { dtype });
    const y = Array.from(softmax(x).toArray());
    for (const v of y) assert.ok(Number.isFinite(v));
    const e = softmaxOf([1000, 999, -1000]).concat([0.5, 0.5, 0]);
    assertClose(y, e, tolFor(dtype), `softmax ${dtype}`);
    const l = Array.from(logsumexp(x).toArray());
    assertClose(l, [logsumexpOf([1000, 999, -1000]), 1e4 + Math.log(2)], tolFor(dtype), "lse");
  }
});

test("a row of -inf: softmax gives zeros, logsumexp -inf, no NaN anywhere", () => {
  const ninf = Number.NEGATIVE_INFINITY;
  for (const dtype of FLOAT_DTYPES) {
    const x = tensor([ninf, ninf, ninf, 0, ninf, 1], [2, 3], { dtype });
    assert.deepEqual(Array.from(softmax(x).toArray()).slice(0, 3), [0, 0, 0]);
    const partial = Array.from(softmax(x).toArray()).slice(3);
    assertClose(partial, softmaxOf([0, ninf, 1]), tolFor(dtype), "partly masked row");
    // Along axis 0 the masked column -inf/-inf gives a zero column, not NaN.
    const col = Array.from(softmax(x, 0).toArray());
    assert.ok(
      col.every((v) => !Number.isNaN(v)),
      `softmax axis 0 gave ${col}`,
    );
    assert.equal(col[1], 0);
    assert.equal(col[4], 0);
    const lse = Array.from(logsumexp(x).toArray());
    assert.equal(lse[0], ninf);
    assert.ok(!Number.isNaN(lse[1]!));
    const ls = Array.from(logSoftmax(x).toArray());
    assert.ok(
      ls.every((v) => !Number.isNaN(v)),
      `logSoftmax gave ${ls}`,
    );
  }
});

test("sumTo reverses broadcasting: leading dims and size-1 dims are summed", () => {
  const g = randUniform(rng, [2, 3, 4, 5]);
  const t = toTensor(g, "f64");
  const cases: [number[], number[], number[]][] = [
    [
      [4, 5],
      [0, 1],
      [4, 5],
    ],
    [
      [3, 1, 5],
      [0, 2],
      [3, 1, 5],
    ],
    [
      [1, 1],
      [0, 1, 2, 3],
      [1, 1],
    ],
    [[2, 3, 4, 5], [], [2, 3, 4, 5]],
    [[], [0, 1, 2, 3], []],
  ];
  for (const [shape, axes, outShape] of cases) {
    const expected = reduceNd(g, axes, sumOf, true);
    const got = toNd(sumTo(t, shape));
    assertNdClose(got, nd(outShape, expected.data), F64_TOL, `sumTo [${shape}]`);
  }
  assert.throws(() => sumTo(t, [1, 2, 3, 4, 5]), { name: "ShapeError", message: /^sumTo: / });
  disposeAll(t);
});

test("reductions and softmax of an expanded (stride-0) input", () => {
  const row = randUniform(rng, [1, 5]);
  const t = toTensor(row, "f64").expand([4, 5]);
  const full = toNd(t);
  assertNdClose(toNd(sum(t, 0)), reduceNd(full, [0], sumOf), F64_TOL, "sum over the copies");
  assertNdClose(toNd(max(t, 1)), reduceNd(full, [1], maxOf), F64_TOL, "max along rows");
  assertNdClose(toNd(softmax(t, 0)), alongAxis(full, 0, softmaxOf), F64_TOL, "softmax axis 0");
  assertNdClose(toNd(softmax(t, 1)), alongAxis(full, 1, softmaxOf), F64_TOL, "softmax axis 1");
  assert.deepEqual(Array.from(argmax(t, 0).toArray()), [0, 0, 0, 0, 0], "ties: lowest index");
});

test("softmax and logsumexp of an empty axis give empty results", () => {
  const e = tensor(new Float64Array(0), [2, 0]);
  assert.deepEqual(softmax(e).shape, [2, 0]);
  assert.deepEqual(softmax(tensor(new Float64Array(0), [0, 3]), 1).shape, [0, 3]);
});
