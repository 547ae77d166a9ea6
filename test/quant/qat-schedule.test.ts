import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { QAT_MXFP4 } from "../../src/model/qat.ts";
import {
  newTrainer,
  parseQatStart,
  type QatSchedule,
  qatAt,
  readQatSchedule,
} from "../../src/train/index.ts";
import { tempDir } from "../model/quantized-fixture.ts";

test("--qat-start reads a step or a fraction of the budget", () => {
  assert.deepEqual(parseQatStart("500"), { kind: "step", step: 500 });
  assert.deepEqual(parseQatStart("0"), { kind: "step", step: 0 });
  assert.deepEqual(parseQatStart("0.8"), { kind: "fraction", fraction: 0.8 });
  assert.deepEqual(parseQatStart(".25"), { kind: "fraction", fraction: 0.25 });
  for (const bad of ["1.5", "-3", "abc", "", "80%"]) {
    assert.throws(() => parseQatStart(bad), /--qat-start expects a step/, bad);
  }
});

test("QAT switches on at its step or budget fraction and stays on", () => {
  const steps = { kind: "steps", steps: 100 } as const;
  const byStep: QatSchedule = { format: "mxfp4", start: { kind: "step", step: 30 } };
  assert.equal(qatAt(byStep, steps, 29, 0), undefined);
  assert.equal(qatAt(byStep, steps, 30, 0), QAT_MXFP4);
  assert.equal(qatAt(byStep, steps, 99, 0), QAT_MXFP4);
  const late: QatSchedule = { format: "mxfp4", start: { kind: "fraction", fraction: 0.75 } };
  assert.equal(qatAt(late, steps, 74, 0), undefined);
  assert.equal(qatAt(late, steps, 75, 0), QAT_MXFP4);
  // With a time budget the fraction is of the seconds.
  const time = { kind: "time", seconds: 100 } as const;
  assert.equal(qatAt(late, time, 1000, 74.9), undefined);
  assert.equal(qatAt(late, time, 0, 75), QAT_MXFP4);
  assert.equal(qatAt(null, steps, 99, 0), undefined);
});

test("the stored QAT setting round-trips and malformed ones are named", () => {
  const fail = (path: string, want: string, got: unknown): never => {
    throw new Error(`${path} must be ${want}, got ${JSON.stringify(got)}`);
  };
  const q: QatSchedule = { format: "mxfp4", start: { kind: "fraction", fraction: 0.5 } };
  assert.deepEqual(readQatSchedule(JSON.parse(JSON.stringify(q)), "settings.qat", fail), q);
  assert.equal(readQatSchedule(undefined, "settings.qat", fail), null);
  assert.throws(
    () => readQatSchedule({ format: "nvfp4", start: {} }, "settings.qat", fail),
    /settings\.qat\.format must be "mxfp4"/,
  );
  assert.throws(
    () => readQatSchedule({ format: "mxfp4", start: { kind: "fraction", fraction: 2 } }, "s", fail),
    /s\.start must be a step >= 0 or a fraction in \[0, 1\)/,
  );
});

test("a --qat trainer runs step 1 like a plain run and step 2 fake-quantised", async () => {
  const data = join(tempDir("qat-data"), "text.txt");
  writeFileSync(data, "To be, or not to be, that is the question.\n".repeat(40));
  const run = async (qat: QatSchedule | null) => {
    const trainer = await newTrainer({
      data,
      tokenizer: "char",
      model: { preset: "nano" },
      budget: { kind: "steps", steps: 2 },
      settings: { optimizer: "adamw", batch: 1, seq: 16, seed: 5, indexerWarmup: 0, qat },
    });
    const losses = [trainer.trainStep().loss, trainer.trainStep().loss];
    const described = trainer.describe().find(([k]) => k === "qat")?.[1];
    trainer.dispose();
    return { losses, described };
  };
  const plain = await run(null);
  const qat = await run({ format: "mxfp4", start: { kind: "step", step: 1 } });
  assert.equal(qat.losses[0], plain.losses[0]);
  assert.notEqual(qat.losses[1], plain.losses[1]);
  assert.equal(plain.described, "off");
  assert.match(qat.described ?? "", /^mxfp4 .* from step 1$/);
});
