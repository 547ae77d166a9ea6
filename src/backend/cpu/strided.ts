/**
 * Walking strided views. Dims are collapsed where the layouts allow it, then the walk runs a
 * tight loop over the last dim and an odometer over the rest, so a contiguous tensor of any rank
 * costs one flat loop.
 */

export interface Walk {
  /** Collapsed shape; the last entry is the inner loop length. */
  shape: number[];
  /** Collapsed strides per operand (one array per operand, same length as shape). */
  strides: number[][];
}

/** Merges adjacent dims that are contiguous with each other in every operand. */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Walk {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = outShape.length - 1;
    const mergeable = last >= 0 && strides.every((s, k) => outStrides[k]![last] === s[d]! * size);
    if (mergeable) {
      outShape[last] = outShape[last]! * size;
      strides.forEach((s, k) => {
        outStrides[k]![last] = s[d]!;
      });
    } else {
      outShape.push(size);
      strides.forEach((s, k) => {
        outStrides[k]!.push(s[d]!);
      });
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(0);
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `row(base, len)` for every innermost row, where base[k] is operand k's offset of the
 * row's first element; the caller steps by walk.strides[k][last] inside the row.
 */
export function forEachRow(
  walk: Walk,
  offsets: readonly number[],
  row: (base: number[], len: number) => void,
): void {
  const rank = walk.shape.length;
  const len = walk.shape[rank - 1]!;
  const count = walk.shape.slice(0, rank - 1).reduce((p, d) => p * d, 1);
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  const base = offsets.slice();
  for (let r = 0; r < count; r++) {
    row(base, len);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      for (let k = 0; k < base.length; k++) base[k]! += walk.strides[k]![d]!;
      if (idx[d]! < walk.shape[d]!) break;
      for (let k = 0; k < base.length; k++) base[k]! -= walk.strides[k]![d]! * walk.shape[d]!;
      idx[d] = 0;
    }
  }
}
