import assert from "node:assert/strict";
import { test } from "node:test";
import { CpuDevice } from "../../src/backend/index.ts";
import {
  add,
  concat,
  crossEntropy,
  expand,
  gather,
  indexSelect,
  matmul,
  permute,
  reshape,
  slice,
  softmax,
  squeeze,
  sum,
  tensor,
  topk,
  zeros,
} from "../../src/tensor/index.ts";
import { i32 } from "../helpers/tensors.ts";

const f32 = (shape: number[]) => zeros(shape, { dtype: "f32" });

test("matmul with mismatched inner dims names both dims and both shapes", () => {
  const expected = "matmul: a.shape[-1] (768) must equal b.shape[-2] (512)";
  assert.throws(
    () => matmul(f32([2, 768]), f32([512, 3])),
    (e: unknown) =>
      e instanceof Error &&
      e.name === "ShapeError" &&
      e.message.startsWith(expected) &&
      e.message.endsWith("a is [2, 768], b is [512, 3]"),
  );
  assert.throws(() => matmul(f32([2, 2, 3]), f32([3, 3, 4])), {
    name: "ShapeError",
    message: /^matmul: shapes \[2\] and \[3\] cannot be broadcast/,
  });
  assert.throws(() => matmul(i32([1, 2], [1, 2]), i32([1, 2], [2, 1])), {
    name: "DTypeError",
    message: /^matmul: expected a floating-point tensor \(f32 or f64\), got i32/,
  });
  assert.throws(() => matmul(f32([]), f32([2])), {
    name: "ShapeError",
    message: /^matmul: operands must have at least one dim/,
  });
});

test("a broadcast failure names the op and both shapes", () => {
  assert.throws(() => add(f32([2, 3]), f32([4, 3])), {
    name: "ShapeError",
    message: /^add: shapes \[2, 3\] and \[4, 3\] cannot be broadcast/,
  });
  assert.throws(() => f32([3, 1, 5]).mul(f32([4, 2])), {
    name: "ShapeError",
    message: /^mul: shapes \[3, 1, 5\] and \[4, 2\] cannot be broadcast/,
  });
  assert.throws(() => expand(f32([3, 2]), [3, 4]), {
    name: "ShapeError",
    message: /^expand: dim 1 of \[3, 2\] cannot expand to \[3, 4\]/,
  });
});

test("reshape to a wrong size names the shapes and the element count", () => {
  assert.throws(() => reshape(f32([2, 3]), [4, 2]), {
    name: "ShapeError",
    message: /^reshape: cannot view \[2, 3\] \(6 elements\) as \[4, 2\]/,
  });
  assert.throws(() => reshape(f32([2, 3]), [4, -1]), {
    name: "ShapeError",
    message: /^reshape: cannot infer -1 in \[4, -1\] for 6 elements/,
  });
  assert.throws(() => reshape(f32([2, 3]), [-1, -1]), {
    name: "ShapeError",
    message: /^reshape: /,
  });
  assert.throws(() => reshape(f32([2, 3]), [-2, -3]), {
    name: "ShapeError",
    message: /^reshape: shape \[-2, -3\] must contain non-negative integers/,
  });
});

test("bad axes name the op, the axis and the rank", () => {
  const x = f32([2, 3]);
  assert.throws(() => sum(x, 2), {
    name: "ShapeError",
    message: /^sum: axis 2 is out of range for a tensor of rank 2/,
  });
  assert.throws(() => softmax(x, -3), {
    name: "ShapeError",
    message: /^softmax: axis -3 is out of range for a tensor of rank 2/,
  });
  assert.throws(() => sum(x, 0.5), { name: "ShapeError", message: /^sum: axis 0\.5 / });
  assert.throws(() => permute(x, [0, 0]), {
    name: "ShapeError",
    message: /^permute: axes \[0, 0\] must be a permutation of 0\.\.1/,
  });
  assert.throws(() => permute(x, [0]), {
    name: "ShapeError",
    message: /^permute: got 1 axes for a tensor of rank 2/,
  });
  assert.throws(() => squeeze(x, 1), {
    name: "ShapeError",
    message: /^squeeze: axis 1 of \[2, 3\] has size 3, expected 1/,
  });
  assert.throws(() => x.transpose(0, 5), { name: "ShapeError", message: /^transpose: axis 5 / });
});

