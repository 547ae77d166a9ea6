export type { LearnedMerges, WordCounts } from "./bpe-train.ts";
export { learnMerges } from "./bpe-train.ts";
export { ByteLevelBpeTokenizer } from "./byte-bpe-tokenizer.ts";
export type { ByteLevelBpeOptions } from "./byte-bpe-train.ts";
export { trainByteLevelBpe } from "./byte-bpe-train.ts";
export { BYTE_TO_CHAR, bytesToUnicode, CHAR_TO_BYTE, unicodeToBytes } from "./byte-unicode.ts";
export { CharTokenizer, trainCharTokenizer } from "./char-tokenizer.ts";
export type { HfTokenizerOptions } from "./hf-tokenizer.ts";
export { HfTokenizer, hfTokenizerFromJSON } from "./hf-tokenizer.ts";
export { loadTokenizer } from "./load.ts";
export { MAX_TOKEN_ID, MergeTable } from "./merge-table.ts";
export { preTokenize } from "./pretokenize.ts";
export { saveTokenizer } from "./save.ts";
export {
  BOS_ID,
  BOS_TOKEN,
  EOS_ID,
  EOS_TOKEN,
  PAD_ID,
  PAD_TOKEN,
  SPECIAL_TOKENS,
  splitOnSpecials,
} from "./special-tokens.ts";
export type { StreamDecoder } from "./stream-decoder.ts";
export { createStreamDecoder } from "./stream-decoder.ts";
export type { HfAddedToken, HfTokenizerJson, TextTokenizer, TokenPiece } from "./types.ts";
