import { BinaryHeap } from "./heap.ts";
import { MAX_TOKEN_ID, MergeTable, pairKey } from "./merge-table.ts";

/** Distinct words of a corpus as initial symbol ids, with how often each occurs. */
export interface WordCounts {
  words: number[][];
  counts: number[];
}

/** Learned merges plus the full token list (initial tokens followed by merged ones). */
export interface LearnedMerges {
  tokens: string[];
  merges: MergeTable;
}

interface PairEntry {
  count: number;
  left: number;
  right: number;
}

// Most frequent pair first; ties go to the smaller (left, right) id pair, so training is
// deterministic and independent of Map iteration order.
function entryBefore(a: PairEntry, b: PairEntry): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.left !== b.left) return a.left < b.left;
  return a.right < b.right;
}

/** Replaces each non-overlapping left-to-right occurrence of (left, right) by `merged`. */
function mergeWord(word: number[], left: number, right: number, merged: number): number[] | null {
  let found = false;
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (i + 1 < word.length && word[i] === left && word[i + 1] === right) {
      out.push(merged);
      found = true;
      i++;
    } else {
      out.push(word[i]!);
    }
  }
  return found ? out : null;
}

/**
 * Byte-pair-encoding training: repeatedly merge the most frequent adjacent symbol pair over the
 * weighted words until `tokens` holds `vocabSize` entries or no pair is left.
 *
 * `tokens[id]` is the string of each initial symbol id; a merged token's string is the
 * concatenation of its parts, and a merge whose string already exists reuses that id (so the
 * merge list can be longer than the number of new tokens). `words` is updated in place.
 *
 * Pair counts are maintained incrementally: a merge only revisits the words known to contain
 * the pair (an index from pair to word ids, pruned lazily), and the max-heap of pairs is
 * corrected lazily: a popped entry whose count is stale is pushed back with its current count.
 */
export function learnMerges(
  input: WordCounts,
  initial: readonly string[],
  vocabSize: number,
): LearnedMerges {
  const { words, counts } = input;
  const tokens = initial.slice();
  const idOf = new Map<string, number>(tokens.map((t, id) => [t, id]));
  const merges = new MergeTable();
  const pairCount = new Map<number, number>();
  const where = new Map<number, number[]>();

  const addPair = (key: number, delta: number): void => {
    const c = (pairCount.get(key) ?? 0) + delta;
    if (c === 0) pairCount.delete(key);
    else pairCount.set(key, c);
  };
  const noteWord = (key: number, w: number): void => {
    const list = where.get(key);
    if (list === undefined) where.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };

  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    for (let i = 0; i + 1 < word.length; i++) {
      const key = pairKey(word[i]!, word[i + 1]!);
      addPair(key, counts[w]!);
      noteWord(key, w);
    }
  }
  const heap = new BinaryHeap<PairEntry>(entryBefore);
  for (const [key, count] of pairCount) heap.push(unpackEntry(key, count));

  const visited = new Int32Array(words.length).fill(-1);
  while (tokens.length < vocabSize) {
    const best = popValid(heap, pairCount);
    if (best === undefined) break;
    const { left, right } = best;
    const text = tokens[left]! + tokens[right]!;
    let merged = idOf.get(text);
    if (merged === undefined) {
      merged = tokens.length;
      tokens.push(text);
      idOf.set(text, merged);
    }
    const rank = merges.size;
    merges.add(left, right, merged);

    const key = pairKey(left, right);
    const grown = new Set<number>();
    for (const w of where.get(key) ?? []) {
      if (visited[w] === rank) continue;
      visited[w] = rank;
      const word = words[w]!;
      const next = mergeWord(word, left, right, merged);
      if (next === null) continue;
      const c = counts[w]!;
      for (let i = 0; i + 1 < word.length; i++) addPair(pairKey(word[i]!, word[i + 1]!), -c);
      for (let i = 0; i + 1 < next.length; i++) {
        const a = next[i]!;
        const b = next[i + 1]!;
        const k = pairKey(a, b);
        addPair(k, c);
        // Only pairs containing the merged token can have gained occurrences.
        if (a === merged || b === merged) {
          grown.add(k);
          noteWord(k, w);
        }
      }
      words[w] = next;
    }
    where.delete(key);
    for (const k of grown) {
      const count = pairCount.get(k);
      if (count !== undefined && count > 0) heap.push(unpackEntry(k, count));
    }
  }
  return { tokens, merges };
}

function unpackEntry(key: number, count: number): PairEntry {
  const right = key % MAX_TOKEN_ID;
  return { count, left: (key - right) / MAX_TOKEN_ID, right };
}

function popValid(
  heap: BinaryHeap<PairEntry>,
  pairCount: Map<number, number>,
): PairEntry | undefined {
  for (;;) {
    const top = heap.pop();
    if (top === undefined) return undefined;
    const current = pairCount.get(pairKey(top.left, top.right)) ?? 0;
    if (current === top.count) return top;
    if (current > 0) heap.push({ ...top, count: current });
  }
}
