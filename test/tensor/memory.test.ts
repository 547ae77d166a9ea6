import assert from "node:assert/strict";
import { test } from "node:test";
import {
  add,
  argmax,
  concat,
  crossEntropy,
  embedding,
  exp,
  gather,
  indexAdd,
  indexSelect,
  keep,
  logSoftmax,
  logsumexp,
  maskedFill,
  matmul,
  max,
  mean,
  mul,
  Rng,
  scatterAdd,
  scopeDepth,
  softmax,
  split,
  stack,
  sum,
  type Tensor,
  tensor,
  tidy,
  topk,
  where,
} from "../../src/tensor/index.ts";
import { randUniform } from "../helpers/reference.ts";
import { i32, liveBuffers, toTensor, withLayout } from "../helpers/tensors.ts";

const rng = new Rng(43);

test("tidy disposes intermediates and keeps what it returns", () => {
  const x = toTensor(randUniform(rng, [4, 4]), "f64");
  const before = liveBuffers();
  const y = tidy(() => {
    const a = mul(x, 2);
    const b = exp(a);
    return sum(b, 1);
  });
  assert.equal(liveBuffers(), before + 1, "only the result is left");
  assert.equal(y.isDisposed, false);
  assert.equal(y.shape[0], 4);
  y.dispose();
  assert.equal(liveBuffers(), before);
});

test("tidy keeps tensors inside returned arrays and objects, and kept tensors", () => {
  const x = toTensor(randUniform(rng, [3]), "f64");
  const before = liveBuffers();
  let kept: Tensor | null = null;
  const out = tidy(() => {
    kept = keep(mul(x, 3));
    const dropped = mul(x, 4);
    return { list: [add(x, 1), dropped.exp()], nested: { t: mul(x, 5) }, n: 3 };
  });
  assert.equal(liveBuffers(), before + 4);
  assert.equal(out.n, 3);
  for (const t of [...out.list, out.nested.t, kept!]) assert.equal(t.isDisposed, false);
  for (const t of [...out.list, out.nested.t, kept!]) t.dispose();
  assert.equal(liveBuffers(), before);
});

test("nested tidy: inner results move to the outer scope, which disposes them", () => {
  const x = toTensor(randUniform(rng, [3]), "f64");
  const before = liveBuffers();
  let inner: Tensor | null = null;
  const outer = tidy(() => {
    assert.equal(scopeDepth(), 1);
    inner = tidy(() => {
      assert.equal(scopeDepth(), 2);
      return mul(exp(x), 2);
    });
    assert.equal(inner.isDisposed, false);
    return add(inner, 1);
  });
  assert.equal(scopeDepth(), 0);
  assert.equal(inner!.isDisposed, true);
  assert.equal(liveBuffers(), before + 1);
  outer.dispose();
});

test("tidy disposes everything and rethrows when its function throws", () => {
  const x = toTensor(randUniform(rng, [3]), "f64");
  const before = liveBuffers();
  assert.throws(
    () =>
      tidy(() => {
        mul(x, 2);
        throw new Error("boom");
      }),
    /boom/,
  );
  assert.equal(liveBuffers(), before);
  assert.equal(scopeDepth(), 0);
});

