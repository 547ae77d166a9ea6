/**
 * Character-level Tiny Shakespeare in a fixed wall-clock budget: trains the nano preset with
 * the `npm start` settings, then reports throughput and the validation loss in nats per
 * character next to nanoGPT's CPU recipe for the same task (4 layers × 128 dims, context 64,
 * batch 12, 2,000 iterations: validation loss 1.88 in about three minutes).
 *
 * `npm run bench -- shakespeare [--time SECONDS] [--device cpu|cpu-ref|webgpu]` (default 180 s on
 * the fast CPU device).
 */
import { createDevice } from "../src/backend/select.ts";
import { BUNDLED_DATA } from "../src/cli/train.ts";
import { defaultDevice, setDefaultDevice } from "../src/tensor/index.ts";
import { newTrainer, TrainLog } from "../src/train/index.ts";
import { formatTable } from "./table.ts";

/** The settings of the run (those of `npm start`). */
const SETTINGS = Object.freeze({
  preset: "nano",
  optimizer: "adamw" as const,
  lr: 2e-2,
  batch: 8,
  seq: 64,
  seed: 42,
  // Validation on 16 fixed batches: 2,048 characters spread over the held-out 10%.
  evalBatches: 16,
});

/** nanoGPT's published CPU run of the same task. */
const NANOGPT = Object.freeze({
  model: "4 layers × 128 dims",
  batch: 12,
  seq: 64,
  steps: 2000,
  seconds: 180,
  valLoss: 1.88,
});

function readTime(args: readonly string[]): number {
  const i = args.indexOf("--time");
  if (i < 0) return 180;
  const text = args[i + 1];
  const seconds = Number(text);
  if (text === undefined || !(seconds > 0)) {
    throw new Error(`bench shakespeare: --time expects a number of seconds > 0; got "${text}"`);
  }
  return seconds;
}

function readDevice(args: readonly string[]): string {
  const i = args.indexOf("--device");
  return i < 0 ? "cpu" : (args[i + 1] ?? "");
}

export async function benchShakespeare(args: string[]): Promise<void> {
  const seconds = readTime(args);
  const device = await createDevice(readDevice(args));
  const previous = setDefaultDevice(device);
  try {
    await trainAndReport(seconds);
  } finally {
    setDefaultDevice(previous);
    device.close();
  }
}

async function trainAndReport(seconds: number): Promise<void> {
  const s = SETTINGS;
  const trainer = await newTrainer({
    data: BUNDLED_DATA,
    tokenizer: "char",
    model: { preset: s.preset },
    budget: { kind: "time", seconds },
    lr: s.lr,
    settings: { optimizer: s.optimizer, batch: s.batch, seq: s.seq, seed: s.seed },
  });
  const log = new TrainLog();
  const result = await trainer.run({
    log,
    evalEvery: 0,
    evalBatches: s.evalBatches,
    saveEvery: 0,
    logEvery: 25,
  });
  log.close();
  trainer.dispose();
  const nano = NANOGPT;
  const rows = [
    ["model", `preset ${s.preset}`, nano.model],
    ["optimizer, peak lr", `${s.optimizer} ${s.lr}`, "adamw 1e-3"],
    ["batch × context", `${s.batch} × ${s.seq}`, `${nano.batch} × ${nano.seq}`],
    ["wall clock", `${seconds} s`, `~${nano.seconds} s`],
    ["steps", String(result.step), String(nano.steps)],
    [
      "tokens/s",
      result.tokensPerSecond.toFixed(0),
      ((nano.steps * nano.batch * nano.seq) / nano.seconds).toFixed(0),
    ],
    ["final train loss", result.trainLoss.toFixed(4), "-"],
    ["val loss (nats/char)", result.valLoss.toFixed(4), nano.valLoss.toFixed(2)],
  ];
  process.stdout.write(
    `\nTiny Shakespeare, character level, ${seconds} s on device "${defaultDevice().name}"\n`,
  );
  process.stdout.write(`${formatTable(["", "tessera", "nanoGPT (CPU recipe)"], rows)}\n`);
}
