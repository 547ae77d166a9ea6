/**
 * Everything a training run tells the user, and the only code of the training path that
 * writes to the console: the settings once, a fixed-format line per logged step, an eval line
 * (train and validation loss, expert-load balance per MoE block), messages, and the same
 * records as JSON lines in the `--log` file (there every step, not only the printed ones).
 * On a terminal a live progress line (redrawn with a carriage return) fills the time between
 * logged steps; otherwise only whole lines appear.
 */
import { closeSync, openSync, writeSync } from "node:fs";

/** Where the text goes; tests pass collecting functions. */
export interface LogSink {
  out(text: string): void;
  err(text: string): void;
  /** Whether `out` is a terminal that understands `\r` and erase-line. */
  isTTY: boolean;
}

/** The process's stdout and stderr. */
export function consoleSink(): LogSink {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
  };
}

/** One logged optimizer step. */
export interface StepRecord {
  step: number;
  /** Planned (or, for a time budget, expected) number of steps. */
  total: number;
  /** Next-token cross-entropy of the batch, nats per token. */
  loss: number;
  /** The optimized objective: loss + weighted MTP cross-entropy + indexer loss. */
  objective: number;
  mtp: number;
  indexer: number;
  lr: number;
  /** Global gradient norm before clipping. */
  grad: number;
  ms: number;
  tokensPerSecond: number;
  indexerMode: "dense" | "sparse";
}

/** One evaluation. */
export interface EvalRecord {
  step: number;
  total: number;
  /** Next-token cross-entropy on fixed training windows, nats per token. */
  train: number;
  /** The same on the validation split. */
  val: number;
  /** max/mean tokens per routed expert since the previous evaluation, one per MoE block. */
  balance: { block: string; maxOverMean: number }[];
}

/** `1234567` -> `"1,234,567"` (grouping independent of the locale). */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `0.0012` -> `"1.20e-03"`: two decimals, an exponent of at least two digits. */
export function formatLr(lr: number): string {
  return lr.toExponential(2).replace(/e([+-])(\d)$/, "e$10$2");
}

/** `step` right-aligned to the width of the total (at least 4), e.g. `   12/200`. */
function stepOf(step: number, total: number): string {
  return `${String(step).padStart(Math.max(4, String(total).length))}/${total}`;
}

/** `step   12/200 | loss 3.1234 | lr 1.20e-03 | grad 0.532 | 412 ms | 1,234 tok/s` */
export function formatStepLine(r: StepRecord): string {
  return (
    `step ${stepOf(r.step, r.total)} | loss ${r.loss.toFixed(4)} | lr ${formatLr(r.lr)} | ` +
    `grad ${r.grad.toFixed(3)} | ${Math.round(r.ms)} ms | ${groupDigits(r.tokensPerSecond)} tok/s`
  );
}

/** `eval   50/200 | train 2.3456 | val 2.4567 | experts max/mean L0 1.00 L1 1.32 …` */
export function formatEvalLine(r: EvalRecord): string {
  const balance = r.balance.map((b) => `${b.block} ${b.maxOverMean.toFixed(2)}`).join(" ");
  return (
    `eval ${stepOf(r.step, r.total)} | train ${r.train.toFixed(4)} | val ${r.val.toFixed(4)}` +
    (balance ? ` | experts max/mean ${balance}` : "")
  );
}

/** A two-column table of settings, keys padded to one width. */
export function formatTable(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n");
}

// JSON has no NaN or Infinity; they are written as null.
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

/** The logger of one run. */
export class TrainLog {
  private readonly sink: LogSink;
  private fd: number | null = null;
  /** A progress line is on screen and must be erased before the next whole line. */
  private live = false;

  /** `jsonPath`: the `--log` file, created or appended to with one JSON record per line. */
  constructor(options: { sink?: LogSink; jsonPath?: string } = {}) {
    this.sink = options.sink ?? consoleSink();
    if (options.jsonPath !== undefined) {
      try {
        this.fd = openSync(options.jsonPath, "a");
      } catch (err) {
        throw new Error(`--log: cannot open ${options.jsonPath}: ${(err as Error).message}`);
      }
    }
  }

  /** The settings table, printed once at the start of a run. */
  config(title: string, rows: readonly (readonly [string, string])[]): void {
    this.line(`${title}\n${formatTable(rows)}`);
    this.json({ type: "config", ...Object.fromEntries(rows) });
  }

  /** Records a step in the JSON log; prints its line when `show` (logged steps). */
  step(r: StepRecord, show = true): void {
    if (show) this.line(formatStepLine(r));
    this.json({ type: "step", ...r });
  }

  /** Prints the line of a step recorded earlier with `show` false (e.g. the last one). */
  showStep(r: StepRecord): void {
    this.line(formatStepLine(r));
  }

  eval(r: EvalRecord): void {
    this.line(formatEvalLine(r));
    this.json({ type: "eval", ...r });
  }

  /** Redraws the live line on a terminal; does nothing elsewhere. */
  progress(text: string): void {
    if (!this.sink.isTTY) return;
    this.sink.out(`\r\x1b[K${text}`);
    this.live = true;
  }

  /** A plain message on stdout (also recorded in the JSON log). */
  info(text: string): void {
    this.line(text);
    this.json({ type: "info", message: text });
  }

  /** A warning on stderr. */
  warn(text: string): void {
    this.clearLive();
    this.sink.err(`warning: ${text}\n`);
    this.json({ type: "warning", message: text });
  }

  /** An error on stderr. */
  error(text: string): void {
    this.clearLive();
    this.sink.err(`error: ${text}\n`);
    this.json({ type: "error", message: text });
  }

  /** A record only for the JSON log (e.g. a checkpoint or the run summary). */
  record(type: string, fields: Record<string, unknown>): void {
    this.json({ type, ...fields });
  }

  /** Erases the live line and closes the JSON log. */
  close(): void {
    this.clearLive();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private line(text: string): void {
    this.clearLive();
    this.sink.out(`${text}\n`);
  }

  private clearLive(): void {
    if (!this.live) return;
    this.sink.out("\r\x1b[K");
    this.live = false;
  }

  private json(record: Record<string, unknown>): void {
    if (this.fd === null) return;
    const text = JSON.stringify({ time: new Date().toISOString(), ...record }, jsonValue);
    writeSync(this.fd, `${text}\n`);
  }
}
