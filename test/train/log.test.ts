// The fixed-format log lines, the JSON lines file, and the live line only on terminals.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  formatEvalLine,
  formatLr,
  formatStepLine,
  groupDigits,
  type StepRecord,
  TrainLog,
} from "../../src/train/index.ts";
import { memorySink, tempDir } from "./micro.ts";

const tmp = tempDir();
after(tmp.cleanup);

const record: StepRecord = {
  step: 12,
  total: 200,
  loss: 3.12344,
  objective: 4.5,
  mtp: 3.5,
  indexer: Number.NaN,
  lr: 0.0012,
  grad: 0.5321,
  ms: 412.4,
  tokensPerSecond: 1234.4,
  indexerMode: "sparse",
};

test("the step line has its fixed format", () => {
  const line = formatStepLine(record);
  assert.equal(
    line,
    "step   12/200 | loss 3.1234 | lr 1.20e-03 | grad 0.532 | 412 ms | 1,234 tok/s",
  );
  const shape = new RegExp(
    String.raw`^step +\d+/\d+ \| loss \d+\.\d{4} \| lr \d\.\d{2}e[+-]\d{2} \| ` +
      String.raw`grad \d+\.\d{3} \| \d+ ms \| [\d,]+ tok/s$`,
  );
  for (const r of [
    record,
    { ...record, step: 20000, total: 20000, lr: 3e-10, tokensPerSecond: 2.5e6 },
  ]) {
    assert.match(formatStepLine(r), shape);
  }
  assert.equal(
    formatStepLine({ ...record, step: 3, total: 100000 }).slice(0, 18),
    "step      3/100000",
  );
});

test("numbers: learning rates with two-digit exponents, digits grouped by thousands", () => {
  assert.equal(formatLr(0.0012), "1.20e-03");
  assert.equal(formatLr(3), "3.00e+00");
  assert.equal(formatLr(1e-12), "1.00e-12");
  assert.equal(groupDigits(1234567.4), "1,234,567");
  assert.equal(groupDigits(999), "999");
});

test("eval line: train and val loss and max/mean expert load per block", () => {
  const line = formatEvalLine({
    step: 50,
    total: 200,
    train: 2.34561,
    val: 2.45671,
    balance: [
      { block: "L0", maxOverMean: 1 },
      { block: "L1", maxOverMean: 1.3249 },
      { block: "M0", maxOverMean: 2.5 },
    ],
  });
  assert.equal(
    line,
    "eval   50/200 | train 2.3456 | val 2.4567 | experts max/mean L0 1.00 L1 1.32 M0 2.50",
  );
});

test("records go to the JSON lines file; NaN becomes null", () => {
  const path = join(tmp.dir, "log.jsonl");
  const { sink, out } = memorySink();
  const log = new TrainLog({ sink, jsonPath: path });
  log.config("training", [
    ["preset", "nano"],
    ["batch", "4"],
  ]);
  log.step(record);
  log.eval({ step: 12, total: 200, train: 1, val: 2, balance: [] });
  log.close();
  const lines = readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.type),
    ["config", "step", "eval"],
  );
  assert.equal(lines[0].preset, "nano");
  assert.equal(lines[1].loss, 3.12344);
  assert.equal(lines[1].indexer, null);
  assert.equal(lines[2].val, 2);
  assert.match(out.join(""), /^training\n {2}preset {2}nano\n {2}batch {3}4\n/);
});

test("the live progress line appears only on a terminal and is erased before lines", () => {
  const plain = memorySink(false);
  const a = new TrainLog({ sink: plain.sink });
  a.progress("step 3/10 …");
  a.step(record);
  assert.equal(plain.out.join(""), `${formatStepLine(record)}\n`);
  const tty = memorySink(true);
  const b = new TrainLog({ sink: tty.sink });
  b.progress("step 3/10 …");
  b.step(record);
  assert.equal(tty.out.join(""), `\r\x1b[Kstep 3/10 …\r\x1b[K${formatStepLine(record)}\n`);
});
