import {
  checkId,
  checkSpecials,
  checkSpecialVocab,
  isRecord,
  vocabToArray,
} from "./json-checks.ts";
import {
  BOS_ID,
  EOS_ID,
  PAD_ID,
  SPECIAL_TOKENS,
  specialAddedTokens,
  splitOnSpecials,
} from "./special-tokens.ts";
import type { HfTokenizerJson, TextTokenizer, TokenPiece } from "./types.ts";

const NAME = "CharTokenizer";

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`;
}

/**
 * One token per Unicode code point (so an emoji or a CJK ideograph is one token, and a ZWJ
 * sequence or flag is several). Ids 0..2 are BOS/EOS/PAD, then the characters in code-point
 * order. A character outside the vocabulary is an error at encode time: there is no unknown
 * token, so encoding never silently loses text.
 */
export class CharTokenizer implements TextTokenizer {
  readonly kind = "char";
  readonly bosId = BOS_ID;
  readonly eosId = EOS_ID;
  readonly padId = PAD_ID;
  readonly vocabSize: number;
  private readonly vocab: readonly string[];
  private readonly idOf = new Map<string, number>();

  /** @param vocab token per id: the special tokens at 0..2, then single code points. */
  constructor(vocab: readonly string[]) {
    checkSpecialVocab(vocab, NAME);
    vocab.forEach((token, id) => {
      if (id >= SPECIAL_TOKENS.length && [...token].length !== 1) {
        throw new Error(`${NAME}: vocab id ${id} ${JSON.stringify(token)} is not one code point`);
      }
      if (this.idOf.has(token)) {
        throw new Error(`${NAME}: token ${JSON.stringify(token)} appears twice`);
      }
      if (id >= SPECIAL_TOKENS.length) this.idOf.set(token, id);
    });
    this.vocab = vocab;
    this.vocabSize = vocab.length;
  }

  /** Rebuilds a tokenizer from a `tokenizer.json` written by `toJSON`; rejects other layouts. */
  static fromJSON(json: unknown): CharTokenizer {
    const where = `${NAME}.fromJSON`;
    if (!isRecord(json) || !isRecord(json.model)) {
      throw new Error(`${where}: expected a tokenizer.json object with a "model" object`);
    }
    const { model } = json;
    const merges = model.merges;
    if (model.type !== "BPE" || !Array.isArray(merges) || merges.length !== 0) {
      throw new Error(`${where}: expected model.type "BPE" with no merges`);
    }
    if (json.pre_tokenizer != null || json.normalizer != null) {
      throw new Error(`${where}: expected no pre_tokenizer and no normalizer`);
    }
    const vocab = vocabToArray(model.vocab, where);
    checkSpecials(json.added_tokens, vocab, where);
    return new CharTokenizer(vocab);
  }

  /**
   * One id per code point; literal special-token strings map to their ids. Throws on a
   * character that is not in the vocabulary, naming it and its code point.
   */
  encode(text: string): Uint32Array {
    const out: number[] = [];
    for (const segment of splitOnSpecials(text, SPECIAL_TOKENS)) {
      if (typeof segment === "number") {
        out.push(segment);
        continue;
      }
      for (const ch of segment) {
        const id = this.idOf.get(ch);
        if (id === undefined) {
          throw new Error(
            `${NAME}.encode: character ${describeChar(ch)} is not in the vocabulary ` +
              "(it did not occur in the training corpus)",
          );
        }
        out.push(id);
      }
    }
    return Uint32Array.from(out);
  }

  /** Concatenation of the tokens of `ids`; throws on an id outside [0, vocabSize). */
  decode(ids: ArrayLike<number>): string {
    let text = "";
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      checkId(id, this.vocabSize, `${NAME}.decode`, i);
      text += this.vocab[id]!;
    }
    return text;
  }

  /** Text of one token: always whole characters. */
  piece(id: number): TokenPiece {
    checkId(id, this.vocabSize, `${NAME}.piece`, 0);
    return { kind: "text", text: this.vocab[id]! };
  }

  /**
   * A `tokenizer.json` for the Hugging Face libraries: a BPE model without merges and without
   * a pre-tokenizer splits text into code points and looks each up, which is exactly this
   * tokenizer; the Fuse decoder joins tokens with no separator. (Those libraries drop unknown
   * characters instead of failing, since the model has no unk_token.)
   */
  toJSON(): HfTokenizerJson {
    const vocab: Record<string, number> = Object.create(null);
    this.vocab.forEach((token, id) => {
      vocab[token] = id;
    });
    return {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: specialAddedTokens(SPECIAL_TOKENS),
      normalizer: null,
      pre_tokenizer: null,
      post_processor: null,
      decoder: { type: "Fuse" },
      model: {
        type: "BPE",
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: false,
        vocab,
        merges: [],
      },
    };
  }
}

/**
 * Builds a character tokenizer whose vocabulary is the special tokens followed by every code
 * point of `corpus`, sorted by code point. Throws if the corpus has no characters.
 */
export function trainCharTokenizer(corpus: string | Iterable<string>): CharTokenizer {
  const seen = new Set<number>();
  for (const doc of typeof corpus === "string" ? [corpus] : corpus) {
    for (const ch of doc) seen.add(ch.codePointAt(0)!);
  }
  if (seen.size === 0) {
    throw new Error("trainCharTokenizer: corpus is empty; need at least one character");
  }
  const chars = [...seen].sort((a, b) => a - b).map((cp) => String.fromCodePoint(cp));
  return new CharTokenizer([...SPECIAL_TOKENS, ...chars]);
}
