/**
 * The training loop of a DeepSeek-V4 model. One step: draw a batch, compute the training
 * loss (next-token CE + weighted MTP CE + indexer loss) and its gradients inside one scope,
 * clip the global gradient norm, let the optimizer update (it refuses non-finite losses or
 * gradients before writing anything), free the gradients, and move the routing biases toward
 * balanced expert load. Every tensor a step creates is released when it ends, so memory stays
 * flat however long the run.
 *
 * A run is resumable exactly: weights, optimizer moments, the data generator, the step and
 * the clock are all in the checkpoint, and nothing else influences a step.
 */
import { loadImbalance, updateRoutingBias } from "../model/balance.ts";
import type { ModelConfig } from "../model/config.ts";
import { createModel, type Model } from "../model/model.ts";
import { countParameters } from "../model/param-count.ts";
import { NonFiniteActivationError } from "../model/params.ts";
import { type TrainBatch, trainingLoss } from "../model/training-loss.ts";
import { defaultDevice, noGrad, tidy } from "../tensor/index.ts";
import { saveCheckpoint } from "./checkpoint.ts";
import { BatchSampler, checkFits, evalBatches } from "./data.ts";
import { TrainError } from "./errors.ts";
import { type EvalRecord, formatLr, groupDigits, type StepRecord } from "./log.ts";
import {
  type CombinedOptimizer,
  clipGradNorm,
  createOptimizer,
  NonFiniteError,
} from "./optim/index.ts";
import {
  type Budget,
  budgetDone,
  budgetFraction,
  etaSeconds,
  expectedTotalSteps,
  formatDuration,
  inIndexerWarmup,
  progressLine,
  scheduledLr,
} from "./progress.ts";
import { describeQat, qatAt } from "./qat.ts";
import type { RunSettings, TrainerState } from "./state.ts";
import type { TextTokenizer } from "./tokenizer/index.ts";
import type {
  ResumePoint,
  RunOptions,
  RunResult,
  StepResult,
  TrainData,
  TrainerInit,
} from "./trainer-types.ts";

export type {
  ResumePoint,
  RunOptions,
  RunResult,
  StepResult,
  TrainData,
  TrainerInit,
} from "./trainer-types.ts";

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A model being trained, with its optimizer, data stream and history. */
export class Trainer {
  readonly cfg: ModelConfig;
  readonly model: Model;
  readonly tokenizer: TextTokenizer;
  readonly optimizer: CombinedOptimizer;
  readonly data: TrainData;
  private readonly sampler: BatchSampler;
  private readonly init: TrainerInit;
  private stepCount = 0;
  private elapsedBase = 0;
  private clockStart = 0;
  private running = false;
  private readonly losses: number[] = [];
  private readonly evals: TrainerState["evals"] = [];
  /** Tokens per routed expert since the last evaluation, per block. */
  private loadSum: Int32Array[] = [];
  private evalSets: { train: TrainBatch[]; val: TrainBatch[]; count: number } | null = null;
  /** The newest checkpoint of this run: written by `save`, or the one resumed from. */
  private lastCheckpoint: { dir: string; step: number } | null = null;

  constructor(init: TrainerInit, resume?: ResumePoint) {
    this.init = init;
    this.cfg = init.cfg;
    this.model = createModel(init.cfg, init.params);
    this.tokenizer = init.tokenizer;
    this.data = init.data;
    const { batch, seq, seed, optimizer } = init.settings;
    this.sampler = new BatchSampler(init.data.train, batch, seq, seed);
    // Checked now rather than at the first evaluation, after minutes of training.
    checkFits(init.data.val, seq, "validation split");
    this.optimizer = createOptimizer(init.params, { lr: init.schedule.peak, optimizer }).optimizer;
    if (resume) {
      const { state } = resume;
      try {
        this.optimizer.loadStateDict(resume.optimizerState);
      } catch (err) {
        this.optimizer.dispose();
        throw new TrainError(
          `${resume.dir}: optimizer.safetensors does not fit the model: ${(err as Error).message}`,
        );
      }
      this.sampler.setState(state.data.rng);
      this.stepCount = state.step;
      this.elapsedBase = state.elapsedSeconds;
      this.losses.push(...state.losses);
      this.evals.push(...state.evals);
      this.lastCheckpoint = { dir: resume.dir, step: state.step };
    }
  }

