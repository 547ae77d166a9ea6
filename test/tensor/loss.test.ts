import assert from "node:assert/strict";
import { test } from "node:test";
import { crossEntropy, Rng, tensor } from "../../src/tensor/index.ts";
import { assertClose, logsumexpOf, type Nd, randInts, randUniform } from "../helpers/reference.ts";
import {
  asDType,
  FLOAT_DTYPES,
  i32,
  LAYOUTS,
  tolFor,
  toTensor,
  withLayout,
} from "../helpers/tensors.ts";

const rng = new Rng(17);

/** Per-row loss logsumexp(row) − row[target], 0 for ignored rows. */
function refPerRow(logits: Nd, targets: readonly number[], ignore: number): number[] {
  const v = logits.shape[1]!;
  return targets.map((t, r) => {
    if (t === ignore) return 0;
    const row = Array.from(logits.data.subarray(r * v, (r + 1) * v));
    return logsumexpOf(row) - row[t]!;
  });
}

test("crossEntropy: none, sum and mean reductions vs naive, both dtypes, all layouts", () => {
  for (const dtype of FLOAT_DTYPES) {
    const logits = asDType(randUniform(rng, [7, 13], -4, 4), dtype);
    const targets = randInts(rng, 7, 13);
    const perRow = refPerRow(logits, targets, -100);
    const total = perRow.reduce((p, q) => p + q, 0);
    for (const layout of LAYOUTS) {
      const tl = withLayout(logits, dtype, layout);
      const tt = i32(targets);
      const tol = tolFor(dtype);
      const none = crossEntropy(tl, tt, { reduction: "none" });
      assert.deepEqual(none.shape, [7]);
      assert.equal(none.dtype, dtype);
      assertClose(none.toArray(), perRow, tol, `none ${dtype} ${layout}`);
      assertClose([crossEntropy(tl, tt, { reduction: "sum" }).item()], [total], tol, "sum");
      const mean = crossEntropy(tl, tt);
      assert.deepEqual(mean.shape, []);
      assertClose([mean.item()], [total / 7], tol, `mean ${dtype} ${layout}`);
    }
  }
});

test("crossEntropy skips ignored targets and averages over the rest only", () => {
  const logits = randUniform(rng, [6, 5], -3, 3);
  const targets = [1, -100, 4, 7, -100, 0];
  // 7 is the custom ignore index here, so -100 must then be an ordinary (invalid) target.
  const withDefault = [1, -100, 4, 2, -100, 0];
  const per = refPerRow(logits, withDefault, -100);
  const tl = toTensor(logits, "f64");
  const mean = crossEntropy(tl, i32(withDefault)).item();
  assertClose([mean], [per.reduce((p, q) => p + q, 0) / 4], tolFor("f64"), "default ignore");
  const custom = targets.map((t) => (t === -100 ? 2 : t));
  const perCustom = refPerRow(logits, custom, 7);
  const meanCustom = crossEntropy(tl, i32(custom), { ignoreIndex: 7 }).item();
  assertClose([meanCustom], [perCustom.reduce((p, q) => p + q, 0) / 5], tolFor("f64"), "custom");
  const none = crossEntropy(tl, i32(withDefault), { reduction: "none" }).toArray();
  assert.equal(none[1], 0);
  assert.equal(none[4], 0);
});

test("crossEntropy with every target ignored is exactly 0, not NaN", () => {
  for (const dtype of FLOAT_DTYPES) {
    const tl = toTensor(randUniform(rng, [3, 4]), dtype);
    const tt = i32([-100, -100, -100]);
    assert.equal(crossEntropy(tl, tt).item(), 0);
    assert.equal(crossEntropy(tl, tt, { reduction: "sum" }).item(), 0);
  }
});

test("crossEntropy is stable for huge logits", () => {
  const tl = tensor([1e4, 0, -1e4, 0, 1e4, 1e4], [2, 3], { dtype: "f32" });
  const out = crossEntropy(tl, i32([0, 2]), { reduction: "none" }).toArray();
  // The f32 logsumexp is rounded at magnitude 1e4 (ulp ~1e-3) before the target logit is
  // subtracted, so the loss is exact only to that ulp; what matters is no overflow or NaN.
  assertClose(out, [0, Math.log(2)], { atol: 1e4 * 2 ** -23 }, "huge logits");
});

test("crossEntropy rejects a wrong target dtype, rank or length and out-of-range targets", () => {
  const tl = tensor(new Float32Array(6), [2, 3]);
  assert.throws(() => crossEntropy(tl, tensor([0, 1])), {
    name: "DTypeError",
    message: /^crossEntropy: targets must be i32, got f32/,
  });
  assert.throws(() => crossEntropy(tl, i32([0, 1, 2])), {
    name: "ShapeError",
    message: /^crossEntropy: targets \[3\] .*\(2\)/,
  });
  assert.throws(() => crossEntropy(tensor(new Float32Array(6), [6]), i32([0])), {
    name: "ShapeError",
    message: /^crossEntropy: logits must be \[N, V\], got \[6\]/,
  });
  assert.throws(() => crossEntropy(tl, i32([0, 3])), { message: /index 3 .*\[0, 3\)/ });
});
