import { BinaryHeap } from "./heap.ts";

/** Token ids must stay below this so a pair packs into one exact float64 key. */
export const MAX_TOKEN_ID = 2 ** 22;
// Heap entries pack (rank, position) as rank * 2^31 + position: rank < 2^22 keeps it < 2^53.
const POS_LIMIT = 2 ** 31;

/** Packs an ordered pair of token ids into one number (exact while ids < MAX_TOKEN_ID). */
export function pairKey(left: number, right: number): number {
  return left * MAX_TOKEN_ID + right;
}

/**
 * The ordered list of BPE merges. Rank r is the r-th merge learned; a lower rank is applied
 * first. Two merges may yield the same token (e.g. "a"+"bc" and "ab"+"c"), so the resulting id
 * is stored per merge rather than derived from the rank.
 */
export class MergeTable {
  private readonly rankOf = new Map<number, number>();
  private readonly lefts: number[] = [];
  private readonly rights: number[] = [];
  private readonly results: number[] = [];

  get size(): number {
    return this.results.length;
  }

  /** Appends the merge `left + right -> result` with the next rank. */
  add(left: number, right: number, result: number): void {
    for (const id of [left, right, result]) {
      if (!Number.isInteger(id) || id < 0 || id >= MAX_TOKEN_ID) {
        throw new Error(`MergeTable.add: token id ${id} is outside [0, ${MAX_TOKEN_ID})`);
      }
    }
    const key = pairKey(left, right);
    if (this.rankOf.has(key)) {
      throw new Error(`MergeTable.add: pair (${left}, ${right}) is already merged`);
    }
    this.rankOf.set(key, this.results.length);
    this.lefts.push(left);
    this.rights.push(right);
    this.results.push(result);
  }

  /** Rank of the merge of `left` followed by `right`, or `undefined` if they never merge. */
  rank(left: number, right: number): number | undefined {
    return this.rankOf.get(pairKey(left, right));
  }

  /** The merge with rank `rank` as [left, right, result]. */
  at(rank: number): [number, number, number] {
    const result = this.results[rank];
    if (result === undefined) throw new Error(`MergeTable.at: no merge with rank ${rank}`);
    return [this.lefts[rank]!, this.rights[rank]!, result];
  }

  /**
   * Applies the merges to a symbol sequence: repeatedly merge the adjacent pair of lowest rank,
   * the leftmost one on ties, until no pair has a merge. A heap over (rank, position) with
   * lazily discarded stale entries makes this O(n log n) instead of O(n^2) for long inputs.
   */
  apply(symbols: ArrayLike<number>): number[] {
    const n = symbols.length;
    if (n < 2) return Array.from(symbols);
    const sym = Int32Array.from(symbols);
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    const heap = new BinaryHeap<number>((a, b) => a < b);
    const pushPair = (i: number): void => {
      const j = next[i]!;
      if (j < 0) return;
      const r = this.rank(sym[i]!, sym[j]!);
      if (r !== undefined) heap.push(r * POS_LIMIT + i);
    };
    for (let i = 0; i + 1 < n; i++) pushPair(i);
    while (heap.size > 0) {
      const entry = heap.pop()!;
      const rank = Math.floor(entry / POS_LIMIT);
      const i = entry - rank * POS_LIMIT;
      const j = next[i]!;
      // Stale: the left symbol was absorbed, or the pair at i changed since it was queued.
      if (sym[i]! < 0 || j < 0 || this.rank(sym[i]!, sym[j]!) !== rank) continue;
      sym[i] = this.results[rank]!;
      sym[j] = -1;
      const k = next[j]!;
      next[i] = k;
      if (k >= 0) prev[k] = i;
      if (prev[i]! >= 0) pushPair(prev[i]!);
      pushPair(i);
    }
    const out: number[] = [];
    for (let i = 0; i >= 0; i = next[i]!) out.push(sym[i]!);
    return out;
  }
}
