// The training loop on a micro model: loss falls, runs repeat exactly under a seed, a saved and
// resumed run continues bit for bit, memory stays flat, and a non-finite step stops the run
// without touching the weights or the last checkpoint.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { defaultDevice, full, noGrad } from "../../src/tensor/index.ts";
import { type NewRunOptions, newTrainer, resumeTrainer, TrainLog } from "../../src/train/index.ts";
import { memorySink, microConfig, tempDir, writeCorpus } from "./micro.ts";

const tmp = tempDir();
after(tmp.cleanup);
const corpus = writeCorpus(tmp.dir);

function options(steps: number, optimizer: "muon" | "adamw"): NewRunOptions {
  return {
    data: corpus,
    tokenizer: "char",
    model: { config: microConfig(), label: "micro" },
    budget: { kind: "steps", steps },
    lr: 2e-2,
    settings: { batch: 2, seq: 8, optimizer, seed: 7 },
  };
}

const quiet = () => new TrainLog({ sink: memorySink().sink });
const runOpts = { evalEvery: 0, evalBatches: 1, saveEvery: 0, logEvery: 1000 };

test("a tiny training run's loss falls", async () => {
  const trainer = await newTrainer(options(30, "adamw"));
  for (let i = 0; i < 30; i++) trainer.trainStep();
  const losses = trainer.lossHistory;
  const first = (losses[0]! + losses[1]! + losses[2]!) / 3;
  const last = losses.slice(-5).reduce((a, b) => a + b, 0) / 5;
  assert.ok(last < first * 0.5, `loss should halve: first ${first}, last five ${last}`);
  trainer.dispose();
});

test("the same seed gives the identical loss sequence", async () => {
  const run = async () => {
    const trainer = await newTrainer(options(8, "muon"));
    for (let i = 0; i < 8; i++) trainer.trainStep();
    trainer.dispose();
    return [...trainer.lossHistory];
  };
  const a = await run();
  const b = await run();
  assert.equal(a.length, 8);
  assert.deepEqual(a, b);
  const other = await newTrainer({
    ...options(8, "muon"),
    settings: { batch: 2, seq: 8, seed: 8 },
  });
  other.trainStep();
  assert.notEqual(other.lossHistory[0], a[0], "a different seed should give a different run");
  other.dispose();
});

test("10 steps + save + resume + 10 steps equals 20 straight steps, bit for bit", async () => {
  const straight = await newTrainer(options(20, "muon"));
  await straight.run({ log: quiet(), ...runOpts });
  assert.equal(straight.step, 20);
  const expected = [...straight.lossHistory];
  straight.dispose();

  const dir = join(tmp.dir, "resume");
  const first = await newTrainer(options(20, "muon"));
  const r1 = await first.run({ log: quiet(), ...runOpts, outDir: dir, maxSteps: 10 });
  assert.equal(r1.status, "stopped");
  assert.equal(r1.checkpoint, dir);
  first.dispose();

  const second = await resumeTrainer(dir);
  assert.equal(second.step, 10);
  const r2 = await second.run({ log: quiet(), ...runOpts, outDir: dir });
  assert.equal(r2.status, "done");
  assert.equal(second.step, 20);
  assert.deepEqual([...second.lossHistory], expected);
  const state = JSON.parse(readFileSync(join(dir, "trainer_state.json"), "utf8"));
  assert.equal(state.step, 20);
  assert.deepEqual(state.losses, expected);
  second.dispose();
});

test("live memory is the same after every step", async () => {
  const trainer = await newTrainer(options(6, "muon"));
  const device = defaultDevice();
  trainer.trainStep();
  const baseline = device.memory().liveBytes;
  for (let i = 0; i < 4; i++) {
    trainer.trainStep();
    assert.equal(device.memory().liveBytes, baseline, `live bytes changed at step ${i + 2}`);
  }
  trainer.dispose();
});

test("a non-finite loss stops the run, keeps the weights and the last checkpoint", async () => {
  const dir = join(tmp.dir, "nonfinite");
  const trainer = await newTrainer(options(10, "adamw"));
  await trainer.run({ log: quiet(), ...runOpts, outDir: dir, maxSteps: 2 });
  const saved = readFileSync(join(dir, "model.safetensors"));
  // A NaN prediction head makes every logit NaN (after all routing), so the loss is NaN.
  const head = trainer.model.params.get("head.weight")!;
  noGrad(() => {
    const nan = full(head.shape, Number.NaN);
    head.assign(nan);
    nan.dispose();
  });
  const before = new Map([...trainer.model.params].map(([n, t]) => [n, t.toArray()]));
  const { sink, err } = memorySink();
  const result = await trainer.run({ log: new TrainLog({ sink }), ...runOpts, outDir: dir });
  assert.equal(result.status, "non-finite");
  assert.equal(trainer.step, 2, "the refused step is not counted");
  assert.match(result.error ?? "", /loss is NaN.*last checkpoint \(step 2\)/);
  assert.match(err.join(""), /error: training stopped: optimizer step 3: loss is NaN/);
  for (const [name, t] of trainer.model.params) {
    assert.deepEqual(t.toArray(), before.get(name), `${name} changed`);
  }
  assert.deepEqual(readFileSync(join(dir, "model.safetensors")), saved);
  trainer.dispose();
});

test("diverged activations that reach the router are refused like a non-finite loss", async () => {
  const trainer = await newTrainer(options(10, "adamw"));
  trainer.trainStep();
  // A NaN embedding makes every router and indexer score NaN before any loss exists.
  const embed = trainer.model.params.get("embed.weight")!;
  noGrad(() => {
    const nan = full(embed.shape, Number.NaN);
    embed.assign(nan);
    nan.dispose();
  });
  const before = new Map([...trainer.model.params].map(([n, t]) => [n, t.toArray()]));
  assert.throws(() => trainer.trainStep(), {
    name: "NonFiniteError",
    message: /optimizer step 2: loss is NaN/,
  });
  assert.equal(trainer.step, 1);
  for (const [name, t] of trainer.model.params) {
    assert.deepEqual(t.toArray(), before.get(name), `${name} changed`);
  }
  trainer.dispose();
});
