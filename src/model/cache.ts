/**
 * The layered decode cache (spec §6): per layer a ring buffer of the last `sliding_window` KV
 * vectors (position p in slot p mod window), the compressed entries emitted so far, the
 * compressors' partial-window state, and for CSA layers the indexer's keys and compressor state.
 * All tensors here live outside scopes and are disposed by `disposeCache`.
 */
import { type DType, full, keep, type Tensor } from "../tensor/index.ts";

/**
 * Rows of tokens not yet pooled: projections a and gate scores (ape already added), [B, rows, w].
 * HCA keeps `ratio` rows for the open window. CSA keeps 8: rows 0..3 the previous complete
 * window, rows 4..7 the open one. Fresh state is a = 0, score = −∞ (weight exactly 0).
 */
export interface CompressorState {
  a: Tensor;
  score: Tensor;
}

export interface LayerCache {
  /** [B, window, c] ring buffer of KV vectors. */
  window: Tensor;
  /** [B, N, c] compressed entries so far (N may be 0). */
  entries: Tensor | null;
  compressor: CompressorState | null;
  /** [B, N, cI] indexer keys (CSA layers). */
  indexKeys: Tensor | null;
  indexCompressor: CompressorState | null;
}

export interface ModelCache {
  batch: number;
  /** Tokens consumed so far: the position of the next token. */
  length: number;
  layers: LayerCache[];
  mtp: LayerCache[];
}

export function freshCompressorState(
  B: number,
  rows: number,
  width: number,
  dtype: DType,
): CompressorState {
  return {
    a: keep(full([B, rows, width], 0, { dtype })),
    score: keep(full([B, rows, width], Number.NEGATIVE_INFINITY, { dtype })),
  };
}

/** Replaces a cache tensor, disposing the old one and keeping the new one out of scopes. */
export function replace(old: Tensor | null, next: Tensor): Tensor {
  old?.dispose();
  return keep(next);
}

export function disposeCache(cache: ModelCache): void {
  for (const layer of [...cache.layers, ...cache.mtp]) {
    for (const t of [layer.window, layer.entries, layer.indexKeys]) t?.dispose();
    for (const s of [layer.compressor, layer.indexCompressor]) {
      s?.a.dispose();
      s?.score.dispose();
    }
  }
}
