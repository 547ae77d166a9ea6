import { unicodeToBytes } from "./byte-unicode.ts";
import {
  checkId,
  checkSpecials,
  checkSpecialVocab,
  isRecord,
  vocabToArray,
} from "./json-checks.ts";
import { MergeTable } from "./merge-table.ts";
import { forEachPreToken } from "./pretokenize.ts";
import {
  BOS_ID,
  EOS_ID,
  PAD_ID,
  SPECIAL_TOKENS,
  specialAddedTokens,
  splitOnSpecials,
} from "./special-tokens.ts";
import type { HfTokenizerJson, TextTokenizer, TokenPiece } from "./types.ts";

const UTF8 = new TextEncoder();
// Non-fatal: invalid or truncated sequences become U+FFFD. ignoreBOM keeps a leading U+FEFF,
// as the Hugging Face ByteLevel decoder does, so such text still round-trips.
const UTF8_DECODER = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
// Distinct pre-tokens are few (words repeat), so a bounded cache of their ids removes almost
// all BPE work; it is dropped wholesale when full, which is cheap and keeps memory bounded.
const CACHE_LIMIT = 1 << 16;
const NAME = "ByteLevelBpeTokenizer";

/**
 * Byte-level BPE (GPT-2 scheme): text -> special-token split -> GPT-2 pre-tokens -> UTF-8
 * bytes -> ranked merges. Ids 0..2 are BOS/EOS/PAD, then tokens in `vocab` order.
 */
export class ByteLevelBpeTokenizer implements TextTokenizer {
  readonly kind = "byte-bpe";
  readonly bosId = BOS_ID;
  readonly eosId = EOS_ID;
  readonly padId = PAD_ID;
  readonly vocabSize: number;
  private readonly vocab: readonly string[];
  private readonly pieces: TokenPiece[];
  private readonly byteIds = new Int32Array(256).fill(-1);
  private readonly merges = new MergeTable();
  private readonly cache = new Map<string, readonly number[]>();

  /**
   * @param vocab token string per id: the special tokens at 0..2, then GPT-2 byte-stand-in
   *   strings, which must include all 256 single bytes.
   * @param merges ordered merge rules as (left, right) token strings; both parts and their
   *   concatenation must be in `vocab`.
   */
  constructor(vocab: readonly string[], merges: ReadonlyArray<readonly [string, string]>) {
    this.vocab = vocab;
    this.vocabSize = vocab.length;
    checkSpecialVocab(vocab, NAME);
    const idOf = new Map<string, number>();
    this.pieces = vocab.map((token, id) => {
      if (idOf.has(token)) throw new Error(`${NAME}: token ${JSON.stringify(token)} appears twice`);
      idOf.set(token, id);
      if (id < SPECIAL_TOKENS.length) return { kind: "text", text: token };
      const bytes = unicodeToBytes(token);
      if (bytes === undefined || bytes.length === 0) {
        throw new Error(
          `${NAME}: vocab id ${id} ${JSON.stringify(token)} is not a byte-level token`,
        );
      }
      if (bytes.length === 1) this.byteIds[bytes[0]!] = id;
      return { kind: "bytes", bytes };
    });
    const missing = this.byteIds.indexOf(-1);
    if (missing >= 0) {
      throw new Error(`${NAME}: vocab lacks the single-byte token for byte ${missing}`);
    }
    merges.forEach(([left, right], rank) => {
      const l = idOf.get(left);
      const r = idOf.get(right);
      const m = idOf.get(left + right);
      if (l === undefined || r === undefined || m === undefined || m < SPECIAL_TOKENS.length) {
        throw new Error(
          `${NAME}: merge ${rank} (${JSON.stringify(left)}, ${JSON.stringify(right)}) needs ` +
            "both parts and their concatenation as ordinary vocab tokens",
        );
      }
      this.merges.add(l, r, m);
    });
  }

