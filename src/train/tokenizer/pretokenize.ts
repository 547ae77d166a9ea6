// GPT-2's pre-tokenization pattern: English contractions, an optional leading space glued to a
// run of letters, of digits, or of other non-space symbols, then whitespace. `\s+(?!\S)` leaves
// the last space of a run for the following word, so " hello" stays one piece. Merges never
// cross these pieces, which keeps words from fusing with their neighbours. The pattern is the
// one the Hugging Face ByteLevel pre-tokenizer applies with `use_regex: true`; using the same
// JavaScript regex keeps native and library ids identical.
const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** Splits `text` into GPT-2 pre-tokens; their concatenation is `text` again. */
export function preTokenize(text: string): string[] {
  return text.match(GPT2_PATTERN) ?? [];
}

/** Calls `onPiece` for each GPT-2 pre-token of `text` without building an array. */
export function forEachPreToken(text: string, onPiece: (piece: string) => void): void {
  for (const m of text.matchAll(GPT2_PATTERN)) onPiece(m[0]);
}
