/**
 * Putting a run together: the model configuration (a preset or a config.json, with the
 * tokenizer's vocabulary), the tokenizer, the token streams and the initial weights for a new
 * run; or all of that read back from a checkpoint for a resumed one.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { totalmem } from "node:os";
import type { ModelConfig } from "../model/config.ts";
import { parseConfig } from "../model/config-parse.ts";
import { validateConfig } from "../model/config-validate.ts";
import { initParams } from "../model/init.ts";
import { countParameters } from "../model/param-count.ts";
import { getPreset } from "../model/presets.ts";
import { loadTrainingCheckpoint } from "./checkpoint.ts";
import { checkFits, readCorpus, splitCorpus } from "./data.ts";
import { TrainError } from "./errors.ts";
import type { Budget, ScheduleShape } from "./progress.ts";
import type { RunSettings } from "./state.ts";
import type { TextTokenizer } from "./tokenizer/index.ts";
import {
  buildTokenizer,
  encodeText,
  formatTokenizerSpec,
  parseTokenizerSpec,
  restoreTokenizer,
} from "./tokenizer-spec.ts";
import { type TrainData, Trainer } from "./trainer.ts";

/**
 * Peak learning rates per optimizer. Muon's updates are rescaled to AdamW's typical RMS, so
 * one value suits both. In short CPU runs of the nano preset on Tiny Shakespeare 1e-2 learned
 * faster than 3e-3 (AdamW, batch 4 × 64, one minute: validation 2.57 against 2.67).
 */
export const DEFAULT_LR = Object.freeze({ muon: 1e-2, adamw: 1e-2 });

/** Defaults of a new run's schedule and settings. */
export const RUN_DEFAULTS = Object.freeze({
  warmup: 0.05,
  minRatio: 0.1,
  indexerWarmup: 0.1,
  clip: 1.0,
  batch: 4,
  seq: 64,
  seed: 42,
  optimizer: "muon" as const,
});

/** Where the model configuration comes from. */
export type ModelSource =
  | { readonly preset: string }
  | { readonly configFile: string }
  | { readonly config: ModelConfig; readonly label: string };

/** A new run. */
export interface NewRunOptions {
  data: string;
  /** `char`, `bpe:N` or a tokenizer.json path. */
  tokenizer: string;
  model: ModelSource;
  budget: Budget;
  /** Peak learning rate; DEFAULT_LR of the optimizer when absent. */
  lr?: number;
  warmup?: number;
  settings?: Partial<RunSettings>;
}

/** The bytes of the corpus file hashed, so a resumed run notices a changed file. */
function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function readJsonConfig(path: string): ModelConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new TrainError(`--config: cannot read ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TrainError(`--config: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(json, path);
}

/**
 * The configuration to train. A preset or an in-memory config (a preset with other sizes)
 * takes the tokenizer's vocabulary size; a config file keeps its own if it is at least as
 * large (a padded vocabulary), else it is an error. The BOS/EOS ids follow the tokenizer when
 * it has them.
 */
export function resolveConfig(
  source: ModelSource,
  tok: TextTokenizer,
): { cfg: ModelConfig; label: string } {
  let base: ModelConfig;
  let label: string;
  let vocab = tok.vocabSize;
  if ("preset" in source) {
    base = getPreset(source.preset);
    label = `preset ${source.preset}`;
  } else if ("config" in source) {
    base = source.config;
    label = source.label;
  } else {
    base = readJsonConfig(source.configFile);
    label = source.configFile;
    if (base.vocabSize < tok.vocabSize) {
      throw new TrainError(
        `${label}: "vocab_size" ${base.vocabSize} is smaller than the tokenizer's ` +
          `${tok.vocabSize} ids`,
      );
    }
    vocab = base.vocabSize;
  }
  const cfg = validateConfig(
    {
      ...base,
      vocabSize: vocab,
      bosTokenId: tok.bosId ?? base.bosTokenId,
      eosTokenId: tok.eosId ?? base.eosTokenId,
    },
    label,
  );
  return { cfg, label };
}

/** Reads, splits and tokenizes the corpus. */
function tokenize(path: string, tok: TextTokenizer, text: string): TrainData {
  const { train, val } = splitCorpus(text);
  return {
    train: encodeText(tok, train, `training split of ${path}`),
    val: encodeText(tok, val, `validation split of ${path}`),
    path,
    sha256: sha256Of(path),
  };
}

function checkFraction(name: string, v: number, max: number, inclusive: boolean): void {
  if (!(v >= 0 && (inclusive ? v <= max : v < max))) {
    throw new TrainError(`${name} must be in [0, ${max}${inclusive ? "]" : ")"}, got ${v}`);
  }
}