test("a dtype mismatch names the op and both dtypes", () => {
  const a = zeros([2], { dtype: "f32" });
  const b = zeros([2], { dtype: "f64" });
  assert.throws(() => add(a, b), {
    name: "DTypeError",
    message: /^add: dtypes differ \(f32 and f64\)/,
  });
  assert.throws(() => matmul(f32([2, 2]), zeros([2, 2], { dtype: "f64" })), {
    name: "DTypeError",
    message: /^matmul: dtypes differ \(f32 and f64\)/,
  });
  assert.throws(() => b.lt(a), {
    name: "DTypeError",
    message: /^lt: dtypes differ \(f64 and f32\)/,
  });
});

test("tensors on different devices are refused", () => {
  const other = new CpuDevice();
  const a = zeros([2]);
  const b = zeros([2], { device: other });
  assert.throws(() => add(a, b), { name: "DeviceError", message: /^add: b is on device/ });
});

test("gather: out-of-range index, wrong index shape and wrong index dtype", () => {
  const x = f32([2, 3]);
  assert.throws(() => gather(x, 1, i32([0, 5], [2, 1])), {
    name: "RangeError",
    message: /^gather: index 5 is out of range \[0, 3\)/,
  });
  assert.throws(() => gather(x, 1, i32([0, 1, 2], [3, 1])), {
    name: "ShapeError",
    message: /^gather: index \[3, 1\] must match x \[2, 3\] on every axis except 1/,
  });
  assert.throws(() => gather(x, 1, f32([2, 1])), {
    name: "DTypeError",
    message: /^gather: index must be i32, got f32/,
  });
  assert.throws(() => indexSelect(x, 0, i32([0, 1], [1, 2])), {
    name: "ShapeError",
    message: /^indexSelect: index must be 1-D, got \[1, 2\]/,
  });
});

test("topk with k > n names k and the axis size", () => {
  assert.throws(() => topk(f32([2, 3]), 4), {
    name: "RangeError",
    message: /^topk: k \(4\) must be an integer in \[1, 3\] for a last axis of size 3/,
  });
});

test("slice out of bounds names the range, the axis and its size", () => {
  const x = f32([3, 4]);
  assert.throws(() => slice(x, 1, 0, 9), {
    name: "RangeError",
    message: /^slice: range \[0, 9\) is out of bounds for axis 1 of size 4/,
  });
  assert.throws(() => slice(x, 0, -5), {
    name: "RangeError",
    message: /^slice: range \[-5, 3\) is out of bounds for axis 0 of size 3/,
  });
  assert.throws(() => slice(x, 0, 2, 1), { name: "RangeError", message: /^slice: range \[2, 1\)/ });
  assert.throws(() => slice(x, 2, 0, 1), { name: "ShapeError", message: /^slice: axis 2 / });
});

test("concat with mismatched shapes names the tensor and both shapes", () => {
  assert.throws(() => concat([f32([2, 3]), f32([3, 4])], 1), {
    name: "ShapeError",
    message: /^concat: tensor 1 has shape \[3, 4\], incompatible with \[2, 3\] along axis 1/,
  });
  assert.throws(() => concat([f32([2, 3]), f32([2, 3, 1])], 0), {
    name: "ShapeError",
    message: /^concat: tensor 1 has shape \[2, 3, 1\]/,
  });
});

test("crossEntropy with the wrong target dtype names it", () => {
  assert.throws(() => crossEntropy(f32([2, 3]), zeros([2], { dtype: "f64" })), {
    name: "DTypeError",
    message: /^crossEntropy: targets must be i32, got f64/,
  });
});

test("construction errors: ragged nesting, wrong value count, bad shape, item of many", () => {
  assert.throws(() => tensor([[1, 2], [3]]), {
    name: "ShapeError",
    message: /^tensor: ragged nested array; expected 2 entries at depth 1/,
  });
  assert.throws(() => tensor([1, 2, 3], [2, 2]), {
    name: "ShapeError",
    message: /^tensor: 3 values do not fill shape \[2, 2\]/,
  });
  assert.throws(() => zeros([2, -1]), {
    name: "ShapeError",
    message: /^full: shape \[2, -1\] must contain non-negative integers/,
  });
  assert.throws(() => f32([2]).item(), {
    name: "RangeError",
    message: /^item: tensor has 2 elements, expected 1/,
  });
});
