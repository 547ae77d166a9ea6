import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { BUNDLED_CORPUS, type EvalReport, runEval } from "../../src/cli/eval.ts";
import { tokenBytes, utf8Length } from "../../src/cli/eval-text.ts";
import { evaluateTokens, evalWindows } from "../../src/model/evaluate.ts";
import { forward } from "../../src/model/model.ts";
import { noGrad, tidy } from "../../src/tensor/index.ts";
import { splitCorpus } from "../../src/train/data.ts";
import {
  loadTokenizer,
  trainByteLevelBpe,
  trainCharTokenizer,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS, captureIo, tempDir, tinyModel, writeCheckpoint } from "./fixture.ts";

const char = trainCharTokenizer(CORPUS);
const model = tinyModel(char.vocabSize, 2);

/** Σ −log softmax(logits)[target] over one window, in float64 from one forward pass. */
function windowNats(ids: Int32Array, start: number, len: number): number {
  const V = model.cfg.vocabSize;
  const inputs = ids.slice(start, start + len);
  const logits = tidy(() => noGrad(() => forward(model, inputs, 1, len).logits.toArray()));
  let nats = 0;
  for (let t = 0; t < len; t++) {
    const row = Array.from(logits.subarray(t * V, (t + 1) * V));
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, l) => s + Math.exp(l - m), 0));
    nats += lse - row[ids[start + t + 1]!]!;
  }
  return nats;
}