  /** Optimizer steps completed. */
  get step(): number {
    return this.stepCount;
  }

  /** Next-token cross-entropy of every step so far. */
  get lossHistory(): readonly number[] {
    return this.losses;
  }

  get budget(): Budget {
    return this.init.budget;
  }

  get settings(): RunSettings {
    return this.init.settings;
  }

  /** Training seconds so far, including those of earlier runs of a resumed checkpoint. */
  elapsed(): number {
    return this.running
      ? this.elapsedBase + (performance.now() - this.clockStart) / 1000
      : this.elapsedBase;
  }

  /** Whether the budget is spent. */
  done(): boolean {
    return budgetDone(this.init.budget, this.stepCount, this.elapsed());
  }

  /**
   * One optimizer step. Throws NonFiniteError (weights and optimizer state untouched, the
   * step not counted) when the loss or a gradient is NaN or infinite.
   */
  trainStep(): StepResult {
    const { budget, schedule, settings } = this.init;
    const step = this.stepCount;
    const elapsed = this.elapsed();
    const lr = scheduledLr(budget, schedule, step, elapsed);
    const dense = inIndexerWarmup(budget, settings.indexerWarmup, step, elapsed);
    const indexerMode = dense ? "dense" : "sparse";
    const qat = qatAt(settings.qat, budget, step, elapsed);
    const batch = this.sampler.next();
    const t0 = performance.now();
    const out = this.forwardBackward(() => {
      const parts = trainingLoss(this.model, batch, {
        indexerMode,
        trainIndexer: true,
        ...(qat ? { qat } : {}),
      });
      const objective = parts.total.item();
      // A non-finite loss is refused by the optimizer below; its gradients are not needed.
      if (Number.isFinite(objective)) parts.total.backward();
      return {
        objective,
        loss: parts.ce,
        mtp: parts.mtp,
        indexer: parts.indexer,
        load: parts.load,
      };
    });
    let grad: number;
    try {
      grad = tidy(() => {
        const norm = clipGradNorm(this.optimizer.params, settings.clip);
        this.optimizer.step({ lr, loss: out.objective });
        return norm;
      });
    } finally {
      this.optimizer.zeroGrad();
    }
    updateRoutingBias(this.model, out.load, this.cfg.biasUpdateSpeed);
    this.accumulateLoad(out.load);
    this.stepCount = step + 1;
    this.losses.push(out.loss);
    const ms = performance.now() - t0;
    const { objective, loss, mtp, indexer } = out;
    return { step: step + 1, loss, objective, mtp, indexer, lr, grad, ms, indexerMode };
  }

  /**
   * Runs the loss and its backward in one scope. Diverged activations that poison a discrete
   * choice (routing, indexer top-k) are reported like a non-finite loss: nothing was written.
   */
  private forwardBackward<T>(run: () => T): T {
    try {
      return tidy(run);
    } catch (err) {
      if (!(err instanceof NonFiniteActivationError)) throw err;
      this.optimizer.zeroGrad();
      throw new NonFiniteError(this.stepCount + 1, { param: null, index: -1, value: Number.NaN });
    }
  }

  private accumulateLoad(load: readonly Int32Array[]): void {
    if (this.loadSum.length === 0) this.loadSum = load.map((l) => new Int32Array(l.length));
    load.forEach((l, i) => {
      const sum = this.loadSum[i];
      if (sum) for (let e = 0; e < l.length; e++) sum[e]! += l[e]!;
    });
  }

  /** max/mean expert load per block since the last call; resets the counts. */
  takeBalance(): EvalRecord["balance"] {
    const layers = this.model.schedule.layers.length;
    const out = this.loadSum.map((l, i) => ({
      block: i < layers ? `L${i}` : `M${i - layers}`,
      maxOverMean: loadImbalance(l),
    }));
    this.loadSum = [];
    return out;
  }

