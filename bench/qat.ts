/**
 * MXFP4 quantization-aware training on character-level Tiny Shakespeare. Two runs of the same
 * number of steps from the same seed: one in full precision, one with QAT (fake-quantised
 * routed experts and indexer QK, straight-through backward) over the last part of training.
 * Reported validation losses (nats per character, on the same fixed batches):
 *
 *   (a) the full-precision run, with its f32 weights;
 *   (b) the same run quantized after training: real packed MXFP4 expert weights;
 *   (c) the QAT run with real packed MXFP4 expert weights;
 *
 * and how much of the (b) - (a) gap the QAT run closes. (b) and (c) are evaluated as a
 * quantized model is served: experts through the MXFP4 matmul kernel and the indexer's
 * queries and keys in FP4 after the Hadamard rotation.
 *
 * `npm run bench -- qat [--steps N] [--qat-start FRACTION]` (defaults 200 and 0.7).
 */
import { BUNDLED_DATA } from "../src/cli/train.ts";
import { createModel, type Model } from "../src/model/model.ts";
import { packWeights } from "../src/model/pack-weights.ts";
import type { QatOptions } from "../src/model/qat.ts";
import { type TrainBatch, trainingLoss } from "../src/model/training-loss.ts";
import { defaultDevice, noGrad, tidy } from "../src/tensor/index.ts";
import { evalBatches, newTrainer, type QatSchedule, TrainLog } from "../src/train/index.ts";
import { formatTable } from "./table.ts";

/** The run settings (those of the shakespeare bench), shared by both runs. */
const SETTINGS = Object.freeze({
  preset: "nano",
  optimizer: "adamw" as const,
  lr: 1e-2,
  batch: 4,
  seq: 32,
  seed: 42,
  evalBatches: 16,
});

/** The FP4 indexer path of a served quantized model (experts are packed, not simulated). */
const SERVED: QatOptions = Object.freeze({ experts: false, indexer: true });

function flag(args: readonly string[], name: string, fallback: number, ok: (n: number) => boolean) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const text = args[i + 1];
  const n = Number(text);
  if (text === undefined || !ok(n)) {
    throw new Error(`bench qat: --${name} got "${text}", which is out of range`);
  }
  return n;
}

/** Mean next-token cross-entropy of `model` over `batches`, without gradients. */
function meanCe(model: Model, batches: readonly TrainBatch[], qat?: QatOptions): number {
  let sum = 0;
  for (const b of batches) {
    sum += tidy(() => noGrad(() => trainingLoss(model, b, qat ? { qat } : {}).ce));
  }
  return sum / batches.length;
}

/** Trains one run; returns the f32 val loss and the val loss with packed MXFP4 experts. */
async function trainAndEvaluate(steps: number, qat: QatSchedule | null) {
  const s = SETTINGS;
  const trainer = await newTrainer({
    data: BUNDLED_DATA,
    tokenizer: "char",
    model: { preset: s.preset },
    budget: { kind: "steps", steps },
    lr: s.lr,
    settings: { optimizer: s.optimizer, batch: s.batch, seq: s.seq, seed: s.seed, qat },
  });
  const log = new TrainLog();
  const t0 = performance.now();
  await trainer.run({ log, evalEvery: 0, evalBatches: 1, saveEvery: 0, logEvery: 50 });
  log.close();
  const seconds = (performance.now() - t0) / 1000;
  const batches = evalBatches(trainer.data.val, s.batch, s.seq, s.evalBatches, "validation");
  const f32 = meanCe(trainer.model, batches);
  const { params, packed } = packWeights(trainer.model.params);
  const quantized = createModel(trainer.cfg, params, packed);
  const mxfp4 = meanCe(quantized, batches, SERVED);
  for (const w of packed.values()) w.dispose();
  trainer.dispose();
  return { f32, mxfp4, seconds };
}

export async function benchQat(args: string[]): Promise<void> {
  const steps = flag(args, "steps", 200, (n) => Number.isInteger(n) && n >= 1);
  const start = flag(args, "qat-start", 0.7, (n) => n >= 0 && n < 1);
  const schedule: QatSchedule = { format: "mxfp4", start: { kind: "fraction", fraction: start } };
  const plain = await trainAndEvaluate(steps, null);
  const qat = await trainAndEvaluate(steps, schedule);
  const a = plain.f32;
  const b = plain.mxfp4;
  const c = qat.mxfp4;
  const gap = b - a;
  const closed = gap > 0 ? `${(((b - c) / gap) * 100).toFixed(0)}%` : "n/a (no gap)";
  const qatSteps = steps - Math.round(steps * start);
  const rows = [
    ["(a) full precision, f32 weights", a.toFixed(4), `${plain.seconds.toFixed(0)} s`],
    ["(b) (a) quantized after training, MXFP4 experts", b.toFixed(4), ""],
    [
      `(c) QAT for the last ${qatSteps} steps, MXFP4 experts`,
      c.toFixed(4),
      `${qat.seconds.toFixed(0)} s`,
    ],
    ["    (c) with its f32 master weights", qat.f32.toFixed(4), ""],
    ["(b) - (a): quantization gap without QAT", gap.toFixed(4), ""],
    ["(c) - (a): gap with QAT", (c - a).toFixed(4), ""],
    ["share of the (b) - (a) gap QAT closes", closed, ""],
  ];
  const s = SETTINGS;
  process.stdout.write(
    `\nMXFP4 QAT on Tiny Shakespeare (char level): preset ${s.preset}, ${steps} steps each, ` +
      `${s.optimizer} lr ${s.lr}, batch ${s.batch} x ${s.seq}, seed ${s.seed}, device ` +
      `"${defaultDevice().name}"; val loss in nats/char on ${s.evalBatches} fixed batches\n`,
  );
  process.stdout.write(`${formatTable(["", "val loss", "train time"], rows)}\n`);
}
