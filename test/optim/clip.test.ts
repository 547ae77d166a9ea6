import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Tensor, tensor } from "../../src/tensor/index.ts";
import { clipGradNorm, gradNorm } from "../../src/train/optim/index.ts";

function withGrad(grad: number[] | null): Tensor {
  const p = tensor(new Float32Array(Math.max(1, grad?.length ?? 1))).requireGrad();
  if (grad) p.grad = tensor(grad);
  return p;
}

describe("clipGradNorm", () => {
  it("returns the global norm and scales every gradient to exactly maxNorm", () => {
    // ‖(3, 4, 12)‖ = 13; clipping to 6.5 halves every gradient (exact in f32).
    const a = withGrad([3, 4]);
    const b = withGrad([12]);
    const noGradParam = withGrad(null);
    assert.equal(clipGradNorm([a, b, noGradParam], 6.5), 13);
    assert.deepEqual(Array.from(a.grad!.toArray()), [1.5, 2]);
    assert.deepEqual(Array.from(b.grad!.toArray()), [6]);
    assert.equal(gradNorm([a, b]), 6.5);
    assert.equal(noGradParam.grad, null);
  });

  it("scales by maxNorm/norm for an irrational ratio, to f32 rounding", () => {
    const a = withGrad([1, 2, 3]);
    const b = withGrad([-4, 5]);
    const norm = Math.sqrt(1 + 4 + 9 + 16 + 25);
    assert.ok(
      Math.abs(
        clipGradNorm(
          new Map([
            ["a", a],
            ["b", b],
          ]),
          1,
        ) - norm,
      ) < 1e-12,
    );
    const got = [...a.grad!.toArray(), ...b.grad!.toArray()];
    const want = [1, 2, 3, -4, 5].map((v) => v / norm);
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(got[i]! - want[i]!) < 1e-7);
    assert.ok(Math.abs(gradNorm([a, b]) - 1) < 1e-6);
  });

  it("leaves gradients alone when the norm is within maxNorm", () => {
    const a = withGrad([3, 4]);
    assert.equal(clipGradNorm([a], 5), 5);
    assert.deepEqual(Array.from(a.grad!.toArray()), [3, 4]);
  });

  it("returns a non-finite norm without touching the gradients", () => {
    const a = withGrad([3, 4]);
    const b = withGrad([Number.NaN, 1]);
    assert.ok(Number.isNaN(clipGradNorm([a, b], 1)));
    assert.deepEqual(Array.from(a.grad!.toArray()), [3, 4]);
    const c = withGrad([Number.POSITIVE_INFINITY]);
    assert.equal(clipGradNorm([a, c], 1), Number.POSITIVE_INFINITY);
    assert.deepEqual(Array.from(a.grad!.toArray()), [3, 4]);
  });

  it("is 0 without gradients and rejects a bad maxNorm", () => {
    assert.equal(gradNorm([withGrad(null)]), 0);
    assert.throws(() => clipGradNorm([], 0), /clipGradNorm: maxNorm must be a positive/);
  });
});
