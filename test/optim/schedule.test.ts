import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lrAt } from "../../src/train/optim/index.ts";

const s = { peak: 2.7e-4, warmupSteps: 2000, totalSteps: 10000 };

function close(a: number, b: number): void {
  assert.ok(Math.abs(a - b) <= 1e-15, `${a} != ${b}`);
}

describe("lrAt", () => {
  it("warms up linearly from peak/warmup at step 0 to the peak at the last warm-up step", () => {
    close(lrAt(0, s), 2.7e-4 / 2000);
    close(lrAt(999, s), 2.7e-4 / 2);
    close(lrAt(1999, s), 2.7e-4);
  });

  it("starts the cosine at the peak and is halfway between peak and floor mid-decay", () => {
    close(lrAt(2000, s), 2.7e-4);
    // (10000 − 2000)/2 = 4000 steps into the decay: cos(π/2) = 0.
    close(lrAt(6000, s), 2.7e-5 + (2.7e-4 - 2.7e-5) / 2);
    // A quarter in: floor + (peak − floor)·(1 + cos(π/4))/2.
    close(lrAt(4000, s), 2.7e-5 + ((2.7e-4 - 2.7e-5) * (1 + Math.SQRT1_2)) / 2);
  });

  it("ends at peak/10 and stays there", () => {
    close(lrAt(10000, s), 2.7e-5);
    close(lrAt(20000, s), 2.7e-5);
  });

  it("decreases monotonically after warm-up", () => {
    let prev = Number.POSITIVE_INFINITY;
    for (let t = 2000; t <= 10000; t += 250) {
      const lr = lrAt(t, s);
      assert.ok(lr < prev || t === 2000);
      prev = lr;
    }
  });

  it("honours minRatio and zero warm-up", () => {
    close(lrAt(0, { peak: 1, warmupSteps: 0, totalSteps: 10, minRatio: 0 }), 1);
    close(lrAt(10, { peak: 1, warmupSteps: 0, totalSteps: 10, minRatio: 0 }), 0);
    close(lrAt(10, { peak: 1, warmupSteps: 0, totalSteps: 10, minRatio: 0.5 }), 0.5);
  });

  it("rejects bad arguments with the field named", () => {
    assert.throws(() => lrAt(-1, s), /lrAt: step must be an integer >= 0, got -1/);
    assert.throws(() => lrAt(0, { ...s, peak: 0 }), /lrAt: peak/);
    assert.throws(() => lrAt(0, { ...s, totalSteps: 2000 }), /totalSteps \(2000\)/);
    assert.throws(() => lrAt(0, { ...s, minRatio: 2 }), /minRatio must be in \[0, 1\]/);
  });
});
