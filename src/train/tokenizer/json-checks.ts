import { SPECIAL_TOKENS } from "./special-tokens.ts";

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Turns a `{ token: id }` vocabulary into an array indexed by id. Ids must be integers that
 * cover 0..n-1 exactly once; `where` prefixes error messages.
 */
export function vocabToArray(vocab: unknown, where: string): string[] {
  if (!isRecord(vocab)) throw new Error(`${where}: model.vocab must be an object of token -> id`);
  const entries = Object.entries(vocab);
  const out: Array<string | undefined> = new Array(entries.length).fill(undefined);
  for (const [token, id] of entries) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= entries.length) {
      throw new Error(
        `${where}: model.vocab id ${String(id)} of token ${JSON.stringify(token)} is not an ` +
          `integer in [0, ${entries.length})`,
      );
    }
    if (out[id] !== undefined) {
      throw new Error(`${where}: model.vocab id ${id} is used twice`);
    }
    out[id] = token;
  }
  return out.map((t) => t ?? "");
}

/** Checks that `added_tokens` are exactly Tessera's special tokens at ids 0, 1, 2. */
export function checkSpecials(addedTokens: unknown, vocab: readonly string[], where: string): void {
  const got = Array.isArray(addedTokens)
    ? addedTokens.map((t) => (isRecord(t) ? `${String(t.id)}:${String(t.content)}` : "?"))
    : [];
  const want = SPECIAL_TOKENS.map((t, id) => `${id}:${t}`);
  if (got.join(",") !== want.join(",")) {
    throw new Error(
      `${where}: added_tokens are [${got.join(", ")}], expected [${want.join(", ")}]; ` +
        "use loadTokenizer for tokenizers not trained by Tessera",
    );
  }
  checkSpecialVocab(vocab, where);
}

/** Checks that ids 0, 1, 2 of `vocab` are Tessera's special tokens. */
export function checkSpecialVocab(vocab: readonly string[], where: string): void {
  SPECIAL_TOKENS.forEach((t, id) => {
    if (vocab[id] !== t) {
      throw new Error(`${where}: vocab id ${id} is ${JSON.stringify(vocab[id])}, expected ${t}`);
    }
  });
}

/** Throws unless `id` is an integer token id in [0, vocabSize). */
export function checkId(id: number, vocabSize: number, where: string, position: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
    throw new Error(`${where}: id ${id} at position ${position} is outside [0, ${vocabSize})`);
  }
}
