import type { HfAddedToken } from "./types.ts";

/** Beginning-of-sequence marker, id 0 in every tokenizer trained here. */
export const BOS_TOKEN = "<|bos|>";
/** End-of-sequence marker, id 1. */
export const EOS_TOKEN = "<|eos|>";
/** Padding filler, id 2. */
export const PAD_TOKEN = "<|pad|>";
/** The special tokens in id order: their index is their id. */
export const SPECIAL_TOKENS: readonly string[] = [BOS_TOKEN, EOS_TOKEN, PAD_TOKEN];
/** Id of `BOS_TOKEN`. */
export const BOS_ID = 0;
/** Id of `EOS_TOKEN`. */
export const EOS_ID = 1;
/** Id of `PAD_TOKEN`. */
export const PAD_ID = 2;

/**
 * Splits `text` around literal occurrences of `specials`. Plain runs come back as non-empty
 * strings, special tokens as their index in `specials`. At each position the earliest match
 * wins and, among matches starting there, the longest: the rule the Hugging Face library
 * applies to added tokens, so native and library encoders agree.
 */
export function splitOnSpecials(text: string, specials: readonly string[]): Array<string | number> {
  const out: Array<string | number> = [];
  const next = specials.map((s) => {
    if (s.length === 0) throw new Error("splitOnSpecials: special tokens must be non-empty");
    return text.indexOf(s);
  });
  let pos = 0;
  for (;;) {
    let best = -1;
    for (let k = 0; k < specials.length; k++) {
      const at = next[k]!;
      if (at < 0) continue;
      const bestAt = best < 0 ? -1 : next[best]!;
      if (
        best < 0 ||
        at < bestAt ||
        (at === bestAt && specials[k]!.length > specials[best]!.length)
      ) {
        best = k;
      }
    }
    if (best < 0) break;
    const at = next[best]!;
    if (at > pos) out.push(text.slice(pos, at));
    out.push(best);
    pos = at + specials[best]!.length;
    // Matches that began inside the consumed token are void; look again from the new position.
    for (let k = 0; k < specials.length; k++) {
      if (next[k]! >= 0 && next[k]! < pos) next[k] = text.indexOf(specials[k]!, pos);
    }
  }
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}

/** `added_tokens` entries for `specials`, whose ids are their indices. */
export function specialAddedTokens(specials: readonly string[]): HfAddedToken[] {
  return specials.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}
