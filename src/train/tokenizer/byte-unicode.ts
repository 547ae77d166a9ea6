// GPT-2's reversible byte <-> character table. Byte-level BPE vocabularies are stored as JSON
// strings, so every byte needs a printable, non-whitespace stand-in: bytes that are already
// visible Latin-1 characters ('!'..'~', '¡'..'¬', '®'..'ÿ') stand for themselves and the other
// 68 (controls, space, DEL, NBSP, soft hyphen) take code points 256, 257, ... in byte order.
// Space (0x20) therefore becomes 'Ġ' (U+0120) and newline (0x0A) 'Ċ' (U+010A).

function isSelfMapped(b: number): boolean {
  return (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
}

function buildTable(): string[] {
  const table: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    table.push(String.fromCharCode(isSelfMapped(b) ? b : 256 + shifted++));
  }
  return table;
}

/** `BYTE_TO_CHAR[b]` is the one-character stand-in for byte `b` (0..255). */
export const BYTE_TO_CHAR: readonly string[] = buildTable();

/** Inverse of `BYTE_TO_CHAR`. */
export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(
  BYTE_TO_CHAR.map((c, b) => [c, b]),
);

/** Maps raw bytes to their stand-in string (one character per byte). */
export function bytesToUnicode(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += BYTE_TO_CHAR[b]!;
  return s;
}

/**
 * Maps a stand-in string back to raw bytes; `undefined` when some character is not a byte
 * stand-in (the string did not come from `bytesToUnicode`).
 */
export function unicodeToBytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = CHAR_TO_BYTE.get(s[i]!);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
