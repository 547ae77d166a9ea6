import assert from "node:assert/strict";
import { test } from "node:test";
import { concat, Rng, split, stack, tensor } from "../../src/tensor/index.ts";
import {
  assertNdClose,
  concatNd,
  type Nd,
  nd,
  randUniform,
  sliceNd,
} from "../helpers/reference.ts";
import { FLOAT_DTYPES, LAYOUTS, toNd, withLayout } from "../helpers/tensors.ts";

const rng = new Rng(29);

test("concat along every axis with unequal sizes, mixed layouts, both dtypes", () => {
  for (const dtype of FLOAT_DTYPES) {
    for (const axis of [0, 1, 2, -1]) {
      const a = (axis + 3) % 3;
      const parts: Nd[] = [1, 3, 2].map((n) => {
        const shape = [2, 3, 4];
        shape[a] = n;
        return randUniform(rng, shape);
      });
      const tensors = parts.map((p, i) => withLayout(p, dtype, LAYOUTS[i % LAYOUTS.length]!));
      const out = concat(tensors, axis);
      const expected = concatNd(parts, a);
      const rounded = dtype === "f32" ? expected.data.map(Math.fround) : expected.data;
      assertNdClose(toNd(out), nd(expected.shape, rounded), {}, `concat ${dtype} axis ${axis}`);
    }
  }
});

test("concat of a single tensor copies it; empty parts contribute nothing", () => {
  const x = randUniform(rng, [2, 3]);
  const t = withLayout(x, "f64", "transposed");
  const one = concat([t], 1);
  assert.notEqual(one.storage, t.storage);
  assertNdClose(toNd(one), x, {}, "single");
  const empty = tensor(new Float64Array(0), [2, 0]);
  assertNdClose(toNd(concat([empty, t, empty], 1)), x, {}, "with empty parts");
});

test("stack joins same-shaped tensors along a new axis at any position", () => {
  const parts = [0, 1, 2].map(() => randUniform(rng, [2, 3]));
  const ts = parts.map((p, i) => withLayout(p, "f64", LAYOUTS[i]!));
  for (const axis of [0, 1, 2, -1, -3]) {
    const a = (axis + 3) % 3;
    const out = stack(ts, axis);
    const expanded = parts.map((p) => {
      const shape = p.shape.slice();
      shape.splice(a, 0, 1);
      return nd(shape, p.data);
    });
    assertNdClose(toNd(out), concatNd(expanded, a), {}, `stack axis ${axis}`);
  }
});

test("split by a fixed size (last piece smaller) and by a list of sizes, as views", () => {
  const x = randUniform(rng, [7, 4]);
  const t = withLayout(x, "f64", "strided");
  const pieces = split(t, 3);
  assert.deepEqual(
    pieces.map((p) => p.shape),
    [
      [3, 4],
      [3, 4],
      [1, 4],
    ],
  );
  for (const [i, p] of pieces.entries()) {
    assert.equal(p.storage, t.storage, "split returns views");
    assertNdClose(toNd(p), sliceNd(x, 0, 3 * i, Math.min(3 * i + 3, 7)), {}, `piece ${i}`);
  }
  const cols = t.split([1, 0, 3], -1);
  assert.deepEqual(
    cols.map((p) => p.shape),
    [
      [7, 1],
      [7, 0],
      [7, 3],
    ],
  );
  assertNdClose(toNd(cols[2]!), sliceNd(x, 1, 1, 4), {}, "list split");
  assertNdClose(toNd(concat(cols, 1)), x, {}, "concat inverts split");
});

test("join errors name the op, the offending tensor and the shapes", () => {
  const a = tensor(new Float32Array(6), [2, 3]);
  const b = tensor(new Float32Array(8), [2, 4]);
  assert.throws(() => concat([a, b], 0), {
    name: "ShapeError",
    message: /^concat: tensor 1 has shape \[2, 4\], incompatible with \[2, 3\] along axis 0/,
  });
  assert.throws(() => concat([a, tensor(new Float64Array(6), [2, 3])], 0), {
    name: "DTypeError",
    message: /^concat: tensor 1 is f64, expected f32/,
  });
  assert.throws(() => concat([], 0), { name: "RangeError", message: /^concat: / });
  assert.throws(() => stack([a, b]), {
    name: "ShapeError",
    message: /^stack: tensor 1 has shape \[2, 4\], expected \[2, 3\]/,
  });
  assert.throws(() => split(a, [1, 1], 1), {
    name: "ShapeError",
    message: /^split: sizes \[1, 1\] sum to 2, but axis 1 has size 3/,
  });
  assert.throws(() => split(a, 0), { name: "RangeError", message: /^split: size 0/ });
});