/** A trainer for a new run from the given options (fresh weights from the seed). */
export async function newTrainer(o: NewRunOptions): Promise<Trainer> {
  const settings: RunSettings = {
    optimizer: o.settings?.optimizer ?? RUN_DEFAULTS.optimizer,
    batch: o.settings?.batch ?? RUN_DEFAULTS.batch,
    seq: o.settings?.seq ?? RUN_DEFAULTS.seq,
    seed: o.settings?.seed ?? RUN_DEFAULTS.seed,
    indexerWarmup: o.settings?.indexerWarmup ?? RUN_DEFAULTS.indexerWarmup,
    clip: o.settings?.clip ?? RUN_DEFAULTS.clip,
    qat: o.settings?.qat ?? null,
  };
  const schedule: ScheduleShape = {
    peak: o.lr ?? DEFAULT_LR[settings.optimizer],
    warmup: o.warmup ?? RUN_DEFAULTS.warmup,
    minRatio: RUN_DEFAULTS.minRatio,
  };
  checkFraction("warm-up fraction", schedule.warmup, 1, false);
  checkFraction("indexer warm-up fraction", settings.indexerWarmup, 1, true);
  // The model source is checked before the (possibly slow) tokenizer training.
  if ("preset" in o.model) getPreset(o.model.preset);
  const spec = parseTokenizerSpec(o.tokenizer);
  const text = readCorpus(o.data);
  const tok = await buildTokenizer(spec, { train: splitCorpus(text).train, full: text });
  const { cfg, label } = resolveConfig(o.model, tok);
  const data = tokenize(o.data, tok, text);
  // Before the weights exist: a corpus too short for one window is an input error.
  checkFits(data.train, settings.seq, "training split");
  checkFits(data.val, settings.seq, "validation split");
  checkMemory(cfg, label);
  return new Trainer({
    cfg,
    params: initParams(cfg, settings.seed),
    tokenizer: tok,
    tokenizerSpec: formatTokenizerSpec(spec),
    modelLabel: label,
    data,
    budget: o.budget,
    schedule,
    settings,
  });
}

/** Options of a resumed run. */
export interface ResumeOptions {
  /** A different corpus path (by default the one recorded in the checkpoint). */
  data?: string;
  /** A new budget (by default the recorded one). */
  budget?: Budget;
  /** Called with a warning, e.g. when the corpus changed since the checkpoint. */
  warn?: (text: string) => void;
}

/** A trainer that continues the run saved in `dir` exactly where it stopped. */
export async function resumeTrainer(dir: string, o: ResumeOptions = {}): Promise<Trainer> {
  const ckpt = loadTrainingCheckpoint(dir);
  const { state } = ckpt;
  try {
    const spec = parseTokenizerSpec(state.tokenizer);
    const tok = await restoreTokenizer(spec, ckpt.tokenizerFile);
    const path = o.data ?? state.data.path;
    const data = tokenize(path, tok, readCorpus(path));
    if (data.sha256 !== state.data.sha256) {
      o.warn?.(
        `the corpus ${path} differs from the one this run was trained on; training continues ` +
          "on the new text",
      );
    }
    return new Trainer(
      {
        cfg: ckpt.cfg,
        params: ckpt.params,
        tokenizer: tok,
        tokenizerSpec: state.tokenizer,
        modelLabel: state.model,
        data,
        budget: resumedBudget(dir, state.step, o.budget ?? state.budget),
        schedule: state.schedule,
        settings: state.settings,
      },
      { dir, state, optimizerState: ckpt.optimizerState },
    );
  } catch (err) {
    for (const t of ckpt.params.values()) t.dispose();
    if (err instanceof TrainError) throw err;
    throw new TrainError(`cannot resume from ${dir}: ${(err as Error).message}`);
  }
}

/** A resumed run's step budget is the total to reach, so it must lie beyond the saved step. */
function resumedBudget(dir: string, step: number, budget: Budget): Budget {
  if (budget.kind === "steps" && budget.steps <= step) {
    throw new TrainError(
      `${dir} is already at step ${step}; --steps is the total to reach, so give more than ${step}`,
    );
  }
  return budget;
}

/**
 * Refuses a model whose training state cannot fit in this machine's memory, before allocating
 * anything: f32 weights, gradients and two optimizer moments take 16 bytes per parameter.
 */
function checkMemory(cfg: ModelConfig, label: string): void {
  const { total } = countParameters(cfg);
  const needed = total * 16;
  const available = totalmem();
  if (needed > available) {
    const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
    throw new TrainError(
      `${label} has ${total.toLocaleString("en-US")} parameters: training needs about ` +
        `${gib(needed)} (weights, gradients, optimizer moments) but this machine has ` +
        `${gib(available)}; choose a smaller preset (nano, tiny) or config`,
    );
  }
}
