/**
 * `tessera train`: trains a DeepSeek-V4 model on a text file, or resumes a saved run, and
 * leaves a checkpoint directory that `tessera generate` and `tessera eval` read.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PRESET_NAMES } from "../model/presets.ts";
import {
  type Budget,
  DEFAULT_LR,
  DEFAULT_QAT_START,
  newTrainer,
  parseQatStart,
  type QatSchedule,
  RUN_DEFAULTS,
  type RunResult,
  resumeTrainer,
  type Trainer,
  TrainLog,
} from "../train/index.ts";
import { type ArgSpecs, type Args, argHelp, parseCommandArgs } from "./args.ts";
import { DEVICE_FLAG, deviceKind, withDevice } from "./device-flag.ts";
import { CliError } from "./errors.ts";

/** The bundled corpus: Tiny Shakespeare (public domain). */
export const BUNDLED_DATA = fileURLToPath(
  new URL("../../data/tinyshakespeare.txt", import.meta.url),
);

/** Devices a run can use. */
/** Defaults of the flags that are not run settings. */
export const TRAIN_CLI_DEFAULTS = Object.freeze({
  time: 180,
  evalEvery: 50,
  evalBatches: 4,
  logEvery: 10,
  tokenizer: "char",
  preset: "nano",
});

const d = RUN_DEFAULTS;
const c = TRAIN_CLI_DEFAULTS;

/** Every flag of `tessera train`, with its default as shown by --help. */
export const TRAIN_FLAGS: ArgSpecs = {
  data: {
    type: "string",
    value: "FILE",
    help: "UTF-8 text to train on",
    shownDefault: "data/tinyshakespeare.txt",
  },
  tokenizer: {
    type: "string",
    value: "SPEC",
    help: "char | bpe:N | PATH/tokenizer.json",
    shownDefault: c.tokenizer,
  },
  preset: {
    type: "string",
    value: "NAME",
    help: `model preset: ${PRESET_NAMES.join(", ")}`,
    shownDefault: c.preset,
  },
  config: { type: "string", value: "FILE", help: "model config.json (instead of --preset)" },
  steps: {
    type: "string",
    value: "N",
    help: "optimizer steps to train (with --resume: the total step to reach)",
  },
  time: {
    type: "string",
    value: "SECONDS",
    help: "wall-clock budget instead of --steps",
    shownDefault: `${c.time} unless --steps is given`,
  },
  batch: { type: "string", value: "N", help: "sequences per step", shownDefault: String(d.batch) },
  seq: { type: "string", value: "N", help: "tokens per sequence", shownDefault: String(d.seq) },
  lr: {
    type: "string",
    value: "LR",
    help: "peak learning rate",
    shownDefault:
      DEFAULT_LR.muon === DEFAULT_LR.adamw
        ? String(DEFAULT_LR.muon)
        : `${DEFAULT_LR.muon} (muon), ${DEFAULT_LR.adamw} (adamw)`,
  },
  warmup: {
    type: "string",
    value: "FRACTION",
    help: "share of the budget for lr warm-up, then cosine to 1/10",
    shownDefault: String(d.warmup),
  },
  optimizer: {
    type: "string",
    value: "NAME",
    help: "muon (Muon for matrices + AdamW for the rest) | adamw",
    shownDefault: d.optimizer,
  },
  "indexer-warmup": {
    type: "string",
    value: "FRACTION",
    help: "share of the budget with dense attention (indexer warm-up)",
    shownDefault: String(d.indexerWarmup),
  },
  seed: {
    type: "string",
    value: "N",
    help: "seed of weights and data order",
    shownDefault: String(d.seed),
  },
  out: {
    type: "string",
    value: "DIR",
    help: "checkpoint directory",
    shownDefault: "runs/<timestamp>; resuming: DIR",
  },
  resume: { type: "string", value: "DIR", help: "continue the run saved in DIR exactly" },
  "eval-every": {
    type: "string",
    value: "N",
    help: "steps between evaluations (0: only at the end)",
    shownDefault: String(c.evalEvery),
  },
  "eval-batches": {
    type: "string",
    value: "N",
    help: "batches per split in an evaluation",
    shownDefault: String(c.evalBatches),
  },
  "save-every": {
    type: "string",
    value: "N",
    help: "steps between checkpoints (0: only at the end)",
    shownDefault: "--eval-every",
  },
  "log-every": {
    type: "string",
    value: "N",
    help: "steps between logged step lines",
    shownDefault: String(c.logEvery),
  },
  qat: {
    type: "string",
    value: "FORMAT",
    help: "quantization-aware training: mxfp4 (routed experts + indexer QK, straight-through)",
  },
  "qat-start": {
    type: "string",
    value: "STEP|FRACTION",
    help: "first step of QAT, or the fraction of the budget after which it starts",
    shownDefault: "0.8 with --qat",
  },
  log: { type: "string", value: "FILE", help: "also write every record as JSON lines to FILE" },
  device: DEVICE_FLAG,
};

