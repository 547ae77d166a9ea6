/**
 * Placement of tiles in a WASM thread's scratch memory. Every tile gets a 64-byte aligned slot
 * (one cache line, and room for whole-v128 fills). A shared tile used by gemm only as a
 * transposed B operand is stored transposed, so the outer-product micro-kernel reads B rows
 * (consecutive output columns) with vector loads; copies transpose on the way in. A tile also
 * used untransposed stays row-major and its transposed uses take the dot-product kernel, as do
 * thin products (decode): their B is read about once, so a transposing copy would cost more
 * than the product, and a row-major window can be read in place (`direct.ts`).
 */
import type { Kernel, Stmt, TileDecl } from "../ir.ts";
import { dotShaped, MAX_DIRECT_ROWS } from "./direct.ts";

export interface TileLayout {
  /** Byte offset inside the scratch area. */
  readonly offset: number;
  /** Physical element offset = i·rowStride + j·colStride for logical index (i, j). */
  readonly rowStride: number;
  readonly colStride: number;
  readonly bytes: number;
}

export interface ScratchPlan {
  readonly tiles: ReadonlyMap<number, TileLayout>;
  readonly bytes: number;
}

/** Collects tiles used as transposed B operands and tiles used any other way by gemm. */
function gemmUses(stmts: readonly Stmt[], transB: Set<number>, other: Set<number>): void {
  for (const s of stmts) {
    if (s.kind === "gemm") {
      const thin = s.c.shape[0]! <= MAX_DIRECT_ROWS && dotShaped(s);
      (s.transB && !thin ? transB : other).add(s.b.id);
      other.add(s.a.id);
    }
    if (s.kind === "for" || s.kind === "parallel") gemmUses(s.body, transB, other);
    if (s.kind === "if") {
      gemmUses(s.thenBody, transB, other);
      gemmUses(s.elseBody, transB, other);
    }
  }
}

function layoutOf(t: TileDecl, offset: number, transposed: boolean): TileLayout {
  const rows = t.shape.length === 2 ? t.shape[0]! : 1;
  const cols = t.shape.length === 2 ? t.shape[1]! : t.shape[0]!;
  const bytes = Math.ceil((rows * cols * 4) / 64) * 64;
  if (t.shape.length === 1) return { offset, rowStride: 1, colStride: 1, bytes };
  return transposed
    ? { offset, rowStride: 1, colStride: rows, bytes }
    : { offset, rowStride: cols, colStride: 1, bytes };
}

/** Slots for all tiles of a kernel, in declaration order. */
export function planScratch(kernel: Kernel): ScratchPlan {
  const transB = new Set<number>();
  const other = new Set<number>();
  gemmUses(kernel.body, transB, other);
  const transposed = new Set([...transB].filter((id) => !other.has(id)));
  const tiles = new Map<number, TileLayout>();
  let offset = 0;
  for (const t of kernel.tiles) {
    const l = layoutOf(t, offset, transposed.has(t.id));
    tiles.set(t.id, l);
    offset += l.bytes;
  }
  return { tiles, bytes: offset };
}
