/**
 * The trainer's own state as stored in a checkpoint's `trainer_state.json`: everything besides
 * the weights and optimizer moments that a resumed run needs to continue exactly (step, clock,
 * schedule, data generator, settings) plus the loss history, and its validation on load.
 */
import { TrainError } from "./errors.ts";
import type { Budget, ScheduleShape } from "./progress.ts";
import { type QatSchedule, readQatSchedule } from "./qat.ts";

/** Settings fixed for the life of a run (a resumed run keeps them). */
export interface RunSettings {
  optimizer: "muon" | "adamw";
  batch: number;
  seq: number;
  seed: number;
  /** Fraction of the budget trained with the dense indexer before switching to sparse. */
  indexerWarmup: number;
  /** Global gradient-norm clipping threshold. */
  clip: number;
  /** MXFP4 quantization-aware training from a step or budget fraction on; absent: none. */
  qat?: QatSchedule | null;
}

/** Where the data stream stands and which data it is. */
export interface DataState {
  /** The corpus file as given. */
  path: string;
  /** sha256 of the corpus bytes, to notice a changed file on resume. */
  sha256: string;
  trainTokens: number;
  valTokens: number;
  /** The batch sampler's generator state. */
  rng: (number | null)[];
}

/** The contents of trainer_state.json (without its format header and file digests). */
export interface TrainerState {
  /** Optimizer steps completed. */
  step: number;
  /** Training seconds spent so far (wall clock of the steps, evaluations and saves). */
  elapsedSeconds: number;
  budget: Budget;
  schedule: ScheduleShape;
  settings: RunSettings;
  /** How the model was specified, e.g. "preset nano" or a config path. */
  model: string;
  /** The `--tokenizer` spec. */
  tokenizer: string;
  data: DataState;
  /** Next-token cross-entropy of every step so far. */
  losses: number[];
  evals: { step: number; train: number; val: number }[];
}

/** Size and sha256 of one checkpoint file, recorded to detect torn or mixed checkpoints. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

/** `format` of trainer_state.json. */
export const STATE_FORMAT = "tessera-trainer-state";
/** `version` of trainer_state.json this code writes and reads. */
export const STATE_VERSION = 1;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Field readers that throw `<source>: "<path>" must be …, got …`. */
class Reader {
  constructor(private readonly source: string) {}

  fail(path: string, want: string, got: unknown): never {
    throw new TrainError(`${this.source}: "${path}" must be ${want}, got ${JSON.stringify(got)}`);
  }

  obj(o: Obj, key: string, path: string): Obj {
    const v = o[key];
    return isObj(v) ? v : this.fail(path, "an object", v);
  }

  num(o: Obj, key: string, path: string, ok: (n: number) => boolean, want: string): number {
    const v = o[key];
    return typeof v === "number" && Number.isFinite(v) && ok(v) ? v : this.fail(path, want, v);
  }

  int(o: Obj, key: string, path: string, min: number): number {
    return this.num(
      o,
      key,
      path,
      (n) => Number.isSafeInteger(n) && n >= min,
      `an integer >= ${min}`,
    );
  }

  str(o: Obj, key: string, path: string): string {
    const v = o[key];
    return typeof v === "string" ? v : this.fail(path, "a string", v);
  }

  /** A list of numbers where null stands for NaN (JSON has no NaN). */
  nums(o: Obj, key: string, path: string): number[] {
    const v = o[key];
    if (!Array.isArray(v) || !v.every((x) => x === null || typeof x === "number")) {
      return this.fail(path, "a list of numbers", v);
    }
    return v.map((x: number | null) => x ?? Number.NaN);
  }
}

function readBudget(r: Reader, o: Obj): Budget {
  const b = r.obj(o, "budget", "budget");
  if (b.kind === "steps") return { kind: "steps", steps: r.int(b, "steps", "budget.steps", 1) };
  if (b.kind === "time") {
    return {
      kind: "time",
      seconds: r.num(b, "seconds", "budget.seconds", (n) => n > 0, "a number > 0"),
    };
  }
  return r.fail("budget.kind", '"steps" or "time"', b.kind);
}

