import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createStreamDecoder,
  hfTokenizerFromJSON,
  type TextTokenizer,
  trainByteLevelBpe,
  trainCharTokenizer,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS, ROUND_TRIP_TEXTS, UNSEEN_TEXTS } from "./texts.ts";

/** Feeds `ids` one by one; returns the chunks pushed and what flush returned. */
function stream(tok: TextTokenizer, ids: ArrayLike<number>): { chunks: string[]; tail: string } {
  const dec = createStreamDecoder(tok);
  const chunks = Array.from(ids, (id) => dec.push(id));
  return { chunks, tail: dec.flush() };
}

/** The same tokenizer without `piece`, to exercise the decode-window path. */
function withoutPieces(tok: TextTokenizer): TextTokenizer {
  return {
    kind: tok.kind,
    vocabSize: tok.vocabSize,
    bosId: tok.bosId,
    eosId: tok.eosId,
    padId: tok.padId,
    encode: (text) => tok.encode(text),
    decode: (ids) => tok.decode(ids),
    toJSON: () => tok.toJSON(),
  };
}

describe("createStreamDecoder", () => {
  const bytesOnly = trainByteLevelBpe(CORPUS, { vocabSize: 259 });
  const bpe = trainByteLevelBpe(CORPUS, { vocabSize: 400 });
  const char = trainCharTokenizer(CORPUS);
  const texts = { ...ROUND_TRIP_TEXTS, ...UNSEEN_TEXTS };
  const cases: Array<[string, TextTokenizer, boolean]> = [
    ["bytes-only BPE", bytesOnly, true],
    ["BPE", bpe, true],
    ["BPE without pieces", withoutPieces(bpe), true],
    ["BPE through the library", hfTokenizerFromJSON(bpe.toJSON()), true],
    ["char", char, false],
    ["char through the library", hfTokenizerFromJSON(char.toJSON()), false],
  ];

  for (const [name, tok, handlesUnseen] of cases) {
    it(`${name}: emits no U+FFFD on valid text and yields exactly the text`, () => {
      for (const [label, text] of Object.entries(handlesUnseen ? texts : ROUND_TRIP_TEXTS)) {
        const { chunks, tail } = stream(tok, tok.encode(text));
        for (const c of chunks)
          assert.ok(!c.includes("\uFFFD"), `${label}: chunk ${JSON.stringify(c)}`);
        assert.equal(chunks.join("") + tail, text, label);
        assert.equal(tail, "", label);
      }
    });
  }

  it("holds back a split character until its last byte arrives", () => {
    const ids = bytesOnly.encode("a🎉b");
    assert.equal(ids.length, 6);
    for (const tok of [bytesOnly, withoutPieces(bytesOnly)]) {
      const { chunks } = stream(tok, ids);
      assert.deepEqual(chunks, ["a", "", "", "", "🎉", "b"]);
    }
  });

  it("flushes a truncated tail as U+FFFD and starts afresh", () => {
    const ids = Array.from(bytesOnly.encode("x🎉")).slice(0, 3);
    for (const tok of [bytesOnly, withoutPieces(bytesOnly)]) {
      const dec = createStreamDecoder(tok);
      const pushed = ids.map((id) => dec.push(id)).join("");
      assert.equal(pushed, "x");
      assert.equal(dec.flush(), "\uFFFD");
      assert.equal(dec.push(ids[0] ?? 0), "x");
    }
  });

  it("renders special tokens and ends a pending byte run at them", () => {
    const half = Array.from(bytesOnly.encode("é")).slice(0, 1);
    const ids = [...bytesOnly.encode("<|bos|>hi"), ...half, ...bytesOnly.encode("<|eos|>")];
    const { chunks, tail } = stream(bytesOnly, ids);
    assert.equal(chunks.join("") + tail, bytesOnly.decode(ids));
    assert.equal(chunks.join(""), "<|bos|>hi\uFFFD<|eos|>");
  });
});
