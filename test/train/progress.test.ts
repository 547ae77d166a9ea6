// Budgets, the learning-rate schedule in steps and in seconds, the indexer phase, and the
// progress line.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type Budget,
  budgetDone,
  etaSeconds,
  expectedTotalSteps,
  formatDuration,
  inIndexerWarmup,
  lrAt,
  progressLine,
  scheduledLr,
} from "../../src/train/index.ts";

const shape = { peak: 1e-2, warmup: 0.1, minRatio: 0.1 };

test("a step budget follows lrAt: warm-up, peak, cosine to a tenth", () => {
  const budget: Budget = { kind: "steps", steps: 100 };
  for (const step of [0, 5, 9, 10, 55, 99, 100]) {
    assert.equal(
      scheduledLr(budget, shape, step, 123),
      lrAt(step, { peak: 1e-2, warmupSteps: 10, totalSteps: 100, minRatio: 0.1 }),
    );
  }
  assert.ok(
    Math.abs(scheduledLr(budget, shape, 9, 0) - 1e-2) < 1e-15,
    "peak at the last warm-up step",
  );
  assert.ok(Math.abs(scheduledLr(budget, shape, 100, 0) - 1e-3) < 1e-15);
  const single = scheduledLr({ kind: "steps", steps: 1 }, shape, 0, 0);
  assert.ok(Math.abs(single - 1e-2) < 1e-15, "a one-step run starts at the peak");
});

test("a time budget lays the schedule over the seconds", () => {
  const budget: Budget = { kind: "time", seconds: 100 };
  assert.ok(scheduledLr(budget, shape, 0, 0) < 1e-4, "starts near zero");
  assert.ok(Math.abs(scheduledLr(budget, shape, 50, 10) - 1e-2) < 1e-12, "peak after warm-up");
  assert.ok(Math.abs(scheduledLr(budget, shape, 7, 55) - 5.5e-3) < 1e-12, "half-way down");
  assert.ok(Math.abs(scheduledLr(budget, shape, 9, 500) - 1e-3) < 1e-15, "floor after the end");
});

test("budgets end, the indexer warms up densely, ETAs and totals", () => {
  const steps: Budget = { kind: "steps", steps: 20 };
  const time: Budget = { kind: "time", seconds: 60 };
  assert.equal(budgetDone(steps, 19, 1e9), false);
  assert.equal(budgetDone(steps, 20, 0), true);
  assert.equal(budgetDone(time, 1e6, 59.9), false);
  assert.equal(budgetDone(time, 0, 60), true);
  assert.equal(inIndexerWarmup(steps, 0.1, 1, 0), true);
  assert.equal(inIndexerWarmup(steps, 0.1, 2, 0), false);
  assert.equal(inIndexerWarmup(time, 0.1, 100, 5.9), true);
  assert.equal(inIndexerWarmup(time, 0.1, 0, 6), false);
  assert.equal(inIndexerWarmup(steps, 0, 0, 0), false);
  assert.equal(etaSeconds(steps, 5, 0, 2), 30);
  assert.ok(Number.isNaN(etaSeconds(steps, 0, 0, 0)));
  assert.equal(etaSeconds(time, 5, 45, 2), 15);
  assert.equal(expectedTotalSteps(steps, 3, 1), 20);
  assert.equal(expectedTotalSteps(time, 10, 20), 30);
});

test("durations and the progress line", () => {
  assert.equal(formatDuration(42.4), "42s");
  assert.equal(formatDuration(185), "3m05s");
  assert.equal(formatDuration(3720), "1h02m");
  assert.equal(formatDuration(Number.NaN), "?");
  assert.equal(
    progressLine({
      step: 13,
      total: 200,
      fraction: 0.065,
      loss: 3.12345,
      secondsPerStep: 1.214,
      eta: 192,
    }),
    "step 13/200 [=...................] 6% | loss 3.1235 | 1.21 s/step | ETA 3m12s",
  );
});
