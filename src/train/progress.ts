/**
 * Where a run stands and what that implies: the fraction of the budget spent (steps, or
 * wall-clock seconds), the learning rate and indexer phase at that point, the ETA, and the
 * live progress line shown on a terminal between logged steps.
 *
 * The schedule follows the budget's own unit. With a step budget it is exact and repeatable
 * (a resumed run sees the same learning rates). With a time budget the warm-up and cosine
 * decay are laid over the seconds instead, so a run stopped by its clock has decayed fully
 * whatever its speed turned out to be.
 */
import { lrAt } from "./optim/index.ts";

/** A run's length: a number of optimizer steps, or a wall-clock budget in seconds. */
export type Budget =
  | { readonly kind: "steps"; readonly steps: number }
  | { readonly kind: "time"; readonly seconds: number };

/** The learning-rate schedule's shape, independent of the budget's unit. */
export interface ScheduleShape {
  /** Peak learning rate. */
  peak: number;
  /** Fraction of the budget spent warming up linearly to the peak, in [0, 1). */
  warmup: number;
  /** Floor of the cosine decay as a fraction of the peak (1/10). */
  minRatio: number;
}

// Resolution of the time schedule: progress is quantised to 1/10000 of the budget.
const TIME_TICKS = 10_000;

/** Fraction of `budget` spent once `step` steps have run in `elapsed` seconds, in [0, 1]. */
export function budgetFraction(budget: Budget, step: number, elapsed: number): number {
  const f = budget.kind === "steps" ? step / budget.steps : elapsed / budget.seconds;
  return Math.min(1, Math.max(0, f));
}

/** Whether the budget is spent. */
export function budgetDone(budget: Budget, step: number, elapsed: number): boolean {
  return budget.kind === "steps" ? step >= budget.steps : elapsed >= budget.seconds;
}

/**
 * Learning rate of 0-based step `step` starting at `elapsed` seconds: linear warm-up over the
 * first `warmup` of the budget, then cosine decay to minRatio·peak at its end.
 */
export function scheduledLr(
  budget: Budget,
  shape: ScheduleShape,
  step: number,
  elapsed: number,
): number {
  const total = budget.kind === "steps" ? budget.steps : TIME_TICKS;
  const at =
    budget.kind === "steps"
      ? step
      : Math.min(TIME_TICKS, Math.floor(budgetFraction(budget, 0, elapsed) * TIME_TICKS));
  // lrAt needs totalSteps > warmupSteps; a one-step run simply starts at the peak.
  const warmupSteps = Math.min(total - 1, Math.round(shape.warmup * total));
  return lrAt(at, {
    peak: shape.peak,
    warmupSteps,
    totalSteps: total,
    minRatio: shape.minRatio,
  });
}

/**
 * Whether 0-based step `step` (starting at `elapsed` seconds) is in the indexer's dense
 * warm-up: the first `fraction` of the budget.
 */
export function inIndexerWarmup(
  budget: Budget,
  fraction: number,
  step: number,
  elapsed: number,
): boolean {
  return budgetFraction(budget, step, elapsed) < fraction;
}

/**
 * Seconds left: the rest of a time budget, or the remaining steps at `secondsPerStep`.
 * NaN when the pace is not known yet.
 */
export function etaSeconds(
  budget: Budget,
  step: number,
  elapsed: number,
  secondsPerStep: number,
): number {
  if (budget.kind === "time") return Math.max(0, budget.seconds - elapsed);
  return secondsPerStep > 0 ? Math.max(0, budget.steps - step) * secondsPerStep : Number.NaN;
}

/**
 * The total step count to show: exact for a step budget; for a time budget the count the
 * current pace reaches by the end (at least `step`).
 */
export function expectedTotalSteps(budget: Budget, step: number, elapsed: number): number {
  if (budget.kind === "steps") return budget.steps;
  if (step === 0 || elapsed <= 0) return step;
  return Math.max(step, Math.round((step * budget.seconds) / elapsed));
}

/** "3m05s", "42s", "1h02m"; "?" for an unknown (NaN) duration. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** The live line: `step 13/200 [=====.....] 6% | loss 3.1234 | 1.21 s/step | ETA 3m12s`. */
export function progressLine(p: {
  step: number;
  total: number;
  fraction: number;
  loss: number;
  secondsPerStep: number;
  eta: number;
}): string {
  const width = 20;
  const filled = Math.round(p.fraction * width);
  const bar = `${"=".repeat(filled)}${".".repeat(width - filled)}`;
  return (
    `step ${p.step}/${p.total} [${bar}] ${Math.floor(p.fraction * 100)}% | ` +
    `loss ${p.loss.toFixed(4)} | ${p.secondsPerStep.toFixed(2)} s/step | ` +
    `ETA ${formatDuration(p.eta)}`
  );
}
