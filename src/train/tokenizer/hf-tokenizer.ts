import { Tokenizer } from "@huggingface/tokenizers";
import { unicodeToBytes } from "./byte-unicode.ts";
import { checkId, isRecord } from "./json-checks.ts";
import { BOS_TOKEN, EOS_TOKEN, PAD_TOKEN } from "./special-tokens.ts";
import type { HfAddedToken, HfTokenizerJson, TextTokenizer, TokenPiece } from "./types.ts";

const NAME = "HfTokenizer";

// The part of the library's Tokenizer used here. The package's own .d.ts files use
// extension-less relative imports, which NodeNext resolution cannot follow, so its exports
// arrive untyped; this interface restores checking at the boundary.
interface LibTokenizer {
  model: { vocab: unknown[] } | null;
  encode(text: string, options: { add_special_tokens: boolean }): { ids: number[] };
  decode(
    ids: number[],
    options: { skip_special_tokens: boolean; clean_up_tokenization_spaces: boolean },
  ): string;
  token_to_id(token: string): number | undefined;
  id_to_token(id: number): string | undefined;
  get_added_tokens_decoder(): Map<number, unknown>;
}

/** Where a `tokenizer.json` came from and its companion `tokenizer_config.json`, if any. */
export interface HfTokenizerOptions {
  /** Parsed `tokenizer_config.json`: special-token names and decode clean-up. */
  config?: Record<string, unknown>;
  /** Name used in error messages, usually the file path. */
  source?: string;
}

// Config entries are either the token text or an AddedToken-like object holding it.
function tokenName(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isRecord(value) && typeof value.content === "string") return value.content;
  return undefined;
}

/**
 * Any Hugging Face `tokenizer.json`, run by the `@huggingface/tokenizers` library behind the
 * `TextTokenizer` interface. `encode` adds no special tokens (the post-processor's BOS/EOS
 * template is skipped) and `decode` keeps special tokens. Decode clean-up of spaces before
 * punctuation is off unless `tokenizer_config.json` sets `clean_up_tokenization_spaces: true`,
 * so that decoding inverts encoding.
 */
export class HfTokenizer implements TextTokenizer {
  readonly kind = "hf";
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  /** Present when tokens map to raw bytes (ByteLevel decoder, no clean-up). */
  readonly piece: ((id: number) => TokenPiece) | undefined;
  private readonly hf: LibTokenizer;
  private readonly json: HfTokenizerJson;
  private readonly cleanUp: boolean;
  private readonly source: string;

  constructor(json: HfTokenizerJson, options: HfTokenizerOptions = {}) {
    const config = options.config ?? {};
    this.source = options.source ?? "tokenizer.json";
    this.json = json;
    const lib: LibTokenizer = new Tokenizer(json, config);
    this.hf = lib;
    this.vocabSize = this.hf.model?.vocab.length ?? 0;
    // The config's name wins; Tessera's own names are the fallback.
    const idOf = (names: unknown[]): number | undefined => {
      for (const name of names.map(tokenName)) {
        const id = name === undefined ? undefined : this.hf.token_to_id(name);
        if (id !== undefined) return id;
      }
      return undefined;
    };
    this.bosId = idOf([config.bos_token, BOS_TOKEN]);
    this.eosId = idOf([config.eos_token, EOS_TOKEN]);
    this.padId = idOf([config.pad_token, PAD_TOKEN]);
    this.cleanUp = config.clean_up_tokenization_spaces === true;
    const decoder = json.decoder;
    const byteLevel = isRecord(decoder) && decoder.type === "ByteLevel" && !this.cleanUp;
    this.piece = byteLevel ? (id) => this.bytePiece(id) : undefined;
  }

  /** Ids of `text`, without the BOS/EOS a post-processor template would add. */
  encode(text: string): Uint32Array {
    const { ids } = this.hf.encode(text, { add_special_tokens: false });
    const out = new Uint32Array(ids.length);
    ids.forEach((id, i) => {
      if (!Number.isInteger(id)) {
        throw new Error(`${NAME}.encode: ${this.source} produced a token with no id`);
      }
      out[i] = id;
    });
    return out;
  }

  /** Text of `ids` (special tokens included); throws on ids the vocabulary does not hold. */
  decode(ids: ArrayLike<number>): string {
    if (ids.length === 0) return "";
    const list = Array.from(ids);
    list.forEach((id, i) => {
      checkId(id, this.vocabSize, `${NAME}.decode (${this.source})`, i);
      if (this.hf.id_to_token(id) === undefined) {
        throw new Error(`${NAME}.decode: ${this.source} has no token with id ${id}`);
      }
    });
    return this.hf.decode(list, {
      skip_special_tokens: false,
      clean_up_tokenization_spaces: this.cleanUp,
    });
  }

  /** The `tokenizer.json` document this tokenizer was built from. */
  toJSON(): HfTokenizerJson {
    return this.json;
  }

  private bytePiece(id: number): TokenPiece {
    checkId(id, this.vocabSize, `${NAME}.piece (${this.source})`, 0);
    const token = this.hf.id_to_token(id);
    if (token === undefined) throw new Error(`${NAME}.piece: ${this.source} has no id ${id}`);
    // The ByteLevel decoder passes added tokens through as text and byte-decodes the rest.
    if (this.hf.get_added_tokens_decoder().has(id)) return { kind: "text", text: token };
    const bytes = unicodeToBytes(token);
    return bytes === undefined ? { kind: "text", text: token } : { kind: "bytes", bytes };
  }
}

function checkAddedToken(t: unknown, index: number, source: string): HfAddedToken {
  if (!isRecord(t) || !Number.isInteger(t.id) || typeof t.content !== "string") {
    throw new Error(
      `${NAME}: ${source} added_tokens[${index}] must be an object with integer "id" and ` +
        'string "content"',
    );
  }
  const flag = (key: string, fallback: boolean): boolean =>
    typeof t[key] === "boolean" ? t[key] : fallback;
  const special = flag("special", false);
  return {
    ...t,
    id: Number(t.id),
    content: t.content,
    single_word: flag("single_word", false),
    lstrip: flag("lstrip", false),
    rstrip: flag("rstrip", false),
    normalized: flag("normalized", !special),
    special,
  };
}

/**
 * Wraps a parsed `tokenizer.json` document. Missing pipeline stages are treated as absent and
 * missing `added_tokens` as none; anything the library rejects is rethrown naming `source`.
 */
export function hfTokenizerFromJSON(json: unknown, options: HfTokenizerOptions = {}): HfTokenizer {
  const source = options.source ?? "tokenizer.json";
  if (!isRecord(json) || !isRecord(json.model)) {
    throw new Error(`${NAME}: ${source} is not a tokenizer.json: expected an object with "model"`);
  }
  const addedTokens = json.added_tokens ?? [];
  if (!Array.isArray(addedTokens)) {
    throw new Error(`${NAME}: ${source} has a non-array "added_tokens"`);
  }
  const doc: HfTokenizerJson = {
    ...json,
    model: json.model,
    added_tokens: addedTokens.map((t: unknown, i) => checkAddedToken(t, i, source)),
    normalizer: json.normalizer ?? null,
    pre_tokenizer: json.pre_tokenizer ?? null,
    post_processor: json.post_processor ?? null,
    decoder: json.decoder ?? null,
  };
  try {
    return new HfTokenizer(doc, { ...options, source });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${NAME}: @huggingface/tokenizers rejected ${source}: ${message}`, {
      cause: err,
    });
  }
}
