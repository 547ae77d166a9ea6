import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dequantizeMxfp4,
  fakeQuantMxfp4Ste,
  hadamardMatrix,
  hadamardRotate,
  hadamardRows,
  indexerFakeQuantSte,
  quantizeMxfp4,
} from "../../src/quant/index.ts";
import { Rng, tensor } from "../../src/tensor/index.ts";

function values(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * 2 ** Math.floor(rng.uniform() * 6 - 3);
  return out;
}

test("fakeQuantMxfp4Ste forward equals quantize -> dequantize along the input dim", () => {
  const w = values(5 * 96, 1);
  const want = dequantizeMxfp4(quantizeMxfp4(w, 5, 96));
  const got = fakeQuantMxfp4Ste(tensor(w, [5, 96])).toArray();
  assert.deepEqual(got, want);
  // A leading batch of experts is the same as stacking the rows.
  const batched = fakeQuantMxfp4Ste(tensor(w.slice(0, 4 * 96), [2, 2, 96])).toArray();
  assert.deepEqual(batched, want.slice(0, 4 * 96));
  // Something was actually rounded: the fake-quantised weight differs from the master.
  assert.notDeepEqual(got, w);
});

test("fakeQuantMxfp4Ste passes the upstream gradient through exactly (f32 and f64)", () => {
  for (const dtype of ["f32", "f64"] as const) {
    const w = tensor(values(3 * 64, 2), [3, 64], { dtype }).requireGrad();
    const g = tensor(values(3 * 64, 3), [3, 64], { dtype });
    fakeQuantMxfp4Ste(w).mul(g).sum().backward();
    assert.deepEqual(w.grad!.toArray(), g.toArray(), dtype);
    assert.equal(w.grad!.dtype, dtype);
  }
});

test("the STE gradient flows to the master through a matmul with the fake-quantised weight", () => {
  const wv = values(4 * 32, 4);
  const xv = values(2 * 32, 5);
  const w = tensor(wv, [4, 32], { dtype: "f64" }).requireGrad();
  const x = tensor(xv, [2, 32], { dtype: "f64" });
  x.matmul(fakeQuantMxfp4Ste(w).transpose(0, 1)).sum().backward();
  // d/dW Σ x·Q(W)ᵀ = Σ_i x[i] for every row of W, as if Q were the identity.
  const g = w.grad!.toArray();
  for (let r = 0; r < 4; r++) {
    for (let p = 0; p < 32; p++) {
      assert.equal(g[r * 32 + p], (xv[p] ?? 0) + (xv[32 + p] ?? 0));
    }
  }
});

test("fakeQuantMxfp4Ste rejects an input dim that is not a multiple of 32, and NaN", () => {
  assert.throws(() => fakeQuantMxfp4Ste(tensor(new Float32Array(48), [2, 24])), /multiple of 32/);
  const bad = new Float32Array(32);
  bad[7] = Number.NaN;
  assert.throws(() => fakeQuantMxfp4Ste(tensor(bad, [1, 32])), /non-finite/);
});

test("hadamardRotate matches hadamardRows and keeps dot products", () => {
  const x = values(3 * 64, 6);
  const want = Float32Array.from(x);
  hadamardRows(want, 64);
  const got = hadamardRotate(tensor(x, [3, 64])).toArray();
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) < 1e-6);
  const h = hadamardMatrix(4);
  assert.deepEqual(Array.from(h.subarray(4, 8)), [0.5, -0.5, 0.5, -0.5]);
  const a = tensor(values(128, 7), [1, 128], { dtype: "f64" });
  const b = tensor(values(128, 8), [1, 128], { dtype: "f64" });
  const before = a.mul(b).sum().item();
  const after = hadamardRotate(a).mul(hadamardRotate(b)).sum().item();
  assert.ok(Math.abs(after - before) < 1e-12 * Math.max(1, Math.abs(before)));
});

test("indexerFakeQuantSte: forward Q(H x), gradient H · g (exact rotation, straight Q)", () => {
  const d = 32;
  const xv = values(2 * d, 9);
  const x = tensor(xv, [2, d], { dtype: "f64" }).requireGrad();
  const y = indexerFakeQuantSte(x);
  const fq = dequantizeMxfp4(
    quantizeMxfp4(Float32Array.from(hadamardRotate(x.detach()).toArray()), 2, d),
  );
  assert.deepEqual(Array.from(y.toArray()), Array.from(fq));
  // Every output is an E2M1 value times a power of two: the 32-block is really quantised.
  assert.ok(new Set(y.toArray()).size <= 2 * 15);
  const g = values(2 * d, 10);
  y.mul(tensor(g, [2, d], { dtype: "f64" }))
    .sum()
    .backward();
  const h = hadamardMatrix(d);
  const grad = x.grad!.toArray();
  for (let r = 0; r < 2; r++) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += h[i * d + j]! * g[r * d + j]!;
      assert.ok(Math.abs(grad[r * d + i]! - s) < 1e-12, `row ${r} dim ${i}`);
    }
  }
});
