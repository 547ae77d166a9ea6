/**
 * Float64 central-difference gradient check. The function under test may return any shape; it
 * is reduced to the scalar L = Σ out ⊙ R with a fixed random projection R, so that every output
 * element (and its position) influences L and a transposed or misplaced gradient is caught.
 * The analytic gradient comes from the engine's backward; the numeric one from
 * (L(x + h·e_i) − L(x − h·e_i)) / 2h with the inputs rebuilt for every probe.
 */
import assert from "node:assert/strict";
import { mul, noGrad, Rng, sum, type Tensor, tidy } from "../../src/tensor/index.ts";
import { type Nd, randNormal, sizeOf } from "./reference.ts";
import { toTensor } from "./tensors.ts";

export interface GradCheckOptions {
  /** Finite-difference step (default 1e-6). */
  h?: number;
  /** Allowed |analytic − numeric| is atol + rtol·|numeric| (defaults 1e-6 and 1e-6). */
  atol?: number;
  rtol?: number;
  /** Seed of the projection R. */
  seed?: number;
  /** Indices of the inputs to differentiate (default: all). Others are constants. */
  wrt?: readonly number[];
}

export interface GradCheckResult {
  /** Largest |analytic − numeric| over every checked element. */
  maxAbsError: number;
  /** Analytic gradients, one per input (zeros for constants). */
  analytic: Float64Array[];
}

function project(out: Tensor, r: Nd): number {
  const v = out.toArray();
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * r.data[i]!;
  return s;
}

/**
 * Checks the gradient of `fn` w.r.t. the given inputs (created as f64 leaf tensors). Throws an
 * assertion error naming the input, the element and both values when they disagree.
 */
export function gradCheck(
  label: string,
  fn: (inputs: Tensor[]) => Tensor,
  inputs: readonly Nd[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const { h = 1e-6, atol = 1e-6, rtol = 1e-6, seed = 12345 } = options;
  const wrt = options.wrt ?? inputs.map((_, i) => i);
  const leaves = inputs.map((x, i) => {
    const t = toTensor(x, "f64");
    return wrt.includes(i) ? t.requireGrad() : t;
  });
  let r: Nd = { data: new Float64Array(0), shape: [] };
  tidy(() => {
    const out = fn(leaves);
    assert.equal(out.dtype, "f64", `${label}: gradient checks run in f64`);
    assert.ok(out.requiresGrad, `${label}: output does not require grad`);
    r = randNormal(new Rng(seed), out.shape);
    const loss = sum(mul(out, toTensor(r, "f64")));
    loss.backward();
  });
  const analytic = leaves.map((leaf, i) => {
    if (!wrt.includes(i)) return new Float64Array(leaf.size);
    assert.ok(leaf.grad, `${label}: input ${i} received no gradient`);
    assert.deepEqual([...leaf.grad.shape], [...leaf.shape], `${label}: grad shape of input ${i}`);
    return Float64Array.from(leaf.grad.toArray());
  });
  const evaluate = (data: readonly Nd[]): number =>
    tidy(() => noGrad(() => project(fn(data.map((x) => toTensor(x, "f64"))), r)));

  let maxAbsError = 0;
  for (const i of wrt) {
    const x = inputs[i]!;
    const probe = inputs.map((t) => ({ data: t.data.slice(), shape: t.shape }));
    for (let j = 0; j < sizeOf(x.shape); j++) {
      const v = x.data[j]!;
      probe[i]!.data[j] = v + h;
      const up = evaluate(probe);
      probe[i]!.data[j] = v - h;
      const down = evaluate(probe);
      probe[i]!.data[j] = v;
      const numeric = (up - down) / (2 * h);
      const a = analytic[i]![j]!;
      const err = Math.abs(a - numeric);
      maxAbsError = Math.max(maxAbsError, err);
      if (!(err <= atol + rtol * Math.abs(numeric))) {
        assert.fail(
          `${label}: d/d input ${i} [element ${j}] analytic ${a} vs numeric ${numeric} ` +
            `(|diff| ${err})`,
        );
      }
    }
  }
  for (const leaf of leaves) {
    leaf.grad?.dispose();
    leaf.dispose();
  }
  return { maxAbsError, analytic };
}