  /**
   * Mean next-token CE over `batches` with the sparse (inference) indexer, no gradients; once
   * QAT is on, through the same fake quantisation as training.
   */
  private meanLoss(batches: readonly TrainBatch[]): number {
    const { budget, settings } = this.init;
    const qat = qatAt(settings.qat, budget, this.stepCount, this.elapsed());
    const losses = batches.map((b) =>
      tidy(() =>
        noGrad(() => {
          const { batch, seq, inputs, targets } = b;
          return trainingLoss(this.model, { batch, seq, inputs, targets }, qat ? { qat } : {}).ce;
        }),
      ),
    );
    return mean(losses);
  }

  /**
   * Next-token cross-entropy (nats per token) on `count` fixed batches of the training and of
   * the validation split; the same windows every time, and no training state is consumed.
   */
  evaluate(count: number): { train: number; val: number } {
    if (count <= 0) return { train: Number.NaN, val: Number.NaN };
    if (this.evalSets?.count !== count) {
      const { batch, seq } = this.init.settings;
      this.evalSets = {
        count,
        train: evalBatches(this.data.train, batch, seq, count, "training split"),
        val: evalBatches(this.data.val, batch, seq, count, "validation split"),
      };
    }
    return { train: this.meanLoss(this.evalSets.train), val: this.meanLoss(this.evalSets.val) };
  }

  /** The state to store in trainer_state.json. */
  snapshot(): TrainerState {
    const { budget, schedule, settings, modelLabel, tokenizerSpec } = this.init;
    return {
      step: this.stepCount,
      elapsedSeconds: this.elapsed(),
      budget,
      schedule,
      settings,
      model: modelLabel,
      tokenizer: tokenizerSpec,
      data: {
        path: this.data.path,
        sha256: this.data.sha256,
        trainTokens: this.data.train.length,
        valTokens: this.data.val.length,
        rng: this.sampler.getState(),
      },
      losses: [...this.losses],
      evals: [...this.evals],
    };
  }

  /** Writes a full training checkpoint into `dir`. */
  save(dir: string): void {
    saveCheckpoint(dir, {
      cfg: this.cfg,
      params: this.model.params,
      tokenizer: this.tokenizer,
      training: { optimizer: this.optimizer, state: this.snapshot() },
    });
    this.lastCheckpoint = { dir, step: this.stepCount };
  }

  /** The settings table printed at the start of a run. */
  describe(outDir?: string): [string, string][] {
    const { budget, schedule, settings, modelLabel, tokenizerSpec } = this.init;
    const counts = countParameters(this.cfg);
    const lr = schedule.peak;
    const rows: [string, string][] = [
      ["model", modelLabel],
      ["params", `${groupDigits(counts.total)} (MTP ${groupDigits(counts.mtpTotal)})`],
      ["tokenizer", `${tokenizerSpec} (${this.tokenizer.vocabSize} ids)`],
      [
        "tokens",
        `${groupDigits(this.data.train.length)} train / ${groupDigits(this.data.val.length)} val`,
      ],
      ["optimizer", settings.optimizer === "muon" ? "muon (matrices) + adamw (rest)" : "adamw"],
      [
        "lr",
        `${formatLr(lr)} peak, warm-up ${Math.round(schedule.warmup * 100)}%, ` +
          `cosine to ${formatLr(lr * schedule.minRatio)}`,
      ],
      ["batch", String(settings.batch)],
      ["seq", String(settings.seq)],
      [
        "budget",
        budget.kind === "steps" ? `${budget.steps} steps` : `${formatDuration(budget.seconds)}`,
      ],
      ["indexer", `dense for the first ${Math.round(settings.indexerWarmup * 100)}%, then sparse`],
      ["qat", describeQat(settings.qat)],
      ["seed", String(settings.seed)],
      ["device", defaultDevice().name],
    ];
    if (this.stepCount > 0) rows.push(["resumed at", `step ${this.stepCount}`]);
    if (outDir !== undefined) rows.push(["out", outDir]);
    return rows;
  }

