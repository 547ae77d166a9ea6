import assert from "node:assert/strict";
import { test } from "node:test";
import {
  add,
  backward,
  cast,
  defineOp,
  exp,
  isGradEnabled,
  max,
  maximum,
  minimum,
  mul,
  noGrad,
  ones,
  Rng,
  sum,
  type Tensor,
  tensor,
  tidy,
  zeros,
} from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import { assertClose, F64_TOL, mapNd, randNormal, randUniform } from "../helpers/reference.ts";
import { toNd, toTensor } from "../helpers/tensors.ts";

const rng = new Rng(41);

function leaf(values: number[], shape: number[] = [values.length]): Tensor {
  return tensor(values, shape, { dtype: "f64" }).requireGrad();
}

test("backward of a scalar fills .grad of the leaves", () => {
  const x = leaf([1, 2, 3]);
  const w = leaf([4, 5, 6]);
  sum(mul(x, w)).backward();
  assert.deepEqual(Array.from(x.grad!.toArray()), [4, 5, 6]);
  assert.deepEqual(Array.from(w.grad!.toArray()), [1, 2, 3]);
  assert.equal(x.grad!.requiresGrad, false, "gradients are plain tensors");
  assert.equal(x.grad!.node, null);
});

test("gradients accumulate across two backward() calls", () => {
  const x = leaf([1, -2, 3]);
  sum(mul(x, 3)).backward();
  sum(mul(x, x)).backward();
  // 3 + 2x
  assert.deepEqual(Array.from(x.grad!.toArray()), [5, -1, 9]);
});

test("a tensor used twice gets both contributions", () => {
  const x = leaf([0.5, -1.5, 2]);
  sum(mul(x, x)).backward();
  assert.deepEqual(Array.from(x.grad!.toArray()), [1, -3, 4]);
  const y = leaf([1, 2]);
  // y + 3y + y·y: 4 + 2y
  sum(add(add(y, mul(y, 3)), mul(y, y))).backward();
  assert.deepEqual(Array.from(y.grad!.toArray()), [6, 8]);
  const z = leaf([2]);
  // Two views of the same leaf.
  sum(mul(z.view(), z.reshape([1, 1]))).backward();
  assert.deepEqual(Array.from(z.grad!.toArray()), [4]);
});

test("backward with an explicit gradient for a non-scalar root", () => {
  const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]);
  const y = mul(exp(x), 2);
  const g = toTensor(randNormal(rng, [2, 3]), "f64");
  y.backward(g);
  const expected = mapNd(toNd(g), (v, i) => v * 2 * Math.exp(i + 1));
  assertClose(x.grad!.toArray(), expected.data, F64_TOL, "explicit gradient");
  const x2 = leaf([1, 2]);
  backward(mul(x2, 5), tensor([1, -1], [2], { dtype: "f64" }));
  assert.deepEqual(Array.from(x2.grad!.toArray()), [5, -5]);
});

test("backward on a non-scalar without a gradient is a clear error", () => {
  const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]);
  assert.throws(() => mul(x, 2).backward(), {
    name: "RangeError",
    message: /^backward: a tensor of shape \[2, 3\] needs an explicit gradient/,
  });
  assert.throws(() => tensor([1]).backward(), {
    name: "RangeError",
    message: /^backward: the tensor does not require grad/,
  });
});

test("backward rejects an explicit gradient whose shape differs from the root's", () => {
  const x = leaf([1, 2, 3, 4, 5, 6], [2, 3]);
  assert.throws(() => mul(x, 2).backward(ones([3, 2], { dtype: "f64" })), {
    name: "ShapeError",
    message: /^backward: grad shape \[3, 2\] must match \[2, 3\]/,
  });
});

test("leaf gradients never share memory with each other or with the seed", () => {
  const a = leaf([1, 2, 3]);
  const c = leaf([4, 5, 6]);
  const seed = tensor([1, 1, 1], [3], { dtype: "f64" });
  add(a, c).backward(seed);
  a.grad!.assign(zeros([3], { dtype: "f64" }));
  assert.deepEqual(Array.from(c.grad!.toArray()), [1, 1, 1]);
  assert.deepEqual(Array.from(seed.toArray()), [1, 1, 1]);
});

test("noGrad records nothing and restores the previous mode, even after a throw", () => {
  const x = leaf([1, 2]);
  assert.equal(isGradEnabled(), true);
  const y = noGrad(() => {
    assert.equal(isGradEnabled(), false);
    return mul(exp(x), x);
  });
  assert.equal(y.requiresGrad, false);
  assert.equal(y.node, null);
  assert.equal(isGradEnabled(), true);
  assert.throws(() =>
    noGrad(() => {
      throw new Error("inner");
    }),
  );
  assert.equal(isGradEnabled(), true);
  // Nested noGrad keeps the outer setting on exit.
  noGrad(() => {
    noGrad(() => undefined);
    assert.equal(isGradEnabled(), false);
  });
  assert.equal(mul(x, 2).requiresGrad, true);
});

test("detach shares the data but cuts the graph", () => {
  const x = leaf([1, 2, 3]);
  const d = x.detach();
  assert.equal(d.storage, x.storage);
  assert.equal(d.requiresGrad, false);
  // d·x: only the x path carries gradient, so d/dx = d = x.
  sum(mul(d, x)).backward();
  assert.deepEqual(Array.from(x.grad!.toArray()), [1, 2, 3]);
});