function readSettings(r: Reader, o: Obj): RunSettings {
  const s = r.obj(o, "settings", "settings");
  const optimizer = s.optimizer;
  if (optimizer !== "muon" && optimizer !== "adamw") {
    return r.fail("settings.optimizer", '"muon" or "adamw"', optimizer);
  }
  return {
    optimizer,
    batch: r.int(s, "batch", "settings.batch", 1),
    seq: r.int(s, "seq", "settings.seq", 1),
    seed: r.int(s, "seed", "settings.seed", 0),
    indexerWarmup: r.num(
      s,
      "indexerWarmup",
      "settings.indexerWarmup",
      (n) => n >= 0 && n <= 1,
      "in [0, 1]",
    ),
    clip: r.num(s, "clip", "settings.clip", (n) => n > 0, "a number > 0"),
    qat: readQatSchedule(s.qat, "settings.qat", (path, want, got) => r.fail(path, want, got)),
  };
}

function readData(r: Reader, o: Obj): DataState {
  const d = r.obj(o, "data", "data");
  const rng = d.rng;
  if (
    !Array.isArray(rng) ||
    rng.length !== 5 ||
    !rng.every((x) => x === null || typeof x === "number")
  ) {
    return r.fail("data.rng", "a list of 5 numbers (generator state)", rng);
  }
  return {
    path: r.str(d, "path", "data.path"),
    sha256: r.str(d, "sha256", "data.sha256"),
    trainTokens: r.int(d, "trainTokens", "data.trainTokens", 0),
    valTokens: r.int(d, "valTokens", "data.valTokens", 0),
    rng: rng.map((x: number | null) => x),
  };
}

function readEvals(r: Reader, o: Obj): TrainerState["evals"] {
  const v = o.evals;
  if (!Array.isArray(v)) return r.fail("evals", "a list", v);
  return v.map((e: unknown, i) => {
    if (!isObj(e)) return r.fail(`evals[${i}]`, "an object", e);
    const loss = (k: string) =>
      e[k] === null ? Number.NaN : r.num(e, k, `evals[${i}].${k}`, () => true, "a number");
    return {
      step: r.int(e, "step", `evals[${i}].step`, 0),
      train: loss("train"),
      val: loss("val"),
    };
  });
}

/** The trainer_state.json document for `state` and the digests of the other files. */
export function trainerStateJson(state: TrainerState, files: Record<string, FileDigest>): Obj {
  return { format: STATE_FORMAT, version: STATE_VERSION, ...state, files };
}

/**
 * Parses a trainer_state.json document. Throws naming `source` and the offending
 * field (a TrainError) when anything is missing or of the wrong type or range.
 */
export function parseTrainerState(
  json: unknown,
  source: string,
): { state: TrainerState; files: Record<string, FileDigest> } {
  const r = new Reader(source);
  if (!isObj(json)) return r.fail("(root)", "an object", json);
  if (json.format !== STATE_FORMAT) return r.fail("format", `"${STATE_FORMAT}"`, json.format);
  if (json.version !== STATE_VERSION) return r.fail("version", String(STATE_VERSION), json.version);
  const sched = r.obj(json, "schedule", "schedule");
  const state: TrainerState = {
    step: r.int(json, "step", "step", 0),
    elapsedSeconds: r.num(json, "elapsedSeconds", "elapsedSeconds", (n) => n >= 0, "a number >= 0"),
    budget: readBudget(r, json),
    schedule: {
      peak: r.num(sched, "peak", "schedule.peak", (n) => n > 0, "a number > 0"),
      warmup: r.num(sched, "warmup", "schedule.warmup", (n) => n >= 0 && n < 1, "in [0, 1)"),
      minRatio: r.num(sched, "minRatio", "schedule.minRatio", (n) => n >= 0 && n <= 1, "in [0, 1]"),
    },
    settings: readSettings(r, json),
    model: r.str(json, "model", "model"),
    tokenizer: r.str(json, "tokenizer", "tokenizer"),
    data: readData(r, json),
    losses: r.nums(json, "losses", "losses"),
    evals: readEvals(r, json),
  };
  if (state.losses.length !== state.step) {
    r.fail(
      "losses",
      `a list of ${state.step} losses (one per step)`,
      `${state.losses.length} entries`,
    );
  }
  const filesObj = r.obj(json, "files", "files");
  const files: Record<string, FileDigest> = {};
  for (const [name, d] of Object.entries(filesObj)) {
    if (!isObj(d)) return r.fail(`files.${name}`, "an object", d);
    files[name] = {
      bytes: r.int(d, "bytes", `files.${name}.bytes`, 0),
      sha256: r.str(d, "sha256", `files.${name}.sha256`),
    };
  }
  return { state, files };
}