test("disposing twice is safe; using a disposed tensor is a clear error", () => {
  const before = liveBuffers();
  const x = tensor([1, 2]);
  x.dispose();
  x.dispose();
  assert.equal(liveBuffers(), before);
  assert.equal(x.isDisposed, true);
  assert.throws(() => add(x, 1), {
    name: "DeviceError",
    message: /^add: tensor #\d+ \[2\] was disposed/,
  });
  assert.throws(() => x.toArray(), { name: "DeviceError", message: /^toArray: tensor #\d+ \[2\]/ });
  assert.throws(() => exp(x), { name: "DeviceError", message: /^exp: tensor/ });
  assert.throws(() => x.reshape([2, 1]), { name: "DeviceError", message: /was disposed/ });
  assert.throws(() => sum(x), { name: "DeviceError", message: /^sum: tensor/ });
  assert.throws(() => matmul(x, x), { name: "DeviceError", message: /^matmul: tensor/ });
});

test("use after dispose is caught even while a view keeps the buffer alive", () => {
  const x = tensor([1, 2, 3]);
  const v = x.view();
  x.dispose();
  assert.throws(() => x.gt(1), {
    name: "DeviceError",
    message: /^gt: tensor #\d+ \[3\] was disposed/,
  });
  assert.throws(() => x.onesLike(), { name: "DeviceError", message: /was disposed/ });
  assert.throws(() => x.clamp(0), { name: "DeviceError", message: /^clamp: / });
  assert.throws(() => x.cast("f64"), { name: "DeviceError", message: /^cast: / });
  assert.throws(() => softmax(x), { name: "DeviceError", message: /was disposed/ });
  assert.deepEqual(Array.from(v.toArray()), [1, 2, 3]);
  v.dispose();
});

test("views keep the shared buffer alive until the last view is disposed", () => {
  const before = liveBuffers();
  const base = toTensor(randUniform(rng, [4, 6]), "f64");
  const a = base.slice(1, 2, 5);
  const expected = a.toNested();
  const b = base.transpose();
  assert.equal(liveBuffers(), before + 1, "views allocate nothing");
  base.dispose();
  assert.equal(liveBuffers(), before + 1);
  assert.deepEqual(a.toNested(), expected);
  a.dispose();
  assert.equal(liveBuffers(), before + 1);
  assert.equal(b.shape[0], 6);
  b.dispose();
  assert.equal(liveBuffers(), before);
});

test("forward, backward and an optimizer-like update inside tidy leave only the grads", () => {
  const w = toTensor(randUniform(rng, [5, 3]), "f64").requireGrad();
  const x = toTensor(randUniform(rng, [4, 5]), "f64");
  const t = i32([0, 2, 1, 2]);
  const before = liveBuffers();
  const loss = tidy(() => {
    const logits = matmul(x, w).slice(0, 0, 4);
    const l = crossEntropy(softmax(logits, 0).add(logits), t);
    l.backward();
    return l.item();
  });
  assert.ok(Number.isFinite(loss));
  assert.equal(liveBuffers(), before + 1, "w.grad only");
  w.grad!.dispose();
  assert.equal(liveBuffers(), before);
});

test("backward outside tidy releases its temporaries", () => {
  const w = toTensor(randUniform(rng, [4, 5]), "f64").requireGrad();
  const x = toTensor(randUniform(rng, [3, 4]), "f64");
  const before = liveBuffers();
  const h = matmul(x, w);
  const y = h.tanh();
  const loss = sum(y);
  loss.backward();
  for (const t of [h, y, loss, w.grad!]) t.dispose();
  assert.equal(liveBuffers(), before);
});

interface Inputs {
  x: Tensor;
  /** Views of x: a transpose, its first row, a flat view and its first two rows as vectors. */
  xt: Tensor;
  row: Tensor;
  flat: Tensor;
  v0: Tensor;
  v1: Tensor;
  sliced: Tensor;
  /** The first two columns of `sliced`. */
  cols: Tensor;
  idx: Tensor;
  gidx: Tensor;
  mask: Tensor;
  targets: Tensor;
}

function freshInputs(): Inputs {
  const x = toTensor(randUniform(rng, [3, 4]), "f64");
  const sliced = withLayout(randUniform(rng, [3, 4]), "f64", "sliced");
  const flat = x.reshape([12]);
  return {
    x,
    xt: x.transpose(),
    row: x.slice(0, 0, 1),
    flat,
    v0: flat.slice(0, 0, 4),
    v1: flat.slice(0, 4, 8),
    sliced,
    cols: sliced.slice(1, 0, 2),
    idx: i32([2, 0, 2]),
    gidx: i32([1, 0, 3, 3, 2, 1], [3, 2]),
    mask: i32([1, 0, 0, 1], [1, 4]),
    targets: i32([3, 0, -100]),
  };
}

/**
 * Ops run outside any scope on fresh constants: disposing the inputs and the results must free
 * every buffer, so an op may neither leak a temporary nor keep a hidden reference to an input.
 */
const OPS: readonly [string, (i: Inputs) => Tensor | Tensor[]][] = [
  ["add scalar", ({ x }) => add(x, 2)],
  ["mul broadcast", ({ x, row }) => mul(x, row)],
  ["where", ({ x, mask }) => where(mask, x, 0)],
  ["maskedFill", ({ x, mask }) => maskedFill(x, mask, -1)],
  ["sum", ({ sliced }) => sum(sliced, 1)],
  ["mean", ({ x }) => mean(x)],
  ["max", ({ x }) => max(x, 0)],
  ["argmax", ({ sliced }) => argmax(sliced)],
  ["softmax", ({ x }) => softmax(x, 0)],
  ["logSoftmax", ({ sliced }) => logSoftmax(sliced)],
  ["logsumexp", ({ x }) => logsumexp(x, 0)],
  ["matmul", ({ x, xt }) => matmul(x, xt)],
  ["matmul vectors", ({ v0, v1 }) => matmul(v0, v1)],
  ["indexSelect", ({ x, idx }) => indexSelect(x, 0, idx)],
  ["embedding", ({ x, idx }) => embedding(x, idx)],
  ["gather", ({ x, gidx }) => gather(x, 1, gidx)],
  ["scatterAdd", ({ x, gidx, cols }) => scatterAdd(x, 1, gidx, cols)],
  ["indexAdd", ({ x, idx, sliced }) => indexAdd(x, 0, idx, sliced)],
  ["topk", ({ sliced }) => Object.values(topk(sliced, 2))],
  ["concat", ({ x, sliced }) => concat([x, sliced], 1)],
  ["stack", ({ x, sliced }) => stack([x, sliced], 0)],
  ["split", ({ x }) => split(x, 2, 1)],
  ["reshape of a view", ({ xt }) => xt.reshape([12])],
  ["crossEntropy mean", ({ x, targets }) => crossEntropy(x, targets)],
  [
    "crossEntropy sum",
    ({ sliced, targets }) => crossEntropy(sliced, targets, { reduction: "sum" }),
  ],
  ["crossEntropy none", ({ sliced, idx }) => crossEntropy(sliced, idx, { reduction: "none" })],
];

for (const [name, run] of OPS) {
  test(`${name}: disposing its inputs and results frees every buffer`, () => {
    const before = liveBuffers();
    const inputs = freshInputs();
    const out = run(inputs);
    for (const t of Array.isArray(out) ? out : [out]) t.dispose();
    for (const t of Object.values(inputs)) t.dispose();
    assert.equal(liveBuffers(), before, `${name} leaked ${liveBuffers() - before} buffer(s)`);
  });
}

test("inside tidy, an op that throws midway leaks nothing", () => {
  const x = toTensor(randUniform(rng, [2, 3]), "f64");
  const before = liveBuffers();
  assert.throws(() => tidy(() => indexSelect(x.transpose(), 0, i32([0, 7]))), /index 7/);
  assert.throws(() => tidy(() => topk(tensor([1, Number.NaN]), 1)), /NaN/);
  assert.equal(liveBuffers(), before);
});

test("outside tidy, an op that throws midway leaks nothing", () => {
  const x = toTensor(randUniform(rng, [2, 3]), "f64");
  const bad = i32([0, 7]);
  const before = liveBuffers();
  assert.throws(() => indexSelect(x.transpose(), 0, bad), /index 7/);
  assert.equal(liveBuffers(), before);
});
