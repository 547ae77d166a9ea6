// Two E2M1 codes per byte, element 2i in the low nibble and 2i+1 in the high nibble (the layout
// of DeepSeek-V4 expert weights, gpt-oss and torch float4_e2m1fn_x2).

/** Packs 4-bit codes [n] (n even, values 0..15) into bytes [n/2], element 2i in the low nibble. */
export function packFp4(codes: Uint8Array): Uint8Array {
  if (codes.length % 2 !== 0) {
    throw new RangeError(`packFp4: code count ${codes.length} must be even (two codes per byte)`);
  }
  const out = new Uint8Array(codes.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = ((codes[2 * i] ?? 0) & 0xf) | (((codes[2 * i + 1] ?? 0) & 0xf) << 4);
  }
  return out;
}

/** Unpacks bytes [n] into 4-bit codes [2n]: low nibble first. */
export function unpackFp4(packed: Uint8Array): Uint8Array {
  const out = new Uint8Array(packed.length * 2);
  for (let i = 0; i < packed.length; i++) {
    const b = packed[i] ?? 0;
    out[2 * i] = b & 0xf;
    out[2 * i + 1] = b >>> 4;
  }
  return out;
}