const USAGE =
  "usage: tessera train [--data FILE] [--preset NAME | --config FILE] [--steps N | --time S]\n" +
  "                     [flags below]\n" +
  "       tessera train --resume DIR [--steps N | --time S]";

/** The `--help` text of `tessera train`. */
export const TRAIN_HELP = argHelp(USAGE, TRAIN_FLAGS);

// Settings fixed by the checkpoint of a resumed run.
const FIXED_ON_RESUME = [
  "preset",
  "config",
  "tokenizer",
  "optimizer",
  "lr",
  "warmup",
  "batch",
  "seq",
  "seed",
  "indexer-warmup",
  "qat",
  "qat-start",
];

function budgetOf(args: Args, fallback: Budget | undefined): Budget | undefined {
  if (args.has("steps") && args.has("time")) {
    throw new CliError(`${args.command}: give --steps or --time, not both`);
  }
  const steps = args.int("steps", undefined, { min: 1 });
  if (steps !== undefined) return { kind: "steps", steps };
  const seconds = args.number("time", undefined, { min: 0, exclusiveMin: true });
  if (seconds !== undefined) return { kind: "time", seconds };
  return fallback;
}

/**
 * Refuses, before any training, an output path that is a file or that already holds another
 * run's checkpoint (overwriting it would lose that run); resuming writes back into its own dir.
 */
function checkOutDir(args: Args, outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw new CliError(`${args.command}: --out ${outDir} is a file; expected a directory`);
  }
  const resume = args.string("resume");
  const sameAsResume = resume !== undefined && resolve(resume) === resolve(outDir);
  if (!sameAsResume && existsSync(join(outDir, "trainer_state.json"))) {
    throw new CliError(
      `${args.command}: ${outDir} already holds a checkpoint; continue it with ` +
        `--resume ${outDir}, or choose another --out`,
    );
  }
}

function timestampDir(): string {
  const stamp = new Date().toISOString().replace(/\..*$/, "").replace(/:/g, "-");
  let dir = join("runs", stamp);
  for (let i = 2; existsSync(dir); i++) dir = join("runs", `${stamp}-${i}`);
  return dir;
}

/** A trainer for the parsed flags: a new run, or the resumed one. */
export async function trainerFromArgs(args: Args, log: TrainLog): Promise<Trainer> {
  deviceKind(args);
  const resume = args.string("resume");
  if (resume !== undefined) {
    const fixed = FIXED_ON_RESUME.filter((f) => args.has(f));
    if (fixed.length > 0) {
      throw new CliError(
        `${args.command}: ${fixed.map((f) => `--${f}`).join(", ")} cannot be changed when ` +
          "resuming; the run's own settings are used",
      );
    }
    const budget = budgetOf(args, undefined);
    const data = args.string("data");
    return resumeTrainer(resume, {
      ...(budget ? { budget } : {}),
      ...(data !== undefined ? { data } : {}),
      warn: (text) => log.warn(text),
    });
  }
  if (args.has("preset") && args.has("config")) {
    throw new CliError(`${args.command}: give --preset or --config, not both`);
  }
  const optimizer = args.choice("optimizer", ["muon", "adamw"], d.optimizer);
  const config = args.string("config");
  return newTrainer({
    data: args.string("data", BUNDLED_DATA),
    tokenizer: args.string("tokenizer", c.tokenizer),
    model:
      config !== undefined ? { configFile: config } : { preset: args.string("preset", c.preset) },
    budget: budgetOf(args, { kind: "time", seconds: c.time })!,
    lr: args.number("lr", DEFAULT_LR[optimizer], { min: 0, exclusiveMin: true }),
    warmup: args.number("warmup", d.warmup, { min: 0, max: 0.99 }),
    settings: {
      optimizer,
      batch: args.int("batch", d.batch, { min: 1 }),
      seq: args.int("seq", d.seq, { min: 1 }),
      seed: args.int("seed", d.seed, { min: 0 }),
      indexerWarmup: args.number("indexer-warmup", d.indexerWarmup, { min: 0, max: 1 }),
      qat: qatFromArgs(args),
    },
  });
}

