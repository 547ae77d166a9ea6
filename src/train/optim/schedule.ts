/**
 * Learning-rate schedule of DeepSeek-V4 pre-training (spec §12): linear warm-up to the peak,
 * then cosine decay to a floor of `minRatio` × peak (1/10 in the paper).
 */

export interface LrSchedule {
  /** Peak learning rate, reached at the last warm-up step. */
  peak: number;
  /** Number of warm-up steps (0: start at the peak). */
  warmupSteps: number;
  /** Step at which the decay reaches the floor; later steps stay there. */
  totalSteps: number;
  /** Floor as a fraction of the peak; default 0.1. */
  minRatio?: number;
}

function check(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new RangeError(`lrAt: ${message()}`);
}

/**
 * Learning rate for 0-based `step`. Warm-up: peak·(step+1)/warmupSteps for step < warmupSteps,
 * so the first update is not wasted at lr 0 and step warmupSteps−1 gets the peak. Decay:
 * with p = (step − warmupSteps)/(totalSteps − warmupSteps) clamped to [0, 1],
 * lr = floor + (peak − floor)·(1 + cos πp)/2, so lrAt(warmupSteps) = peak and
 * lrAt(totalSteps) = floor = minRatio·peak.
 */
export function lrAt(step: number, schedule: LrSchedule): number {
  const { peak, warmupSteps, totalSteps, minRatio = 0.1 } = schedule;
  check(Number.isInteger(step) && step >= 0, () => `step must be an integer >= 0, got ${step}`);
  check(peak > 0 && Number.isFinite(peak), () => `peak must be positive and finite, got ${peak}`);
  check(
    Number.isInteger(warmupSteps) && warmupSteps >= 0,
    () => `warmupSteps must be an integer >= 0, got ${warmupSteps}`,
  );
  check(
    Number.isInteger(totalSteps) && totalSteps > warmupSteps,
    () => `totalSteps (${totalSteps}) must be an integer > warmupSteps (${warmupSteps})`,
  );
  check(minRatio >= 0 && minRatio <= 1, () => `minRatio must be in [0, 1], got ${minRatio}`);
  if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  const p = Math.min(1, (step - warmupSteps) / (totalSteps - warmupSteps));
  const floor = peak * minRatio;
  return floor + ((peak - floor) * (1 + Math.cos(Math.PI * p))) / 2;
}
