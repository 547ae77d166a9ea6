import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BOS_ID,
  ByteLevelBpeTokenizer,
  EOS_ID,
  hfTokenizerFromJSON,
  PAD_ID,
  preTokenize,
  trainByteLevelBpe,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS, ROUND_TRIP_TEXTS, UNSEEN_TEXTS } from "./texts.ts";

const ALL_TEXTS = { ...ROUND_TRIP_TEXTS, ...UNSEEN_TEXTS };
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** True when some token's bytes are not valid UTF-8 on their own (a split character). */
function hasSplitCharacter(tok: ByteLevelBpeTokenizer, ids: Uint32Array): boolean {
  return Array.from(ids).some((id) => {
    const p = tok.piece(id);
    if (p.kind !== "bytes") return false;
    try {
      utf8.decode(p.bytes);
      return false;
    } catch {
      return true;
    }
  });
}

describe("ByteLevelBpeTokenizer", () => {
  const tok = trainByteLevelBpe(CORPUS, { vocabSize: 400 });
  const bytesOnly = trainByteLevelBpe(CORPUS, { vocabSize: 259 });

  it("round-trips seen and unseen text, including split multi-byte characters", () => {
    for (const t of [tok, bytesOnly]) {
      for (const [name, text] of Object.entries(ALL_TEXTS)) {
        assert.equal(t.decode(t.encode(text)), text, name);
      }
    }
    // With no merges every byte is a token, so each emoji spans four tokens.
    const ids = bytesOnly.encode("🦩");
    assert.equal(ids.length, 4);
    assert.ok(hasSplitCharacter(bytesOnly, ids));
    assert.ok(hasSplitCharacter(tok, tok.encode(UNSEEN_TEXTS.rareEmoji ?? "")));
  });

  it("maps special-token strings to ids 0..2 and keeps merges inside pre-tokens", () => {
    const ids = Array.from(tok.encode("<|bos|>fox<|eos|><|pad|>"));
    assert.deepEqual([ids[0], ids.at(-2), ids.at(-1)], [BOS_ID, EOS_ID, PAD_ID]);
    assert.equal(tok.decode(ids), "<|bos|>fox<|eos|><|pad|>");
    assert.deepEqual(preTokenize("I'll pay $9.99  now"), [
      "I",
      "'ll",
      " pay",
      " $",
      "9",
      ".",
      "99",
      " ",
      " now",
    ]);
    let checked = 0;
    for (let id = 259; id < tok.vocabSize; id++) {
      const p = tok.piece(id);
      if (p.kind !== "bytes") continue;
      let text: string;
      try {
        text = utf8.decode(p.bytes);
      } catch {
        continue;
      }
      // A merged token never spans a pre-token boundary, so it re-splits into one piece.
      assert.deepEqual(preTokenize(text), [text], `token ${id} ${JSON.stringify(text)}`);
      checked++;
    }
    assert.ok(checked > 80, `only ${checked} merged tokens were whole characters`);
  });

  it("gives exactly the ids of @huggingface/tokenizers on its tokenizer.json", () => {
    const hf = hfTokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    assert.equal(hf.vocabSize, 400);
    assert.deepEqual([hf.bosId, hf.eosId, hf.padId], [BOS_ID, EOS_ID, PAD_ID]);
    for (const [name, text] of Object.entries(ALL_TEXTS)) {
      const ids = tok.encode(text);
      assert.deepEqual(hf.encode(text), ids, name);
      assert.equal(hf.decode(ids), text, name);
    }
    assert.deepEqual(hf.encode(CORPUS), tok.encode(CORPUS));
  });

  it("decodes invalid byte runs to U+FFFD like the library, and rejects bad ids", () => {
    const hf = hfTokenizerFromJSON(tok.toJSON());
    const first = tok.encode("é")[0] ?? 0;
    const halfChar = bytesOnly.encode("é").slice(0, 1);
    assert.equal(bytesOnly.decode(halfChar), "\uFFFD");
    assert.equal(bytesOnly.decode([...halfChar, EOS_ID, ...halfChar]), "\uFFFD<|eos|>\uFFFD");
    assert.equal(tok.decode([first]), hf.decode([first]));
    assert.throws(() => tok.decode([400]), /ByteLevelBpeTokenizer.decode: id 400 at position 0/);
    assert.throws(() => tok.decode([1.5]), /id 1.5 at position 0 is outside \[0, 400\)/);
  });

  it("restores itself from its tokenizer.json", () => {
    const json = JSON.parse(JSON.stringify(tok.toJSON()));
    const again = ByteLevelBpeTokenizer.fromJSON(json);
    assert.deepEqual(again.mergeList(), tok.mergeList());
    assert.deepEqual(again.encode(CORPUS), tok.encode(CORPUS));
    // Merges may also be stored as [left, right] pairs (newer tokenizer.json files).
    const pairs = json.model.merges.map((m: string) => m.split(" "));
    const fromPairs = ByteLevelBpeTokenizer.fromJSON({
      ...json,
      model: { ...json.model, merges: pairs },
    });
    assert.deepEqual(fromPairs.encode(CORPUS), tok.encode(CORPUS));
    const noPre = { ...json, pre_tokenizer: null };
    assert.throws(() => ByteLevelBpeTokenizer.fromJSON(noPre), /with a ByteLevel pre_tokenizer/);
  });
});
