import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BYTE_TO_CHAR,
  learnMerges,
  MergeTable,
  preTokenize,
  SPECIAL_TOKENS,
  trainByteLevelBpe,
} from "../../src/train/tokenizer/index.ts";
import { CORPUS } from "./texts.ts";

const INITIAL = [...SPECIAL_TOKENS, ...BYTE_TO_CHAR];
const byteId = (ch: string): number => 3 + ch.charCodeAt(0);

/** Naive trainer: recounts every pair before each merge; same tie-break and id rules. */
function referenceMerges(corpus: string, vocabSize: number): Array<[number, number]> {
  const counts = new Map<string, number>();
  for (const piece of preTokenize(corpus)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  const words = [...counts.keys()].map((p) =>
    Array.from(new TextEncoder().encode(p), (b) => 3 + b),
  );
  const freq = [...counts.values()];
  const tokens = INITIAL.slice();
  const merges: Array<[number, number]> = [];
  while (tokens.length < vocabSize) {
    const pairs = new Map<string, number>();
    words.forEach((w, i) => {
      for (let j = 0; j + 1 < w.length; j++) {
        const k = `${w[j]},${w[j + 1]}`;
        pairs.set(k, (pairs.get(k) ?? 0) + (freq[i] ?? 0));
      }
    });
    let best: [number, number, number] | undefined;
    for (const [k, c] of pairs) {
      const [a = 0, b = 0] = k.split(",").map(Number);
      if (
        !best ||
        c > best[2] ||
        (c === best[2] && (a < best[0] || (a === best[0] && b < best[1])))
      ) {
        best = [a, b, c];
      }
    }
    if (!best) break;
    const [a, b] = best;
    const text = (tokens[a] ?? "") + (tokens[b] ?? "");
    let id = tokens.indexOf(text);
    if (id < 0) id = tokens.push(text) - 1;
    merges.push([a, b]);
    words.forEach((w, i) => {
      const out: number[] = [];
      for (let j = 0; j < w.length; j++) {
        if (w[j] === a && w[j + 1] === b) {
          out.push(id);
          j++;
        } else out.push(w[j] ?? 0);
      }
      words[i] = out;
    });
  }
  return merges;
}

describe("BPE training", () => {
  it("learns the textbook merges on aaabdaaabac", () => {
    const tok = trainByteLevelBpe("aaabdaaabac", { vocabSize: 262 });
    // (a,a) has count 4; then (a,b) and (aa,a) tie at 2 and the smaller id pair (a,b) wins.
    assert.deepEqual(tok.mergeList(), [
      ["a", "a"],
      ["a", "b"],
      ["aa", "ab"],
    ]);
    const [a, c, d] = [byteId("a"), byteId("c"), byteId("d")];
    assert.deepEqual(Array.from(tok.encode("aaabdaaabac")), [261, d, 261, a, c]);
  });

  it("matches a naive full-recount trainer merge for merge", () => {
    const got = trainByteLevelBpe(CORPUS, { vocabSize: 330 }).mergeList();
    const ref = referenceMerges(CORPUS, 330);
    // Name the reference's ids by string, growing its token list by the same rule.
    const refTokens = INITIAL.slice();
    const named = ref.map(([a, b]): [string, string] => {
      const pair: [string, string] = [refTokens[a] ?? "", refTokens[b] ?? ""];
      if (!refTokens.includes(pair.join(""))) refTokens.push(pair.join(""));
      return pair;
    });
    assert.ok(named.length >= 71);
    assert.deepEqual(got, named);
  });

  it("is deterministic and respects the target vocabulary size", () => {
    const a = trainByteLevelBpe(CORPUS, { vocabSize: 300 });
    const b = trainByteLevelBpe(CORPUS, { vocabSize: 300 });
    assert.equal(a.vocabSize, 300);
    assert.equal(JSON.stringify(a.toJSON()), JSON.stringify(b.toJSON()));
    for (const id of a.encode(CORPUS)) assert.ok(id < 300);
    // A tiny corpus runs out of pairs: the vocabulary stops short instead of padding.
    const tiny = trainByteLevelBpe("ab ab", { vocabSize: 1000 });
    assert.equal(tiny.vocabSize, 261); // 259 + "ab" + " ab"
    assert.deepEqual(Array.from(tiny.encode("ab ab")), [259, 260]);
  });

  it("reuses the id when a merge builds a string that is already a token", () => {
    // Initial symbols "a", "b" and "ab": merging (a, b) must yield id 2, not a new token.
    const input = { words: [[0, 1, 0, 1], [2]], counts: [2, 1] };
    const { tokens, merges } = learnMerges(input, ["a", "b", "ab"], 10);
    assert.deepEqual(tokens, ["a", "b", "ab", "abab"]);
    assert.deepEqual(merges.at(0), [0, 1, 2]);
    assert.deepEqual(merges.at(1), [2, 2, 3]);
    assert.deepEqual(input.words, [[3], [2]]);
  });

  it("rejects an empty corpus and a vocabulary below 259", () => {
    assert.throws(
      () => trainByteLevelBpe("", { vocabSize: 300 }),
      /trainByteLevelBpe: corpus is empty/,
    );
    assert.throws(() => trainByteLevelBpe("<|eos|><|bos|>", { vocabSize: 300 }), /corpus is empty/);
    assert.throws(
      () => trainByteLevelBpe("abc", { vocabSize: 258 }),
      /vocabSize 258 must be an integer in \[259,/,
    );
  });
});

describe("MergeTable.apply", () => {
  it("merges the lowest rank first and the leftmost pair on ties", () => {
    const t = new MergeTable();
    t.add(1, 1, 10); // rank 0
    t.add(10, 1, 11); // rank 1
    t.add(2, 3, 12); // rank 2
    assert.deepEqual(t.apply([1, 1, 1]), [11]);
    assert.deepEqual(t.apply([1, 1, 1, 1]), [10, 10]);
    assert.deepEqual(t.apply([2, 3, 1, 1, 1, 2]), [12, 11, 2]);
    assert.deepEqual(t.apply([5]), [5]);
    assert.throws(() => t.add(1, 1, 13), /pair \(1, 1\) is already merged/);
  });
});