test("requireGrad is for leaves only; outputs of ops on constants need no grad", () => {
  const x = leaf([1, 2]);
  const y = mul(x, 2);
  assert.throws(() => y.requireGrad(), {
    name: "RangeError",
    message: /^requireGrad: only leaf tensors/,
  });
  const c = tensor([1, 2], [2], { dtype: "f64" });
  assert.equal(mul(c, 2).requiresGrad, false);
  const z = mul(x, c);
  sum(z).backward();
  assert.equal(c.grad, null, "a constant gets no gradient");
  assert.deepEqual(leaf([1]).requireGrad(false).requiresGrad, false);
});

test("cast between f32 and f64 passes gradients back in the input's dtype", () => {
  const x = tensor([1, 2, 3], [3], { dtype: "f32" }).requireGrad();
  sum(mul(cast(x, "f64"), tensor([2, 3, 4], [3], { dtype: "f64" }))).backward();
  assert.equal(x.grad!.dtype, "f32");
  assert.deepEqual(Array.from(x.grad!.toArray()), [2, 3, 4]);
  const y = tensor([1.5], [1], { dtype: "f64" }).requireGrad();
  assert.equal(cast(y, "i32").requiresGrad, false, "integer casts are not differentiable");
});

test("a deep chain does not overflow the stack in backward", () => {
  const x = leaf([1]);
  tidy(() => {
    let y: Tensor = x;
    for (let i = 0; i < 3000; i++) y = add(y, 1);
    y.backward();
  });
  assert.deepEqual(Array.from(x.grad!.toArray()), [1]);
});

/** Straight-through rounding: forward rounds, backward is the identity. */
const roundSte = defineOp<null>({
  name: "roundSte",
  forward: ([x]) => ({ output: x!.add(0.5).cast("i32").cast(x!.dtype), saved: null }),
  backward: (g) => [g.view()],
});

test("defineOp: a straight-through round passes the upstream gradient through exactly", () => {
  const xs = randUniform(rng, [3, 4], 0, 5);
  const x = toTensor(xs, "f64").requireGrad();
  const y = roundSte(x);
  assert.deepEqual(
    Array.from(y.toArray()),
    Array.from(xs.data).map((v) => Math.floor(v + 0.5)),
  );
  assert.equal(y.requiresGrad, true);
  assert.equal(y.node!.op, "roundSte");
  const r = toTensor(randNormal(rng, [3, 4]), "f64");
  sum(mul(y, r)).backward();
  assert.deepEqual(Array.from(x.grad!.toArray()), Array.from(r.toArray()));
  assert.equal(noGrad(() => roundSte(x)).requiresGrad, false);
});

test("defineOp: a hand-written backward is checked against numerics and input shapes", () => {
  // f(a, b) = a·exp(b) with its analytic gradients.
  const mulExp = defineOp<{ e: Tensor }>({
    name: "mulExp",
    forward: ([a, b]) => {
      const e = exp(b!);
      return { output: mul(a!, e), saved: { e } };
    },
    backward: (g, { e }, [a]) => [mul(g, e), mul(mul(g, a!), e)],
  });
  gradCheck("mulExp", ([a, b]) => mulExp(a!, b!), [
    randUniform(rng, [2, 3]),
    randUniform(rng, [2, 3]),
  ]);
  const bad = defineOp<null>({
    name: "badShape",
    forward: ([x]) => ({ output: x!.mul(2), saved: null }),
    backward: () => [ones([7], { dtype: "f64" })],
  });
  const x = leaf([1, 2, 3]);
  assert.throws(() => sum(bad(x)).backward(), {
    name: "ShapeError",
    message: /^badShape: backward gave a gradient of shape \[7\] for input 0 of shape \[3\]/,
  });
});

test("gradCheck itself catches a wrong backward", () => {
  const wrong = defineOp<null>({
    name: "wrongSquare",
    forward: ([x]) => ({ output: mul(x!, x!), saved: null }),
    // d(x²)/dx is 2x; x alone is wrong.
    backward: (g, _s, [x]) => [mul(g, x!)],
  });
  assert.throws(
    () => gradCheck("wrong", ([x]) => wrong(x!), [randUniform(rng, [3], 0.5, 1)]),
    /wrong: d\/d input 0 \[element 0\] analytic/,
  );
});

test("gradients at ties: max shares equally, maximum and minimum give it to a", () => {
  const x = leaf([1, 3, 3]);
  max(x).backward();
  assert.deepEqual(Array.from(x.grad!.toArray()), [0, 0.5, 0.5]);
  const a = leaf([2, 1]);
  const b = leaf([2, 2]);
  sum(maximum(a, b)).backward();
  assert.deepEqual(Array.from(a.grad!.toArray()), [1, 0]);
  assert.deepEqual(Array.from(b.grad!.toArray()), [0, 1]);
  const c = leaf([2]);
  const d = leaf([2]);
  sum(minimum(c, d)).backward();
  assert.deepEqual([c.grad!.item(), d.grad!.item()], [1, 0]);
});