function close(actual: number, expected: number, rel = 1e-5): void {
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${actual} differs from ${expected}`,
  );
}

describe("evaluateTokens", () => {
  it("windows cover every token after the first once, the last one shorter", () => {
    assert.deepEqual(evalWindows(10, 4), [
      [0, 4],
      [4, 4],
      [8, 1],
    ]);
    assert.deepEqual(evalWindows(9, 4), [
      [0, 4],
      [4, 4],
    ]);
    assert.deepEqual(evalWindows(10, 4, 1), [[0, 4]]);
    assert.deepEqual(evalWindows(1, 4), []);
  });

  it("equals the summed cross-entropy of each window's own forward pass", () => {
    const ids = Int32Array.from(char.encode(CORPUS.slice(0, 2 * 24 + 1 + 7)));
    let expected = 0;
    for (const [start, len] of evalWindows(ids.length, 24)) expected += windowNats(ids, start, len);
    for (const batch of [1, 2, 3]) {
      const r = evaluateTokens(model, ids, { seq: 24, batch });
      assert.equal(r.tokens, ids.length - 1);
      assert.equal(r.windows, 3);
      close(r.nats, expected);
      close(r.loss, expected / (ids.length - 1));
    }
    const first = evaluateTokens(model, ids, { seq: 24, batch: 2, maxWindows: 1 });
    assert.equal(first.tokens, 24);
    close(first.nats, windowNats(ids, 0, 24));
  });

  it("rejects bad options, too few tokens and ids outside the vocabulary", () => {
    const ids = Int32Array.of(3, 4, 5);
    assert.throws(() => evaluateTokens(model, ids, { seq: 0, batch: 1 }), /seq must be/);
    assert.throws(() => evaluateTokens(model, ids, { seq: 2, batch: 1.5 }), /batch must be/);
    assert.throws(
      () => evaluateTokens(model, Int32Array.of(3), { seq: 2, batch: 1 }),
      /at least 2/,
    );
    const V = model.cfg.vocabSize;
    assert.throws(
      () => evaluateTokens(model, Int32Array.of(3, V), { seq: 2, batch: 1 }),
      /token id \d+ at position 1 is outside the vocabulary/,
    );
  });
});

describe("tokenBytes", () => {
  it("counts the UTF-8 bytes of tokens, also for characters split across tokens", async () => {
    const text = "Café 世界 🎉👋🏽 ok";
    const bpe = trainByteLevelBpe(CORPUS, { vocabSize: 280 });
    const ids = bpe.encode(text);
    assert.equal(tokenBytes(bpe, ids, 0, ids.length), utf8Length(text));
    const first = bpe.piece(ids[0]!);
    assert.equal(first.kind, "bytes");
    assert.equal(tokenBytes(bpe, ids, 1, ids.length), utf8Length(text) - 1);
    // A tokenizer without raw pieces (char, through the library) is counted by decoding.
    const dir = tempDir();
    await writeCheckpoint(dir, model, char);
    const lib = await loadTokenizer(join(dir, "tokenizer.json"));
    assert.equal(lib.piece, undefined);
    const cids = lib.encode(text);
    assert.equal(tokenBytes(lib, cids, 1, cids.length), utf8Length(text) - 1);
    assert.equal(tokenBytes(lib, cids, 5, 7), utf8Length("世界"));
  });
});

describe("tessera eval", async () => {
  const dir = await writeCheckpoint(tempDir(), model, char);
  const data = join(tempDir(), "data.txt");
  const text = CORPUS.repeat(3);
  writeFileSync(data, text);

  async function evalJson(args: string[]): Promise<EvalReport> {
    const { stdout, io } = captureIo();
    assert.equal(await runEval(["--model", dir, "--data", data, "--json", ...args], io), 0);
    assert.equal(stdout.length, 1);
    return JSON.parse(stdout[0]!) as EvalReport;
  }

  it("reports loss, perplexity and bits per byte of the whole text", async () => {
    const r = await evalJson(["--split", "all", "--seq", "64", "--all"]);
    const ids = Int32Array.from(char.encode(text));
    let nats = 0;
    for (const [start, len] of evalWindows(ids.length, 64)) nats += windowNats(ids, start, len);
    assert.equal(r.tokens, ids.length - 1);
    assert.equal(r.windows, Math.ceil((ids.length - 1) / 64));
    assert.equal(r.seq, 64);
    assert.equal(r.split, "all");
    // Every character but the first is predicted.
    const bytes = utf8Length(text) - utf8Length([...text][0]!);
    assert.equal(r.bytes, bytes);
    close(r.loss, nats / r.tokens);
    close(r.perplexity, Math.exp(nats / r.tokens));
    close(r.bitsPerByte, nats / Math.LN2 / bytes);
  });

  it("evaluates the first --batches × --batch windows of the last 10% by default", async () => {
    const val = splitCorpus(text).val;
    const r = await evalJson(["--seq", "8", "--batch", "2", "--batches", "1"]);
    assert.equal(r.split, "val");
    assert.equal(r.windows, 2);
    assert.equal(r.tokens, 16);
    const chars = [...val];
    assert.equal(r.bytes, utf8Length(chars.slice(1, 17).join("")));
    const ids = Int32Array.from(char.encode(val));
    const nats = windowNats(ids, 0, 8) + windowNats(ids, 8, 8);
    close(r.loss, nats / 16);
    close(r.bitsPerByte, nats / Math.LN2 / r.bytes);
  });

  it("defaults to the last 10% of the bundled corpus", async () => {
    const shakespeare = readFileSync(BUNDLED_CORPUS, "utf8");
    const tok = trainCharTokenizer(shakespeare);
    const own = await writeCheckpoint(tempDir(), tinyModel(tok.vocabSize, 3), tok);
    const { stdout, stderr, io } = captureIo();
    await runEval(["--model", own, "--seq", "8", "--batch", "1", "--batches", "1", "--json"], io);
    const r = JSON.parse(stdout.join("")) as EvalReport;
    assert.equal(r.data, BUNDLED_CORPUS);
    assert.equal(r.tokens, 8);
    const val = [...splitCorpus(shakespeare).val];
    assert.equal(r.bytes, utf8Length(val.slice(1, 9).join("")));
    assert.deepEqual(stderr, []);
  });

  it("prints a readable table without --json", async () => {
    const { stdout, io } = captureIo();
    await runEval(["--model", dir, "--data", data, "--seq", "16", "--batches", "1"], io);
    const out = stdout.join("");
    assert.match(out, /loss +\d+\.\d{4} nats\/token/);
    assert.match(out, /perplexity +\d+\.\d{3}/);
    assert.match(out, /bits\/byte +\d+\.\d{4}/);
    assert.match(out, /last 10%/);
  });
});
