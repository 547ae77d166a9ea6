/**
 * How one token id maps back to text. Byte pieces may hold part of a UTF-8 sequence (byte-level
 * BPE splits multi-byte characters); text pieces are always whole characters or special tokens.
 */
export type TokenPiece =
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "text"; readonly text: string };

/** One entry of `added_tokens` in a Hugging Face `tokenizer.json`. */
export interface HfAddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/**
 * A Hugging Face `tokenizer.json` document. Only the fields every such file carries are typed;
 * the pipeline stages (`normalizer`, `pre_tokenizer`, ...) are kept opaque because files from
 * other projects use component types this code never interprets itself.
 */
export interface HfTokenizerJson {
  version?: string;
  added_tokens: HfAddedToken[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  post_processor: unknown;
  decoder: unknown;
  model: { type?: string; vocab?: unknown; merges?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The surface every Tessera tokenizer offers, whether trained here or loaded from a file.
 *
 * `encode` never adds BOS/EOS: callers frame sequences themselves. Literal special-token strings
 * inside the text (e.g. `<|eos|>`) are matched first and map to their ids, as the Hugging Face
 * library does. `decode` renders special tokens as their text.
 */
export interface TextTokenizer {
  /** Short name of the implementation, e.g. "char", "byte-bpe", "hf". */
  readonly kind: string;
  /** Number of ids; every id produced by `encode` is in [0, vocabSize). */
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  encode(text: string): Uint32Array;
  decode(ids: ArrayLike<number>): string;
  /** Raw bytes or text of one token; lets streaming decoders join split characters exactly. */
  piece?(id: number): TokenPiece;
  /** The tokenizer as a Hugging Face `tokenizer.json` document. */
  toJSON(): HfTokenizerJson;
}