/** The QAT schedule of `--qat FORMAT [--qat-start STEP|FRACTION]`, or null without --qat. */
function qatFromArgs(args: Args): QatSchedule | null {
  const start = args.string("qat-start");
  if (!args.has("qat")) {
    if (start !== undefined) throw new CliError(`${args.command}: --qat-start needs --qat mxfp4`);
    return null;
  }
  const format = args.choice("qat", ["mxfp4"], "mxfp4");
  try {
    return { format, start: start === undefined ? DEFAULT_QAT_START : parseQatStart(start) };
  } catch (err) {
    throw new CliError(`${args.command}: ${(err as Error).message}`);
  }
}

/** The outcome of `trainWithArgs`. */
export interface TrainOutcome {
  trainer: Trainer;
  result: RunResult;
  outDir: string;
}

/**
 * Trains as the flags say, logging through `log`; Ctrl-C stops after the current step and
 * still saves. The caller disposes the trainer.
 */
export async function trainWithArgs(args: Args, log: TrainLog): Promise<TrainOutcome> {
  const outDir = args.string("out") ?? args.string("resume") ?? timestampDir();
  checkOutDir(args, outDir);
  const trainer = await trainerFromArgs(args, log);
  const evalEvery = args.int("eval-every", c.evalEvery, { min: 0 });
  const controller = new AbortController();
  const onInterrupt = () => {
    log.warn("interrupted: stopping after this step and saving (Ctrl-C again to quit now)");
    controller.abort();
    process.off("SIGINT", onInterrupt);
  };
  process.on("SIGINT", onInterrupt);
  try {
    const result = await trainer.run({
      log,
      outDir,
      evalEvery,
      evalBatches: args.int("eval-batches", c.evalBatches, { min: 1 }),
      saveEvery: args.int("save-every", evalEvery, { min: 0 }),
      logEvery: args.int("log-every", c.logEvery, { min: 1 }),
      signal: controller.signal,
    });
    return { trainer, result, outDir };
  } catch (err) {
    trainer.dispose();
    throw err;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

/** Exit code of a finished run: 0 when it completed, 130 when interrupted, 1 otherwise. */
export function exitCodeOf(result: RunResult): number {
  if (result.status === "non-finite") return 1;
  return result.status === "interrupted" ? 130 : 0;
}

/** The final summary and the commands to try next (`prompt` is suggested to generate). */
export function summarize(log: TrainLog, o: TrainOutcome, prompt = "The "): void {
  const { result, outDir } = o;
  if (result.checkpoint === null) return;
  log.info(
    `\nsaved ${outDir} after ${result.step} steps: train loss ${result.trainLoss.toFixed(4)}, ` +
      `val loss ${result.valLoss.toFixed(4)} (nats per token)\n\nnext:\n` +
      `  npx tessera generate --model ${outDir} --prompt ${JSON.stringify(prompt)}\n` +
      `  npx tessera eval --model ${outDir}\n` +
      `  npx tessera train --resume ${outDir} --time 300`,
  );
}

/** Runs `tessera train` with the arguments after the command name; returns the exit code. */
export async function runTrain(argv: string[]): Promise<number> {
  const args = parseCommandArgs("tessera train", argv, TRAIN_FLAGS);
  if (args === null) {
    process.stdout.write(TRAIN_HELP);
    return 0;
  }
  const logFile = args.string("log");
  const log = new TrainLog(logFile !== undefined ? { jsonPath: logFile } : {});
  try {
    return await withDevice(args, async () => {
      const outcome = await trainWithArgs(args, log);
      summarize(log, outcome);
      outcome.trainer.dispose();
      return exitCodeOf(outcome.result);
    });
  } finally {
    log.close();
  }
}
