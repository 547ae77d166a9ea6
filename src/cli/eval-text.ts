/**
 * How many UTF-8 bytes tokens stand for: the denominator of bits per byte, which makes losses
 * of different tokenizers comparable (a tokenizer with longer tokens pays more nats per token
 * but over more bytes).
 */
import type { TextTokenizer } from "../train/tokenizer/index.ts";

const utf8 = new TextEncoder();

/** UTF-8 length of `text` in bytes. */
export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/**
 * UTF-8 bytes of the tokens ids[from, to). Tokenizers that expose raw pieces are counted piece
 * by piece (exact even when a character is split across tokens); others as the growth of the
 * decoded prefix, which is exact whenever ids[0, from) decodes to whole characters.
 */
export function tokenBytes(tok: TextTokenizer, ids: ArrayLike<number>, from: number, to: number) {
  if (tok.piece !== undefined) {
    let bytes = 0;
    for (let i = from; i < to; i++) {
      const p = tok.piece(ids[i]!);
      bytes += p.kind === "bytes" ? p.bytes.length : utf8Length(p.text);
    }
    return bytes;
  }
  const prefix = (n: number): number => (n === 0 ? 0 : utf8Length(tok.decode(slice(ids, n))));
  return prefix(to) - prefix(from);
}

function slice(ids: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: n }, (_, i) => ids[i]!);
}
