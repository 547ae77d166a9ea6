import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { CommandIo } from "../../src/cli/command-io.ts";
import { runEval } from "../../src/cli/eval.ts";
import { runGenerate } from "../../src/cli/generate.ts";
import { runQuantize } from "../../src/cli/quantize.ts";
import { openCheckpoint } from "../../src/io/index.ts";
import { initParams } from "../../src/model/init.ts";
import { getPreset, withVocabSize } from "../../src/model/presets.ts";
import { saveTokenizer, trainCharTokenizer } from "../../src/train/tokenizer/index.ts";
import { tempDir, writeDense } from "../model/quantized-fixture.ts";

const TEXT =
  "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n" +
  "First Citizen:\nYou are all resolved rather to die than to famish?\n";

function capture(): { out: string[]; err: string[]; io: CommandIo } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false },
  };
}

async function denseModelDir(): Promise<string> {
  const tok = trainCharTokenizer(TEXT);
  const cfg = withVocabSize(getPreset("nano"), tok.vocabSize);
  const dir = writeDense(tempDir("cli-dense"), cfg, initParams(cfg, 7));
  await saveTokenizer(tok, join(dir, "tokenizer.json"));
  writeFileSync(join(dir, "generation_config.json"), JSON.stringify({ temperature: 0.5 }));
  return dir;
}

const src = await denseModelDir();

test("tessera quantize writes a checkpoint that generate and eval run from directly", async () => {
  const out = join(tempDir("cli-q"), "quantized");
  const q = capture();
  assert.equal(await runQuantize(["--model", src, "--out", out], q.io), 0);
  assert.match(q.out.join(""), /wrote .*: \d+ tensors \(.*F8_E8M0.*, 120 I8\) in 1 file/);
  for (const f of [
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "generation_config.json",
  ]) {
    assert.ok(existsSync(join(out, f)), f);
  }
  assert.equal(
    readFileSync(join(out, "tokenizer.json"), "utf8"),
    readFileSync(join(src, "tokenizer.json"), "utf8"),
  );

  const g = capture();
  const args = ["--model", out, "--prompt", "First", "--max-new-tokens", "6", "--seed", "3"];
  assert.equal(await runGenerate(args, g.io), 0);
  assert.ok(g.out.join("").startsWith("First"));
  assert.match(g.err.join(""), /\d+ tokens in/);

  const data = join(tempDir("cli-text"), "text.txt");
  writeFileSync(data, TEXT.repeat(4));
  const e = capture();
  const evalArgs = [
    "--model",
    out,
    "--data",
    data,
    "--seq",
    "16",
    "--batch",
    "2",
    "--batches",
    "1",
  ];
  assert.equal(await runEval([...evalArgs, "--json"], e.io), 0);
  const report = JSON.parse(e.out.join(""));
  assert.ok(Number.isFinite(report.loss) && report.loss > 0, JSON.stringify(report));
});

test("--experts fp8 --linears bf16: experts as E4M3 blocks, projections as BF16", async () => {
  const out = join(tempDir("cli-q2"), "q");
  const args = ["--model", src, "--out", out, "--experts", "fp8", "--linears", "bf16"];
  assert.equal(await runQuantize(args, capture().io), 0);
  const ckpt = openCheckpoint(out);
  try {
    assert.equal(ckpt.info("layers.1.ffn.experts.3.w2.weight").dtype, "F8_E4M3");
    assert.deepEqual(ckpt.info("layers.1.ffn.experts.3.w2.scale").shape, [1, 1]);
    assert.equal(ckpt.info("layers.1.attn.wq_b.weight").dtype, "BF16");
    assert.equal(ckpt.has("layers.1.attn.wq_b.scale"), false);
  } finally {
    ckpt.close();
  }
  assert.equal(JSON.parse(readFileSync(join(out, "config.json"), "utf8")).expert_dtype, "fp8");
});

test("tessera quantize rejects missing flags, unknown formats and an occupied output", async () => {
  await assert.rejects(runQuantize(["--model", src], capture().io), /--out DIR is required/);
  await assert.rejects(
    runQuantize(["--model", src, "--out", tempDir("x"), "--experts", "int4"], capture().io),
    /--experts must be one of mxfp4, fp8; got "int4"/,
  );
  await assert.rejects(
    runQuantize(["--model", src, "--out", src], capture().io),
    /is the source directory/,
  );
  const out = join(tempDir("cli-q3"), "q");
  await runQuantize(["--model", src, "--out", out], capture().io);
  await assert.rejects(
    runQuantize(["--model", src, "--out", out], capture().io),
    /already holds a checkpoint \(config\.json, model\.safetensors\)/,
  );
  const h = capture();
  assert.equal(await runQuantize(["--help"], h.io), 0);
  assert.match(h.out.join(""), /--experts FORMAT/);
});
