import type { TextTokenizer } from "./types.ts";

/** Incremental detokenizer for generation: text comes out as soon as it is complete. */
export interface StreamDecoder {
  /** Adds one token; returns the newly completed text (possibly ""). */
  push(id: number): string;
  /**
   * Ends the stream: returns any held-back text, with U+FFFD for a truncated UTF-8 tail, and
   * resets the decoder for a new stream.
   */
  flush(): string;
}

/**
 * A streaming decoder for `tok`. The concatenation of everything `push` and `flush` return
 * equals `tok.decode(allIds)`, and a character split across tokens (a multi-byte UTF-8
 * sequence cut by byte-level BPE) is only emitted once all its bytes have arrived.
 *
 * Tokenizers that expose `piece` are decoded byte-exactly through a streaming UTF-8 decoder.
 * Others are decoded through `tok.decode` over a short window of recent ids: the new text is
 * released once it no longer ends in U+FFFD (the mark of an incomplete character); a real
 * U+FFFD at the very end is then held until the next token or `flush`.
 */
export function createStreamDecoder(tok: TextTokenizer): StreamDecoder {
  const piece = tok.piece?.bind(tok);
  return piece === undefined ? windowDecoder(tok) : pieceDecoder(piece);
}

function pieceDecoder(piece: NonNullable<TextTokenizer["piece"]>): StreamDecoder {
  // In stream mode TextDecoder keeps an incomplete trailing sequence for the next call; a
  // non-stream call ends the sequence and turns what is left into U+FFFD.
  let utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  return {
    push(id: number): string {
      const p = piece(id);
      if (p.kind === "bytes") return utf8.decode(p.bytes, { stream: true });
      // Text pieces (special tokens) end the current byte run, as in a full decode.
      return utf8.decode() + p.text;
    },
    flush(): string {
      const rest = utf8.decode();
      utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
      return rest;
    },
  };
}

function windowDecoder(tok: TextTokenizer): StreamDecoder {
  // ids[0..readFrom) is context already emitted; it is kept so tokenizers whose decoding of a
  // token depends on its left neighbour (e.g. a dropped leading space) decode the same way.
  let ids: number[] = [];
  let readFrom = 0;
  let emittedText = "";
  return {
    push(id: number): string {
      ids.push(id);
      const full = tok.decode(ids);
      if (full.length <= emittedText.length || full.endsWith("\uFFFD")) return "";
      const fresh = full.slice(emittedText.length);
      ids = ids.slice(readFrom);
      readFrom = ids.length;
      emittedText = tok.decode(ids);
      return fresh;
    },
    flush(): string {
      const full = ids.length === 0 ? "" : tok.decode(ids);
      const rest = full.slice(emittedText.length);
      ids = [];
      readFrom = 0;
      emittedText = "";
      return rest;
    },
  };
}
