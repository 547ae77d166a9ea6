import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { continuationDecoder } from "../../src/cli/generate.ts";
import {
  loadTokenizer,
  saveTokenizer,
  type TextTokenizer,
  trainByteLevelBpe,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS, tempDir } from "./fixture.ts";

// Characters of 2, 3 and 4 UTF-8 bytes, a skin-tone modifier sequence, and CJK the BPE has
// and has not merged; a small vocabulary leaves most of them split across several tokens.
const TEXTS = [
  "Café déjà vu 世界你好 🎉🎊",
  "👋🏽 naïve 今天天气很好。🙂🙂 end",
  "未见过的汉字 and 🦄🐉 unseen emoji",
];

/** Streams `ids` after `prompt` one token at a time; returns the chunks and the tail. */
function stream(tok: TextTokenizer, prompt: Uint32Array, ids: Uint32Array) {
  const dec = continuationDecoder(tok, prompt);
  const chunks = Array.from(ids, (id) => dec.push(id));
  return { chunks, tail: dec.flush() };
}

describe("generation streaming", async () => {
  const bpe = trainByteLevelBpe(CORPUS, { vocabSize: 300 });
  const dir = tempDir();
  await saveTokenizer(bpe, join(dir, "tokenizer.json"));
  // The CLI reads the tokenizer back through the Hugging Face library.
  const loaded = await loadTokenizer(join(dir, "tokenizer.json"));
  const cases: Array<[string, TextTokenizer]> = [
    ["byte BPE", bpe],
    ["byte BPE through the library", loaded],
  ];

  for (const [name, tok] of cases) {
    it(`${name}: never emits U+FFFD and yields exactly the text`, () => {
      let split = 0;
      for (const text of TEXTS) {
        const ids = tok.encode(text);
        const perToken = Array.from(ids, (id) => tok.decode([id]));
        split += perToken.filter((s) => s.includes("\uFFFD")).length;
        const { chunks, tail } = stream(tok, tok.encode("Prompt: "), ids);
        for (const c of chunks) assert.ok(!c.includes("\uFFFD"), `chunk ${JSON.stringify(c)}`);
        assert.equal(chunks.join("") + tail, text);
        assert.equal(tail, "");
      }
      // The texts must really split characters across tokens, or the test proves nothing.
      assert.ok(split > 10, `only ${split} tokens hold partial characters`);
    });
  }

  it("holds a split character back until its last byte and flushes a cut one as U+FFFD", () => {
    const ids = bpe.encode("🦄");
    assert.ok(ids.length > 1);
    const dec = continuationDecoder(bpe, bpe.encode("x"));
    const out = Array.from(ids, (id) => dec.push(id));
    assert.deepEqual(out, [...new Array<string>(ids.length - 1).fill(""), "🦄"]);
    const cut = continuationDecoder(bpe, []);
    cut.push(ids[0]!);
    assert.equal(cut.flush(), "\uFFFD");
  });
});
