// Corpus reading, the validation split, batch windows and the --tokenizer spec.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  BatchSampler,
  buildTokenizer,
  evalBatches,
  newTrainer,
  parseTokenizerSpec,
  readCorpus,
  splitCorpus,
} from "../../src/train/index.ts";
import { microConfig, tempDir } from "./micro.ts";

const tmp = tempDir();
after(tmp.cleanup);

function file(name: string, data: string | Uint8Array): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, data);
  return path;
}

test("readCorpus reads UTF-8 text", () => {
  assert.equal(readCorpus(file("ok.txt", "héllo wörld 日本 🎉")), "héllo wörld 日本 🎉");
});

test("readCorpus names the file for missing, empty, binary and non-UTF-8 input", () => {
  const missing = join(tmp.dir, "missing.txt");
  assert.throws(() => readCorpus(missing), /data file .*missing\.txt does not exist/);
  assert.throws(
    () => readCorpus(file("empty.txt", "")),
    /empty\.txt is empty; expected UTF-8 text/,
  );
  const binary = file("bin.dat", Uint8Array.of(0x41, 0x00, 0x42));
  assert.throws(() => readCorpus(binary), /bin\.dat looks binary \(NUL byte at offset 1\)/);
  const latin1 = file("latin1.txt", Uint8Array.of(0x63, 0x61, 0x66, 0xe9));
  assert.throws(() => readCorpus(latin1), /latin1\.txt is not valid UTF-8 text/);
  const dir = join(tmp.dir, "adir");
  mkdirSync(dir);
  assert.throws(() => readCorpus(dir), /adir is a directory/);
});

test("new runs report a missing data file and an empty corpus", async () => {
  const base = {
    tokenizer: "char",
    model: { config: microConfig(), label: "micro" },
    budget: { kind: "steps", steps: 1 },
  } as const;
  await assert.rejects(newTrainer({ ...base, data: join(tmp.dir, "nope.txt") }), /does not exist/);
  await assert.rejects(newTrainer({ ...base, data: file("e.txt", "") }), /e\.txt is empty/);
  await assert.rejects(
    newTrainer({ ...base, data: file("short.txt", "abcdefghij".repeat(3)) }),
    /training split has 27 tokens; a window of --seq 64 needs 66 \(use a smaller --seq/,
  );
  await assert.rejects(
    newTrainer({ ...base, data: file("shortval.txt", "abcdefghij".repeat(60)) }),
    /validation split has 60 tokens; a window of --seq 64 needs 66/,
  );
});

test("splitCorpus holds out the last 10% and never splits a surrogate pair", () => {
  const { train, val } = splitCorpus("0123456789".repeat(10));
  assert.equal(train.length, 90);
  assert.equal(val, "0123456789");
  const emoji = "😀".repeat(10); // 20 UTF-16 units; the 90% cut (18) is a pair boundary
  assert.equal(splitCorpus(emoji).val, "😀");
  const odd = `a${"😀".repeat(10)}`; // 21 units: the cut at 18 falls inside a pair
  const s = splitCorpus(odd);
  assert.equal(s.train + s.val, odd);
  assert.ok(!/[\uDC00-\uDFFF]/.test(s.val[0]!), "validation must not start with a low surrogate");
});

test("batches: targets are the inputs shifted by one, MTP targets by two", () => {
  const tokens = Int32Array.from({ length: 100 }, (_, i) => i);
  const sampler = new BatchSampler(tokens, 3, 5, 1);
  const b = sampler.next();
  assert.equal(b.batch, 3);
  assert.equal(b.seq, 5);
  for (let r = 0; r < 3; r++) {
    const start = b.inputs[r * 5]!;
    assert.ok(start >= 0 && start + 7 <= 100);
    for (let t = 0; t < 5; t++) {
      assert.equal(b.inputs[r * 5 + t], start + t);
      assert.equal(b.targets[r * 5 + t], start + t + 1);
      assert.equal(b.mtpTargets![r * 5 + t], start + t + 2);
    }
  }
});

test("the sampler's state restores the data position exactly", () => {
  const tokens = Int32Array.from({ length: 1000 }, (_, i) => i);
  const a = new BatchSampler(tokens, 2, 8, 9);
  a.next();
  const state = a.getState();
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state, "state survives JSON");
  const next = a.next();
  const b = new BatchSampler(tokens, 2, 8, 123);
  b.setState(state);
  assert.deepEqual(b.next(), next);
});

test("evaluation batches are fixed, evenly spread windows", () => {
  const tokens = Int32Array.from({ length: 42 }, (_, i) => i);
  const batches = evalBatches(tokens, 2, 4, 2, "test split");
  // 37 windows, 4 starts at floor(i·37/4): 0, 9, 18, 27
  assert.deepEqual(
    batches.map((b) => [b.inputs[0], b.inputs[4]]),
    [
      [0, 9],
      [18, 27],
    ],
  );
  assert.deepEqual(evalBatches(tokens, 2, 4, 2, "test split"), batches);
});

test("--tokenizer specs: char, bpe:N and paths; bad values are named", async () => {
  assert.deepEqual(parseTokenizerSpec("char"), { kind: "char" });
  assert.deepEqual(parseTokenizerSpec("bpe:300"), { kind: "bpe", vocabSize: 300 });
  assert.deepEqual(parseTokenizerSpec("x/tokenizer.json"), {
    kind: "file",
    path: "x/tokenizer.json",
  });
  assert.throws(() => parseTokenizerSpec("bpe:12"), /bpe:N needs an integer N >= 259/);
  assert.throws(() => parseTokenizerSpec("bpe:abc"), /got "bpe:abc"/);
  await assert.rejects(
    buildTokenizer({ kind: "file", path: join(tmp.dir, "none.json") }, { train: "a", full: "a" }),
    /none\.json does not exist/,
  );
  const bpe = await buildTokenizer(parseTokenizerSpec("bpe:262"), {
    train: "the theme then there ".repeat(20),
    full: "unused",
  });
  assert.equal(bpe.vocabSize, 262);
  assert.equal(bpe.decode(bpe.encode("the théme")), "the théme");
});
