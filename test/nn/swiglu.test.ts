import assert from "node:assert/strict";
import { test } from "node:test";
import { swiglu } from "../../src/nn/index.ts";
import { Rng, ShapeError, tensor, tidy } from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import {
  assertClose,
  F64_TOL,
  type Nd,
  randAwayFrom,
  randNormal,
  sigmoidOf,
} from "../helpers/reference.ts";
import { toTensor } from "../helpers/tensors.ts";

function reference(gate: Nd, up: Nd, limit: number): Float64Array {
  return gate.data.map((g, i) => {
    const gc = limit > 0 ? Math.min(g, limit) : g;
    const u = up.data[i]!;
    const uc = limit > 0 ? Math.min(Math.max(u, -limit), limit) : u;
    return gc * sigmoidOf(gc) * uc;
  });
}

test("swiglu: clamp cases with limit 10", () => {
  tidy(() => {
    const gate = tensor([12, -20, 3], [3], { dtype: "f64" });
    const up = tensor([-15, 5, 2], [3], { dtype: "f64" });
    const y = swiglu(gate, up, 10).toArray();
    // gate capped at 10 and up at −10; the gate has no lower clamp; inside the range nothing moves.
    assertClose(y, [-99.99546, -2.061154e-7, 5.715445], { atol: 0, rtol: 1e-6 }, "cases");
  });
});

test("swiglu: limit 0 disables both clamps", () => {
  tidy(() => {
    const y = swiglu(tensor([12], [1], { dtype: "f64" }), tensor([-15], [1], { dtype: "f64" }), 0);
    assertClose(y.toArray(), [12 * sigmoidOf(12) * -15], F64_TOL, "no clamp");
  });
});

test("swiglu: random inputs match a float64 reference", () => {
  const rng = new Rng(8);
  const gate = randNormal(rng, [4, 6], 3);
  const up = randNormal(rng, [4, 6], 3);
  for (const limit of [0, 1.5, 10]) {
    tidy(() => {
      const y = swiglu(toTensor(gate), toTensor(up), limit);
      assertClose(y.toArray(), reference(gate, up, limit), F64_TOL, `limit ${limit}`);
    });
  }
});

test("swiglu: mismatched shapes and a negative limit are rejected", () => {
  tidy(() => {
    const a = tensor([1, 2]);
    assert.throws(() => swiglu(a, tensor([1, 2, 3]), 1), ShapeError);
    assert.throws(() => swiglu(a, a, -1), /swiglu: limit -1/);
  });
});

test("swiglu: gradients match central differences on both sides of the clamps", () => {
  const rng = new Rng(9);
  const gate = randAwayFrom(rng, [3, 4], [1.5], 0.05, -3, 3);
  const up = randAwayFrom(rng, [3, 4], [-1.5, 1.5], 0.05, -3, 3);
  gradCheck("swiglu", ([g, u]) => swiglu(g!, u!, 1.5), [gate, up]);
});
