import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor, zeros } from "../../src/tensor/index.ts";
import { newtonSchulz, V4_NS_SCHEDULE } from "../../src/train/optim/index.ts";
import {
  gaussians,
  mat,
  matmul,
  maxRelDiff,
  newtonSchulz64,
  symEigenvalues,
  transpose,
} from "./f64-reference.ts";

describe("newtonSchulz", () => {
  it("uses V4's hybrid schedule: 8 x (3.4445, -4.775, 2.0315) then 2 x (2, -1.5, 0.5)", () => {
    assert.deepEqual(
      V4_NS_SCHEDULE.map((p) => [p.a, p.b, p.c, p.steps]),
      [
        [3.4445, -4.775, 2.0315, 8],
        [2, -1.5, 0.5, 2],
      ],
    );
  });

  it("orthogonalises a random 8x13 matrix: eigenvalues of XXᵀ within 2e-3 of 1", () => {
    // The input's singular values span 0.89 .. 6.91 (ratio ~8). The 8 quintic steps bring
    // them into a band around 1, the 2 polishing steps square the distance to 1, from above
    // (φ(1+e) ≈ 1 + e²/2). Observed eigenvalues of XXᵀ: 1.00000 .. 1.00044, identical in
    // f32 and in the float64 reference to 5 decimals.
    const g = gaussians(8 * 13, 1);
    const x = newtonSchulz(tensor(Float32Array.from(g), [8, 13]));
    assert.deepEqual(x.shape, [8, 13]);
    const xm = mat(8, 13, x.toArray());
    const ev = symEigenvalues(matmul(xm, transpose(xm)));
    assert.ok(ev[0]! > 0.999 && ev[7]! < 1.002, `eigenvalues ${ev}`);
    const ref = newtonSchulz64(mat(8, 13, g));
    const evRef = symEigenvalues(matmul(ref, transpose(ref)));
    assert.ok(evRef[0]! > 0.999 && evRef[7]! < 1.002, `reference eigenvalues ${evRef}`);
    assert.ok(maxRelDiff(xm.data, ref.data) < 1e-5);
  });

  it("matches the float64 reference on f64 input to ~1e-12", () => {
    const g = gaussians(8 * 13, 2);
    const x = newtonSchulz(tensor(g, [8, 13]));
    assert.ok(maxRelDiff(x.toArray(), newtonSchulz64(mat(8, 13, g)).data) < 1e-12);
  });

  it("handles a tall matrix through its transpose (XᵀX ≈ I, shape kept)", () => {
    const g = gaussians(13 * 8, 3);
    const x = newtonSchulz(tensor(g, [13, 8]));
    assert.deepEqual(x.shape, [13, 8]);
    const xm = mat(13, 8, x.toArray());
    const ev = symEigenvalues(matmul(transpose(xm), xm));
    assert.ok(ev[0]! > 0.999 && ev[7]! < 1.002, `eigenvalues ${ev}`);
    assert.ok(maxRelDiff(xm.data, newtonSchulz64(mat(13, 8, g)).data) < 1e-12);
  });

  it("treats leading dims as independent matrices, each with its own norm", () => {
    const a = gaussians(4 * 6, 4);
    const b = gaussians(4 * 6, 5).map((v) => v * 100);
    const x = newtonSchulz(tensor(Float64Array.from([...a, ...b]), [2, 4, 6])).toArray();
    assert.ok(maxRelDiff(x.slice(0, 24), newtonSchulz64(mat(4, 6, a)).data) < 1e-12);
    assert.ok(maxRelDiff(x.slice(24), newtonSchulz64(mat(4, 6, b)).data) < 1e-12);
  });

  it("maps a zero matrix to zero (eps keeps 0/0 away)", () => {
    const x = newtonSchulz(zeros([3, 5]));
    assert.deepEqual(Array.from(x.toArray()), new Array(15).fill(0));
  });

  it("rejects a vector", () => {
    assert.throws(() => newtonSchulz(zeros([5])), /newtonSchulz: expected a matrix.*rank 1/);
  });
});
