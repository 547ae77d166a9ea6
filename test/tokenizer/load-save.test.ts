import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  createStreamDecoder,
  loadTokenizer,
  saveTokenizer,
  trainByteLevelBpe,
  trainCharTokenizer,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS, ROUND_TRIP_TEXTS } from "./texts.ts";

// A tokenizer.json in the style of DeepSeek's: full-width special tokens, a Sequence of a
// digit Split and a regex-free ByteLevel, a BPE model stored with "left right" merges.
const BOS = "<｜begin▁of▁sentence｜>";
const EOS = "<｜end▁of▁sentence｜>";
const FOREIGN = {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: [
    {
      id: 0,
      content: BOS,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: true,
      special: true,
    },
    {
      id: 1,
      content: EOS,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: true,
      special: true,
    },
  ],
  normalizer: null,
  pre_tokenizer: {
    type: "Sequence",
    pretokenizers: [
      { type: "Split", pattern: { Regex: "\\p{N}{1,3}" }, behavior: "Isolated", invert: false },
      { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false },
    ],
  },
  post_processor: {
    type: "TemplateProcessing",
    single: [{ SpecialToken: { id: BOS, type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
    pair: [{ Sequence: { id: "A", type_id: 0 } }],
    special_tokens: { [BOS]: { id: BOS, ids: [0], tokens: [BOS] } },
  },
  decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: {
    type: "BPE",
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: false,
    byte_fallback: false,
    vocab: {
      [BOS]: 0,
      [EOS]: 1,
      a: 2,
      b: 3,
      "1": 4,
      "2": 5,
      "3": 6,
      "4": 7,
      Ġ: 8,
      ab: 9,
      "12": 10,
    },
    merges: ["a b", "1 2"],
  },
};

describe("saveTokenizer / loadTokenizer", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "tessera-tok-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("saves through a temporary file and loads to the same ids (BPE and char)", async () => {
    for (const tok of [trainByteLevelBpe(CORPUS, { vocabSize: 320 }), trainCharTokenizer(CORPUS)]) {
      const path = join(dir, `${tok.kind}.json`);
      await saveTokenizer(tok, path);
      const loaded = await loadTokenizer(path);
      assert.equal(loaded.vocabSize, tok.vocabSize);
      assert.deepEqual([loaded.bosId, loaded.eosId, loaded.padId], [0, 1, 2]);
      for (const [name, text] of Object.entries(ROUND_TRIP_TEXTS)) {
        assert.deepEqual(loaded.encode(text), tok.encode(text), `${tok.kind} ${name}`);
        assert.equal(loaded.decode(tok.encode(text)), text, `${tok.kind} ${name}`);
      }
    }
    assert.deepEqual((await readdir(dir)).sort(), ["byte-bpe.json", "char.json"]);
  });

  it("loads a foreign tokenizer.json from its directory, with tokenizer_config.json", async () => {
    const sub = join(dir, "foreign");
    await mkdir(sub);
    await writeFile(join(sub, "tokenizer.json"), JSON.stringify(FOREIGN));
    const config = {
      bos_token: { content: BOS },
      eos_token: EOS,
      clean_up_tokenization_spaces: false,
    };
    await writeFile(join(sub, "tokenizer_config.json"), JSON.stringify(config));
    const tok = await loadTokenizer(sub);
    assert.deepEqual([tok.bosId, tok.eosId, tok.padId], [0, 1, undefined]);
    assert.equal(tok.vocabSize, 11);
    // "ab 1234" splits into "ab ", "123", "4"; no BOS is added by encode.
    assert.deepEqual(Array.from(tok.encode("ab 1234")), [9, 8, 10, 6, 7]);
    assert.deepEqual(Array.from(tok.encode(`${BOS}ab`)), [0, 9]);
    assert.equal(tok.decode([0, 9, 8, 10, 6, 7, 1]), `${BOS}ab 1234${EOS}`);
    const dec = createStreamDecoder(tok);
    assert.equal([9, 8, 10, 6].map((id) => dec.push(id)).join("") + dec.flush(), "ab 123");
    assert.throws(() => tok.decode([11]), /id 11 at position 0 is outside \[0, 11\)/);
  });

  it("names the path for a missing file, invalid JSON and a rejected format", async () => {
    const missing = join(dir, "nope.json");
    await assert.rejects(loadTokenizer(missing), {
      message: `loadTokenizer: file not found: ${missing}`,
    });
    const broken = join(dir, "broken", "tokenizer.json");
    await mkdir(join(dir, "broken"));
    await writeFile(broken, "{ not json");
    await assert.rejects(loadTokenizer(broken), (err: Error) => {
      assert.match(err.message, /^loadTokenizer: .*broken\/tokenizer\.json is not valid JSON/);
      return true;
    });
    const odd = join(dir, "odd.json");
    await writeFile(odd, JSON.stringify({ ...FOREIGN, pre_tokenizer: { type: "Nonsense" } }));
    await assert.rejects(loadTokenizer(odd), (err: Error) => {
      assert.ok(err.message.includes(`@huggingface/tokenizers rejected ${odd}`), err.message);
      assert.match(err.message, /Unknown PreTokenizer type: Nonsense/);
      return true;
    });
    const notTok = join(dir, "array.json");
    await writeFile(notTok, "[1, 2]");
    await assert.rejects(loadTokenizer(notTok), /array\.json is not a tokenizer\.json/);
  });

  it("reports the target path when saving fails and leaves no temporary file", async () => {
    const target = join(dir, "missing-dir", "tokenizer.json");
    await assert.rejects(saveTokenizer(trainCharTokenizer("abc"), target), (err: Error) => {
      assert.ok(err.message.startsWith(`saveTokenizer: cannot write ${target}`), err.message);
      return true;
    });
    const blocked = join(dir, "blocked");
    await mkdir(blocked);
    await assert.rejects(saveTokenizer(trainCharTokenizer("abc"), blocked), /cannot write/);
    assert.ok(!(await readdir(dir)).some((f) => f.includes(".tmp-")));
  });
});
