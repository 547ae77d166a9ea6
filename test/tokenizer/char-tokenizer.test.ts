import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BOS_ID,
  CharTokenizer,
  EOS_ID,
  hfTokenizerFromJSON,
  PAD_ID,
  trainCharTokenizer,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS, ROUND_TRIP_TEXTS } from "./texts.ts";

describe("CharTokenizer", () => {
  const tok = trainCharTokenizer(CORPUS);

  it("puts the special tokens at 0..2, then code points in ascending order", () => {
    const small = trainCharTokenizer("ba\n😀a");
    assert.equal(small.vocabSize, 7);
    assert.deepEqual([small.bosId, small.eosId, small.padId], [0, 1, 2]);
    // "\n" (U+000A) < "a" < "b" < "😀" (U+1F600): one id per code point, not per UTF-16 unit.
    assert.deepEqual(Array.from(small.encode("\nab😀")), [3, 4, 5, 6]);
    assert.equal(small.decode([0, 6, 1, 2]), "<|bos|>😀<|eos|><|pad|>");
  });

  it("round-trips every test text exactly", () => {
    for (const [name, text] of Object.entries(ROUND_TRIP_TEXTS)) {
      assert.equal(tok.decode(tok.encode(text)), text, name);
    }
  });

  it("splits emoji sequences into code points and maps special strings to their ids", () => {
    // Woman, ZWJ, woman, ZWJ, girl: five code points, five tokens.
    assert.equal(tok.encode("👩‍👩‍👧").length, 5);
    assert.equal(tok.encode("🇫🇷").length, 2);
    const ids = Array.from(tok.encode("<|bos|>a<|eos|><|pad|>"));
    assert.deepEqual([ids[0], ids[2], ids[3]], [BOS_ID, EOS_ID, PAD_ID]);
    assert.equal(ids.length, 4);
  });

  it("rejects an unknown character, naming it and its code point", () => {
    assert.throws(
      () => tok.encode("fox 🦩"),
      /character "🦩" \(U\+1F9A9\) is not in the vocabulary/,
    );
    assert.throws(() => tok.encode("Ω"), /"Ω" \(U\+03A9\)/);
  });

  it("rejects an empty corpus and out-of-range ids", () => {
    assert.throws(() => trainCharTokenizer(""), /trainCharTokenizer: corpus is empty/);
    assert.throws(() => trainCharTokenizer(["", ""]), /corpus is empty/);
    assert.throws(() => tok.decode([3, tok.vocabSize]), /id \d+ at position 1 is outside/);
  });

  it("gives the same ids and text through @huggingface/tokenizers", () => {
    const hf = hfTokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    assert.equal(hf.vocabSize, tok.vocabSize);
    assert.deepEqual([hf.bosId, hf.eosId, hf.padId], [BOS_ID, EOS_ID, PAD_ID]);
    for (const [name, text] of Object.entries(ROUND_TRIP_TEXTS)) {
      const ids = tok.encode(text);
      assert.deepEqual(hf.encode(text), ids, name);
      assert.equal(hf.decode(ids), text, name);
    }
  });

  it("restores itself from its tokenizer.json and rejects other layouts", () => {
    const json = JSON.parse(JSON.stringify(tok.toJSON()));
    const again = CharTokenizer.fromJSON(json);
    const text = ROUND_TRIP_TEXTS.emojiZwjAndFlags ?? "";
    assert.deepEqual(again.encode(text), tok.encode(text));
    assert.throws(
      () => CharTokenizer.fromJSON({ ...json, model: { ...json.model, merges: [["a", "b"]] } }),
      /expected model.type "BPE" with no merges/,
    );
    assert.throws(
      () => CharTokenizer.fromJSON({ ...json, added_tokens: [] }),
      /added_tokens are \[\], expected \[0:<\|bos\|>/,
    );
  });
});