  /**
   * Trains until the budget is spent (or `maxSteps`, or the signal), logging as it goes,
   * evaluating and saving checkpoints on the given intervals and once more at the end. A
   * non-finite step stops the run without saving, so the last good checkpoint stays.
   */
  async run(opts: RunOptions): Promise<RunResult> {
    const { log } = opts;
    const tokensPerStep = this.init.settings.batch * this.init.settings.seq;
    log.config("training", this.describe(opts.outDir));
    this.running = true;
    this.clockStart = performance.now();
    const startStep = this.stepCount;
    let checkpoint: string | null = null;
    let savedStep = -1;
    let lastEval = { train: Number.NaN, val: Number.NaN };
    let evalStep = -1;
    let pending: StepRecord | null = null;
    let status: RunResult["status"] = "done";
    let error: string | undefined;
    const stepTimes: number[] = [];
    const record = (r: StepResult): StepRecord => ({
      step: r.step,
      total: expectedTotalSteps(this.init.budget, r.step, this.elapsed()),
      loss: r.loss,
      objective: r.objective,
      mtp: r.mtp,
      indexer: r.indexer,
      lr: r.lr,
      grad: r.grad,
      ms: r.ms,
      tokensPerSecond: (tokensPerStep * 1000) / r.ms,
      indexerMode: r.indexerMode,
    });
    const evaluate = () => {
      lastEval = this.evaluate(opts.evalBatches);
      evalStep = this.stepCount;
      this.evals.push({ step: this.stepCount, ...lastEval });
      log.eval({
        step: this.stepCount,
        total: expectedTotalSteps(this.init.budget, this.stepCount, this.elapsed()),
        ...lastEval,
        balance: this.takeBalance(),
      });
    };
    const save = () => {
      if (opts.outDir === undefined) return;
      this.save(opts.outDir);
      checkpoint = opts.outDir;
      savedStep = this.stepCount;
      log.record("checkpoint", { step: this.stepCount, dir: opts.outDir });
    };
    try {
      while (!this.done()) {
        if (opts.maxSteps !== undefined && this.stepCount - startStep >= opts.maxSteps) {
          status = "stopped";
          break;
        }
        if (opts.signal?.aborted) {
          status = "interrupted";
          break;
        }
        let r: StepResult;
        try {
          r = this.trainStep();
        } catch (err) {
          if (!(err instanceof NonFiniteError)) throw err;
          status = "non-finite";
          const last = this.lastCheckpoint;
          const kept =
            last === null
              ? "no checkpoint has been written"
              : `the last checkpoint (step ${last.step}) in ${last.dir} is kept`;
          error = `training stopped: ${err.message}; ${kept}`;
          log.error(error);
          break;
        }
        stepTimes.push(r.ms / 1000);
        const rec = record(r);
        const s = r.step;
        const show = s === 1 || s % opts.logEvery === 0;
        log.step(rec, show);
        pending = show ? null : rec;
        if (!show) {
          const perStep = mean(stepTimes.slice(-10));
          log.progress(
            progressLine({
              step: s,
              total: rec.total,
              fraction: budgetFraction(this.init.budget, s, this.elapsed()),
              loss: r.loss,
              secondsPerStep: perStep,
              eta: etaSeconds(this.init.budget, s, this.elapsed(), perStep),
            }),
          );
        }
        if (opts.evalEvery > 0 && s % opts.evalEvery === 0 && !this.done()) {
          if (pending) log.showStep(pending);
          pending = null;
          evaluate();
        }
        if (opts.saveEvery > 0 && s % opts.saveEvery === 0 && !this.done()) save();
        await yieldToEventLoop();
      }
      if (status !== "non-finite") {
        if (pending) log.showStep(pending);
        if (this.stepCount > 0 && evalStep !== this.stepCount) evaluate();
        if (savedStep !== this.stepCount) save();
      }
    } finally {
      this.elapsedBase = this.elapsed();
      this.running = false;
    }
    // Throughput of the steps themselves; evaluations and saves are not training.
    const seconds = stepTimes.reduce((a, b) => a + b, 0);
    const steps = this.stepCount - startStep;
    const result: RunResult = {
      status,
      step: this.stepCount,
      trainLoss: lastEval.train,
      valLoss: lastEval.val,
      recentLoss: mean(this.losses.slice(-10)),
      checkpoint,
      tokensPerSecond: seconds > 0 ? (steps * tokensPerStep) / seconds : 0,
    };
    if (error !== undefined) result.error = error;
    log.record("summary", { ...result });
    return result;
  }

  /** Releases the weights and the optimizer state. */
  dispose(): void {
    this.optimizer.dispose();
    for (const t of this.model.params.values()) t.dispose();
  }
}
