// The sequence-wise balance loss against a float64 hand computation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { seqBalanceLoss } from "../../src/model/moe.ts";
import { tensor } from "../../src/tensor/index.ts";

// L = α/B Σ_b Σ_e f_e P_e with f = E/(kT)·counts and P the mean normalised score.
test("seqBalanceLoss matches the hand computation", () => {
  // B = 2 sequences of T = 2 tokens, E = 3 experts, k = 1.
  const s = [1, 2, 1, 3, 1, 0, 2, 2, 0, 1, 1, 2];
  const experts = Int32Array.of(1, 0, 0, 2);
  const got = seqBalanceLoss(tensor(s, [4, 3], { dtype: "f64" }), experts, 2, 2, 1, 0.5).item();
  let want = 0;
  for (let b = 0; b < 2; b++) {
    for (let e = 0; e < 3; e++) {
      const count = [0, 1].filter((t) => experts[b * 2 + t] === e).length;
      const f = (3 / (1 * 2)) * count;
      let p = 0;
      for (let t = 0; t < 2; t++) {
        const row = s.slice((b * 2 + t) * 3, (b * 2 + t) * 3 + 3);
        p += row[e]! / row.reduce((x, y) => x + y, 0) / 2;
      }
      want += f * p;
    }
  }
  assert.ok(Math.abs(got - (0.5 * want) / 2) < 1e-12, `${got} vs ${(0.5 * want) / 2}`);
});
