import { learnMerges } from "./bpe-train.ts";
import { ByteLevelBpeTokenizer } from "./byte-bpe-tokenizer.ts";
import { BYTE_TO_CHAR } from "./byte-unicode.ts";
import { MAX_TOKEN_ID } from "./merge-table.ts";
import { forEachPreToken } from "./pretokenize.ts";
import { SPECIAL_TOKENS, splitOnSpecials } from "./special-tokens.ts";

/** Options for `trainByteLevelBpe`. */
export interface ByteLevelBpeOptions {
  /** Target vocabulary size including the 3 special and 256 byte tokens (>= 259). */
  vocabSize: number;
}

/**
 * Trains a byte-level BPE tokenizer on `corpus` (one string or several documents). The result
 * has exactly `vocabSize` ids unless the corpus runs out of pairs to merge first (then fewer).
 * Special-token strings in the corpus are cut out before counting, as `encode` does. Throws on
 * an empty corpus or a `vocabSize` below 259.
 */
export function trainByteLevelBpe(
  corpus: string | Iterable<string>,
  options: ByteLevelBpeOptions,
): ByteLevelBpeTokenizer {
  const { vocabSize } = options;
  const base = SPECIAL_TOKENS.length + 256;
  if (!Number.isInteger(vocabSize) || vocabSize < base || vocabSize >= MAX_TOKEN_ID) {
    throw new Error(
      `trainByteLevelBpe: vocabSize ${vocabSize} must be an integer in ` +
        `[${base}, ${MAX_TOKEN_ID}) (${SPECIAL_TOKENS.length} special + 256 byte tokens + merges)`,
    );
  }
  const pieceCounts = new Map<string, number>();
  const countPiece = (piece: string): void => {
    pieceCounts.set(piece, (pieceCounts.get(piece) ?? 0) + 1);
  };
  for (const doc of typeof corpus === "string" ? [corpus] : corpus) {
    for (const segment of splitOnSpecials(doc, SPECIAL_TOKENS)) {
      if (typeof segment === "string") forEachPreToken(segment, countPiece);
    }
  }
  if (pieceCounts.size === 0) {
    throw new Error(
      "trainByteLevelBpe: corpus is empty (no text outside special tokens); " +
        "need at least one character",
    );
  }
  const utf8 = new TextEncoder();
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [piece, count] of pieceCounts) {
    words.push(Array.from(utf8.encode(piece), (b) => SPECIAL_TOKENS.length + b));
    counts.push(count);
  }
  const initial = [...SPECIAL_TOKENS, ...BYTE_TO_CHAR];
  const { tokens, merges } = learnMerges({ words, counts }, initial, vocabSize);
  const pairs: Array<[string, string]> = [];
  for (let r = 0; r < merges.size; r++) {
    const [l, rt] = merges.at(r);
    pairs.push([tokens[l]!, tokens[rt]!]);
  }
  return new ByteLevelBpeTokenizer(tokens, pairs);
}
