// `tessera train` flags: clear errors for unknown flags, bad numbers, unknown presets and
// devices, missing data; --help lists every flag with its default; and a short run through
// the command line that is then resumed.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseCommandArgs } from "../../src/cli/args.ts";
import { CliError } from "../../src/cli/errors.ts";
import { runTrain, TRAIN_FLAGS, TRAIN_HELP, trainerFromArgs } from "../../src/cli/train.ts";
import { toOfficialConfigJson } from "../../src/model/config-json.ts";
import { TrainLog } from "../../src/train/index.ts";
import { memorySink, microConfig, tempDir, writeCorpus } from "./micro.ts";

const tmp = tempDir();
after(tmp.cleanup);
const corpus = writeCorpus(tmp.dir);

async function trainer(argv: string[]) {
  const args = parseCommandArgs("tessera train", argv, TRAIN_FLAGS);
  assert.ok(args);
  return trainerFromArgs(args, new TrainLog({ sink: memorySink().sink }));
}

test("an unknown flag is refused, listing the known ones", async () => {
  await assert.rejects(runTrain(["--stpes", "3"]), (err: Error) => {
    assert.ok(err instanceof CliError);
    assert.match(err.message, /^tessera train: unknown flag --stpes; known flags: --data, /);
    return true;
  });
});

test("bad numbers name the flag and the expected form", async () => {
  await assert.rejects(trainer(["--steps", "ten"]), /--steps expects an integer >= 1; got "ten"/);
  await assert.rejects(trainer(["--lr", "0"]), /--lr expects a number > 0; got "0"/);
  await assert.rejects(trainer(["--batch", "2.5"]), /--batch expects an integer >= 1; got "2.5"/);
  await assert.rejects(trainer(["--steps"]), /--steps needs a value \(N\)/);
  await assert.rejects(
    trainer(["--steps", "3", "--time", "9"]),
    /give --steps or --time, not both/,
  );
  await assert.rejects(
    trainer(["--optimizer", "sgd"]),
    /--optimizer must be one of muon, adamw; got "sgd"/,
  );
});

test("an unknown preset, an unknown device and a missing data file are named", async () => {
  await assert.rejects(
    trainer(["--preset", "huge", "--data", corpus]),
    /unknown preset "huge"; known presets: flash, pro, nano, tiny/,
  );
  await assert.rejects(
    trainer(["--device", "gpu"]),
    /--device must be one of cpu, cpu-ref, webgpu; got "gpu"/,
  );
  await assert.rejects(
    trainer(["--data", join(tmp.dir, "absent.txt")]),
    /data file .*absent\.txt does not exist/,
  );
  await assert.rejects(
    trainer(["--resume", join(tmp.dir, "x"), "--batch", "3"]),
    /--batch cannot be changed when resuming/,
  );
});

test("--help lists every flag with its default", () => {
  for (const [name, spec] of Object.entries(TRAIN_FLAGS)) {
    assert.ok(TRAIN_HELP.includes(`--${name}`), `--${name} missing from help`);
    if (spec.shownDefault) assert.ok(TRAIN_HELP.includes(`(default: ${spec.shownDefault})`), name);
  }
  assert.match(TRAIN_HELP, /--preset NAME +model preset: flash, pro, nano, tiny \(default: nano\)/);
  assert.match(TRAIN_HELP, /--batch N +sequences per step \(default: 4\)/);
});

test("train from a config.json through the command line, then resume it", async () => {
  const config = join(tmp.dir, "micro.json");
  writeFileSync(config, JSON.stringify(toOfficialConfigJson(microConfig())));
  const out = join(tmp.dir, "run");
  const log = join(tmp.dir, "run.jsonl");
  const common = ["--eval-batches", "1", "--log", log];
  const shape = ["--config", config, "--data", corpus, "--batch", "2", "--seq", "8"];
  assert.equal(await runTrain([...shape, "--steps", "3", "--out", out, ...common]), 0);
  const state = JSON.parse(readFileSync(join(out, "trainer_state.json"), "utf8"));
  assert.equal(state.step, 3);
  assert.equal(state.settings.batch, 2);
  assert.equal(await runTrain(["--resume", out, "--steps", "5", ...common]), 0);
  const resumed = JSON.parse(readFileSync(join(out, "trainer_state.json"), "utf8"));
  assert.equal(resumed.step, 5);
  assert.deepEqual(resumed.losses.slice(0, 3), state.losses);
  const records = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).type);
  assert.equal(records.filter((t) => t === "step").length, 5);
  assert.equal(records.filter((t) => t === "summary").length, 2);
});

test("a run never overwrites another run's checkpoint or a file, and resume needs a later step", async () => {
  const config = join(tmp.dir, "micro2.json");
  writeFileSync(config, JSON.stringify(toOfficialConfigJson(microConfig())));
  const out = join(tmp.dir, "run2");
  const shape = ["--config", config, "--data", corpus, "--batch", "2", "--seq", "8"];
  assert.equal(await runTrain([...shape, "--steps", "2", "--out", out, "--eval-batches", "1"]), 0);
  await assert.rejects(
    runTrain([...shape, "--steps", "1", "--out", out]),
    /run2 already holds a checkpoint; continue it with --resume .*run2, or choose another --out/,
  );
  const file = join(tmp.dir, "a-file");
  writeFileSync(file, "x");
  await assert.rejects(
    runTrain([...shape, "--steps", "1", "--out", file]),
    /is a file; expected a directory/,
  );
  await assert.rejects(
    runTrain(["--resume", out, "--steps", "2"]),
    /already at step 2; --steps is the total to reach, so give more than 2/,
  );
});
