/**
 * The records a training run is made of and reports: its data, its initial state, a resume
 * point, and what one step and one run produce.
 */
import type { ModelConfig } from "../model/config.ts";
import type { Params } from "../model/params.ts";
import type { TrainLog } from "./log.ts";
import type { HostTensor, OptimizerState } from "./optim/index.ts";
import type { Budget, ScheduleShape } from "./progress.ts";
import type { RunSettings, TrainerState } from "./state.ts";
import type { TextTokenizer } from "./tokenizer/index.ts";

/** The token streams of a run and where they came from. */
export interface TrainData {
  train: Int32Array;
  val: Int32Array;
  /** The corpus file as given. */
  path: string;
  /** sha256 of the corpus bytes. */
  sha256: string;
}

/** Everything a new run is made of. */
export interface TrainerInit {
  cfg: ModelConfig;
  /** Initial weights (from initParams or a checkpoint); the trainer owns them. */
  params: Params;
  tokenizer: TextTokenizer;
  /** The `--tokenizer` spec, recorded for resuming. */
  tokenizerSpec: string;
  /** How the model was specified, e.g. "preset nano". */
  modelLabel: string;
  data: TrainData;
  budget: Budget;
  schedule: ScheduleShape;
  settings: RunSettings;
}

/** How a resumed run continues: its saved state and optimizer moments. */
export interface ResumePoint {
  /** The checkpoint directory the run resumes from. */
  dir: string;
  state: TrainerState;
  optimizerState: OptimizerState<HostTensor>;
}

/** One completed step. */
export interface StepResult {
  step: number;
  /** Next-token cross-entropy of the batch (nats per token). */
  loss: number;
  /** The optimized objective: loss + weighted MTP cross-entropy + indexer loss. */
  objective: number;
  mtp: number;
  indexer: number;
  lr: number;
  grad: number;
  ms: number;
  indexerMode: "dense" | "sparse";
}

/** Options of `Trainer.run`. */
export interface RunOptions {
  log: TrainLog;
  /** Checkpoint directory; without it nothing is saved. */
  outDir?: string;
  /** Steps between evaluations (0: only at the end). */
  evalEvery: number;
  /** Batches per split in an evaluation. */
  evalBatches: number;
  /** Steps between checkpoints (0: only at the end). */
  saveEvery: number;
  /** Steps between logged step lines (the first and last step are always logged). */
  logEvery: number;
  /** Stop after this many steps of this call even if the budget is not spent. */
  maxSteps?: number;
  /** Stops the run after the current step (e.g. on Ctrl-C); the checkpoint is still saved. */
  signal?: AbortSignal;
}

/** How a run ended. */
export interface RunResult {
  /**
   * done: budget spent; stopped: maxSteps reached; interrupted: by the signal;
   * non-finite: a step was refused.
   */
  status: "done" | "stopped" | "interrupted" | "non-finite";
  step: number;
  /** Last evaluation (NaN when there was none). */
  trainLoss: number;
  valLoss: number;
  /** Mean next-token cross-entropy of the last (up to) 10 steps. */
  recentLoss: number;
  /** Where the last checkpoint was saved, if any. */
  checkpoint: string | null;
  /** Training tokens per second of step time in this call (evaluations and saves excluded). */
  tokensPerSecond: number;
  /** The reason for a non-finite stop. */
  error?: string;
}