  /** Rebuilds a tokenizer from a `tokenizer.json` written by `toJSON`; rejects other layouts. */
  static fromJSON(json: unknown): ByteLevelBpeTokenizer {
    const where = `${NAME}.fromJSON`;
    if (!isRecord(json) || !isRecord(json.model)) {
      throw new Error(`${where}: expected a tokenizer.json object with a "model" object`);
    }
    const pre = json.pre_tokenizer;
    if (json.model.type !== "BPE" || !isRecord(pre) || pre.type !== "ByteLevel") {
      throw new Error(`${where}: expected model.type "BPE" with a ByteLevel pre_tokenizer`);
    }
    if (pre.add_prefix_space === true || pre.use_regex === false || json.normalizer != null) {
      throw new Error(
        `${where}: only add_prefix_space false, use_regex true and no normalizer are supported`,
      );
    }
    const vocab = vocabToArray(json.model.vocab, where);
    checkSpecials(json.added_tokens, vocab, where);
    const rawMerges = json.model.merges;
    if (!Array.isArray(rawMerges)) throw new Error(`${where}: model.merges must be an array`);
    const merges = rawMerges.map((m: unknown, i): [string, string] => {
      const parts = typeof m === "string" ? m.split(" ") : m;
      if (!Array.isArray(parts) || parts.length !== 2) {
        throw new Error(`${where}: model.merges[${i}] must be "left right" or [left, right]`);
      }
      const [left, right] = parts;
      if (typeof left !== "string" || typeof right !== "string") {
        throw new Error(`${where}: model.merges[${i}] parts must be strings`);
      }
      return [left, right];
    });
    return new ByteLevelBpeTokenizer(vocab, merges);
  }

  /** Token ids of `text`; literal special-token strings map to their ids. */
  encode(text: string): Uint32Array {
    const out: number[] = [];
    for (const segment of splitOnSpecials(text, SPECIAL_TOKENS)) {
      if (typeof segment === "number") {
        out.push(segment);
        continue;
      }
      forEachPreToken(segment, (piece) => {
        for (const id of this.encodePiece(piece)) out.push(id);
      });
    }
    return Uint32Array.from(out);
  }

  private encodePiece(piece: string): readonly number[] {
    const hit = this.cache.get(piece);
    if (hit !== undefined) return hit;
    const bytes = UTF8.encode(piece);
    const symbols = new Array<number>(bytes.length);
    for (let i = 0; i < bytes.length; i++) symbols[i] = this.byteIds[bytes[i]!]!;
    const ids = this.merges.apply(symbols);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }

  /**
   * Text of `ids`. Byte runs between special tokens are decoded as UTF-8 separately, and
   * invalid or truncated sequences become U+FFFD, as in the Hugging Face ByteLevel decoder.
   */
  decode(ids: ArrayLike<number>): string {
    let text = "";
    let run: Uint8Array[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      checkId(id, this.vocabSize, `${NAME}.decode`, i);
      const piece = this.pieces[id]!;
      if (piece.kind === "bytes") {
        run.push(piece.bytes);
      } else {
        text += decodeRun(run) + piece.text;
        run = [];
      }
    }
    return text + decodeRun(run);
  }

  /** Bytes of an ordinary token, or the text of a special one. */
  piece(id: number): TokenPiece {
    checkId(id, this.vocabSize, `${NAME}.piece`, 0);
    return this.pieces[id]!;
  }

  /** Number of merge rules (can exceed the number of merged tokens; see `learnMerges`). */
  get mergeCount(): number {
    return this.merges.size;
  }

  /** The merge rules as token strings, in rank order. */
  mergeList(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (let r = 0; r < this.merges.size; r++) {
      const [l, rt] = this.merges.at(r);
      out.push([this.vocab[l]!, this.vocab[rt]!]);
    }
    return out;
  }

  /** A `tokenizer.json` the Hugging Face libraries load to the same ids. */
  toJSON(): HfTokenizerJson {
    const vocab: Record<string, number> = Object.create(null);
    this.vocab.forEach((token, id) => {
      vocab[token] = id;
    });
    // Byte stand-ins never contain a real space, so "left right" strings are unambiguous.
    const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true };
    return {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: specialAddedTokens(SPECIAL_TOKENS),
      normalizer: null,
      pre_tokenizer: { type: "ByteLevel", ...byteLevel },
      post_processor: null,
      decoder: { type: "ByteLevel", ...byteLevel },
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
        merges: this.mergeList().map(([l, r]) => `${l} ${r}`),
      },
    };
  }
}

function decodeRun(run: readonly Uint8Array[]): string {
  if (run.length === 0) return "";
  let total = 0;
  for (const b of run) total += b.length;
  const all = new Uint8Array(total);
  let at = 0;
  for (const b of run) {
    all.set(b, at);
    at += b.length;
  }
  return UTF8_DECODER.decode(all);
}
