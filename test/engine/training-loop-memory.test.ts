// A 1,000-step training loop of a small MLP must keep a flat memory profile: every tensor a step
// creates is released when the step's scope closes, so live device memory returns to the same
// level after each step.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  crossEntropy,
  defaultDevice,
  noGrad,
  Rng,
  randn,
  tensor,
  tidy,
} from "../../src/tensor/index.ts";

test("1000 training steps keep live memory flat", () => {
  const device = defaultDevice();
  const rng = new Rng(7);
  const w1 = randn([8, 16], rng, { std: 0.3 }).requireGrad();
  const w2 = randn([16, 4], rng, { std: 0.3 }).requireGrad();
  const x = randn([32, 8], rng);
  const targets = tensor(Int32Array.from({ length: 32 }, (_, i) => i % 4));
  const params = [w1, w2];
  const losses: number[] = [];
  let baseline = -1;
  for (let step = 0; step < 1000; step++) {
    const loss = tidy(() => {
      const h = x.matmul(w1).silu();
      const l = crossEntropy(h.matmul(w2), targets);
      l.backward();
      return l.item();
    });
    noGrad(() => {
      for (const p of params) {
        tidy(() => p.assign(p.sub(p.grad!.mul(0.1))));
        p.grad!.dispose();
        p.grad = null;
      }
    });
    losses.push(loss);
    const live = device.memory().liveBytes;
    if (step === 1) baseline = live;
    if (step > 1) assert.equal(live, baseline, `live bytes changed at step ${step}`);
  }
  assert.ok(losses[999]! < losses[0]! * 0.5, `loss should fall: ${losses[0]} -> ${losses[999]}`);
});
