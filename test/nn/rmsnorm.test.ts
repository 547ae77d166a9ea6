import assert from "node:assert/strict";
import { test } from "node:test";
import { rmsNorm } from "../../src/nn/index.ts";
import { Rng, ShapeError, tidy } from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import {
  alongAxis,
  assertNdClose,
  F32_TOL,
  F64_TOL,
  type Nd,
  randNormal,
  roundF32,
} from "../helpers/reference.ts";
import { toNd, toTensor } from "../helpers/tensors.ts";

function reference(x: Nd, w: Nd | null, eps: number): Nd {
  return alongAxis(x, -1, (row) => {
    const ms = row.reduce((p, v) => p + v * v, 0) / row.length;
    return row.map((v, i) => ((w ? w.data[i]! : 1) * v) / Math.sqrt(ms + eps));
  });
}

test("rmsNorm: weighted and unweighted forms match float64 references", () => {
  const rng = new Rng(3);
  const x = randNormal(rng, [2, 3, 6], 2);
  const w = randNormal(rng, [6]);
  tidy(() => {
    assertNdClose(
      toNd(rmsNorm(toTensor(x), toTensor(w), 1e-6)),
      reference(x, w, 1e-6),
      F64_TOL,
      "w",
    );
    assertNdClose(toNd(rmsNorm(toTensor(x), null, 1e-6)), reference(x, null, 1e-6), F64_TOL, "1");
  });
});

test("rmsNorm: eps enters inside the square root", () => {
  tidy(() => {
    // x = [3, 4]: mean(x²) = 12.5; with eps 3.5 the divisor is sqrt(16) = 4.
    const x = toTensor({ data: Float64Array.from([3, 4]), shape: [2] });
    assert.deepEqual(Array.from(rmsNorm(x, null, 3.5).toArray()), [0.75, 1]);
  });
});

test("rmsNorm: float32 stays within float32 rounding of the reference", () => {
  const rng = new Rng(4);
  const x = roundF32(randNormal(rng, [5, 16]));
  const w = roundF32(randNormal(rng, [16]));
  tidy(() => {
    const y = rmsNorm(toTensor(x, "f32"), toTensor(w, "f32"), 1e-6);
    assertNdClose(toNd(y), reference(x, w, 1e-6), { atol: 1e-6, rtol: 4 * F32_TOL.rtol! }, "f32");
  });
});

test("rmsNorm: a weight of the wrong width is rejected", () => {
  tidy(() => {
    const x = toTensor(randNormal(new Rng(5), [2, 4]));
    assert.throws(
      () => rmsNorm(x, toTensor(randNormal(new Rng(6), [3])), 1e-6),
      (e: unknown) => e instanceof ShapeError && /rmsNorm: weight \[3\].*\[2, 4\]/.test(e.message),
    );
  });
});

test("rmsNorm: gradients w.r.t. x and the weight match central differences", () => {
  const rng = new Rng(7);
  const x = randNormal(rng, [3, 5]);
  const w = randNormal(rng, [5]);
  gradCheck("rmsNorm", ([a, b]) => rmsNorm(a!, b!, 1e-6), [x, w]);
  gradCheck("rmsNorm unweighted", ([a]) => rmsNorm(a!, null, 0.1), [x]);
});
