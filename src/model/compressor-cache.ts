/**
 * The compressors' decode-time state machine (spec §6.3). A token's projection and ape-biased
 * gate score go into the open window's row; when the window completes, its entry is pooled,
 * normalised, rotated and appended. CSA keeps the previous window in rows 0..3 because entry i
 * also pools window i − 1 (through the first half of the features).
 */
import { concat, type DType, noGrad, type Tensor } from "../tensor/index.ts";
import type { AttnContext, AttnParams } from "./attention.ts";
import { indexerCompressorSpec, mainCompressorSpec } from "./attention.ts";
import { type CompressorState, freshCompressorState, type LayerCache, replace } from "./cache.ts";
import {
  type CompressorParams,
  type CompressorSpec,
  compressorInputs,
  finishEntries,
  poolWindows,
} from "./compressor.ts";
import type { RopeTable } from "./rope-table.ts";

/**
 * Stores the token at position `pos` (a, z: [B, 1, w]) in its row; returns the pooled entry
 * [B, 1, c] when this token completes a window, else null.
 */
function pushToken(
  state: CompressorState,
  p: CompressorParams,
  spec: CompressorSpec,
  a: Tensor,
  z: Tensor,
  pos: number,
): Tensor | null {
  const { ratio, dim: c } = spec;
  const inWindow = pos % ratio;
  const row = spec.overlap ? ratio + inWindow : inWindow;
  state.a.slice(1, row, row + 1).assign(a);
  state.score.slice(1, row, row + 1).assign(z.add(p.ape.slice(0, inWindow, inWindow + 1)));
  if ((pos + 1) % ratio !== 0) return null;
  if (!spec.overlap) return poolWindows(state.a.unsqueeze(1), state.score.unsqueeze(1));

  const slots = (t: Tensor) =>
    concat(
      [t.slice(1, 0, ratio).slice(2, 0, c), t.slice(1, ratio, 2 * ratio).slice(2, c, 2 * c)],
      1,
    );
  const pooled = poolWindows(slots(state.a).unsqueeze(1), slots(state.score).unsqueeze(1));
  // The window just closed becomes the previous window of the next entry.
  for (const t of [state.a, state.score]) {
    t.slice(1, 0, ratio).assign(t.slice(1, ratio, 2 * ratio).contiguous());
  }
  return pooled;
}

function newState(B: number, spec: CompressorSpec, width: number, dtype: DType): CompressorState {
  return freshCompressorState(B, spec.overlap ? 2 * spec.ratio : spec.ratio, width, dtype);
}

/**
 * Leaves the compressor state as if the T tokens of a prefill had been decoded one by one: the
 * open window's rows (and for CSA the last complete window's) are replayed through pushToken.
 */
function replayTail(
  p: CompressorParams,
  spec: CompressorSpec,
  inputs: { a: Tensor; z: Tensor },
  T: number,
): CompressorState {
  const [B, , w] = inputs.a.shape as [number, number, number];
  const state = newState(B, spec, w, inputs.a.dtype);
  const complete = Math.floor(T / spec.ratio);
  const from = spec.overlap ? Math.max(0, (complete - 1) * spec.ratio) : complete * spec.ratio;
  for (let pos = from; pos < T; pos++) {
    pushToken(
      state,
      p,
      spec,
      inputs.a.slice(1, pos, pos + 1),
      inputs.z.slice(1, pos, pos + 1),
      pos,
    );
  }
  return state;
}

/** After a prefill of T tokens: the compressors' partial-window state. */
export function fillCompressorCache(
  cache: LayerCache,
  ctx: AttnContext,
  p: AttnParams,
  main: { a: Tensor; z: Tensor } | null,
  index: { a: Tensor; z: Tensor } | null,
  T: number,
): void {
  noGrad(() => {
    if (p.compressor && main) {
      cache.compressor = replayTail(p.compressor, mainCompressorSpec(ctx.cfg, ctx.plan), main, T);
    }
    if (p.indexer && index) {
      const spec = indexerCompressorSpec(ctx.cfg, ctx.plan);
      cache.indexCompressor = replayTail(p.indexer.compressor, spec, index, T);
    }
  });
}

/** Appends one entry [B, 1, c] to a cache tensor [B, N, c]. */
function append(old: Tensor | null, entry: Tensor): Tensor {
  return replace(old, old ? concat([old, entry], 1) : entry);
}

function step(
  state: CompressorState,
  p: CompressorParams,
  spec: CompressorSpec,
  h: Tensor,
  pos: number,
  rope: RopeTable,
): Tensor | null {
  const { a, z } = compressorInputs(p, h);
  const pooled = pushToken(state, p, spec, a, z, pos);
  if (!pooled) return null;
  return finishEntries(p, spec, pooled, Math.floor(pos / spec.ratio), rope);
}

/** Feeds the token at `pos` (h: [B, 1, D]) to the layer's compressors, emitting entries. */
export function decodeCompressors(
  cache: LayerCache,
  ctx: AttnContext,
  p: AttnParams,
  h: Tensor,
  pos: number,
): void {
  const B = h.shape[0]!;
  if (p.indexer) {
    const spec = indexerCompressorSpec(ctx.cfg, ctx.plan);
    cache.indexCompressor ??= newState(B, spec, 2 * spec.dim, h.dtype);
    const key = step(cache.indexCompressor, p.indexer.compressor, spec, h, pos, ctx.rope);
    if (key) cache.indexKeys = append(cache.indexKeys, key);
  }
  if (p.compressor) {
    const spec = mainCompressorSpec(ctx.cfg, ctx.plan);
    cache.compressor ??= newState(B, spec, spec.overlap ? 2 * spec.dim : spec.dim, h.dtype);
    const entry = step(cache.compressor, p.compressor, spec, h, pos, ctx.rope);
    if (entry) cache.entries = append(cache.entries, entry);
  }
}
