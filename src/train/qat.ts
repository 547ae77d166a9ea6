/**
 * When a run trains with MXFP4 quantization-aware training. DeepSeek-V4 applies it in a late
 * stage only (spec §12), so a run switches it on at a step or at a fraction of its budget and
 * keeps it on to the end. The schedule is part of the run's settings, so a resumed run
 * continues with the same one.
 */
import type { QatOptions } from "../model/qat.ts";
import { QAT_MXFP4 } from "../model/qat.ts";
import { TrainError } from "./errors.ts";
import { type Budget, budgetFraction } from "./progress.ts";

/** Where QAT starts: a 0-based step, or a fraction of the budget in [0, 1). */
export type QatStart =
  | Readonly<{ kind: "step"; step: number }>
  | Readonly<{ kind: "fraction"; fraction: number }>;

/** A run's QAT: the format (MXFP4 on the routed experts and the indexer QK path) and start. */
export type QatSchedule = Readonly<{ format: "mxfp4"; start: QatStart }>;

/** The default start: the last fifth of the budget. */
export const DEFAULT_QAT_START: QatStart = Object.freeze({ kind: "fraction", fraction: 0.8 });

/**
 * Reads `--qat-start`: an integer >= 0 is a step, a number with a decimal point in [0, 1) a
 * fraction of the budget (e.g. "500" or "0.8"). Throws a TrainError naming the flag otherwise.
 */
export function parseQatStart(text: string): QatStart {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const step = Number(t);
    if (Number.isSafeInteger(step)) return { kind: "step", step };
  }
  if (/^(0?\.\d+|0(\.0*)?)$/.test(t)) return { kind: "fraction", fraction: Number(t) };
  throw new TrainError(
    `--qat-start expects a step (an integer >= 0) or a fraction of the budget in [0, 1) ` +
      `such as 0.8; got "${text}"`,
  );
}

/**
 * The QAT options of 0-based step `step` (starting at `elapsed` seconds), or undefined while
 * QAT is off: before its start, or in a run without QAT.
 */
export function qatAt(
  schedule: QatSchedule | null | undefined,
  budget: Budget,
  step: number,
  elapsed: number,
): QatOptions | undefined {
  if (!schedule) return undefined;
  const s = schedule.start;
  const on =
    s.kind === "step" ? step >= s.step : budgetFraction(budget, step, elapsed) >= s.fraction;
  return on ? QAT_MXFP4 : undefined;
}

/** One-line description for the settings table. */
export function describeQat(schedule: QatSchedule | null | undefined): string {
  if (!schedule) return "off";
  const s = schedule.start;
  const from =
    s.kind === "step" ? `step ${s.step}` : `${Math.round(s.fraction * 100)}% of the budget`;
  return `${schedule.format} (experts + indexer QK, straight-through) from ${from}`;
}

/**
 * Reads the stored `settings.qat` of trainer_state.json: absent or null means no QAT.
 * `fail(path, want, got)` reports a malformed value.
 */
export function readQatSchedule(
  value: unknown,
  path: string,
  fail: (path: string, want: string, got: unknown) => never,
): QatSchedule | null {
  if (value === undefined || value === null) return null;
  const want = '{"format": "mxfp4", "start": {"kind": "step"|"fraction", ...}}';
  if (typeof value !== "object" || Array.isArray(value)) return fail(path, want, value);
  const { format, start } = value as Record<string, unknown>;
  if (format !== "mxfp4") return fail(`${path}.format`, '"mxfp4"', format);
  if (typeof start !== "object" || start === null) return fail(`${path}.start`, want, start);
  const { kind, step, fraction } = start as Record<string, unknown>;
  if (kind === "step" && typeof step === "number" && Number.isSafeInteger(step) && step >= 0) {
    return { format, start: { kind, step } };
  }
  if (kind === "fraction" && typeof fraction === "number" && fraction >= 0 && fraction < 1) {
    return { format, start: { kind, fraction } };
  }
  return fail(`${path}.start`, "a step >= 0 or a fraction in [0, 1)", start);
}
