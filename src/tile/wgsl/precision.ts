/**
 * Mixed-precision gemm operands (WgslOptions.f16GemmTiles, the "shader-f16" feature): the
 * shared f32 tiles a gemm reads are declared `array<f16, N>`, which halves their workgroup
 * memory and the bytes a K step moves; the code still computes in f32, converting on every
 * store into and load from such a tile, and gemm accumulates in f32. Values beyond f16's
 * range saturate at ±65504 rather than take the implementation-defined result of an
 * out-of-range conversion.
 */
import type { Kernel, Stmt, TileDecl } from "../ir.ts";

/** The largest finite f16. */
const F16_MAX = "65504.0f";

/** Ids of the shared f32 tiles that some gemm of the kernel reads. */
export function gemmOperandTiles(kernel: Kernel): Set<number> {
  const ids = new Set<number>();
  const visit = (list: readonly Stmt[]): void => {
    for (const s of list) {
      if (s.kind === "gemm") {
        for (const t of [s.a, s.b]) if (t.scope === "shared" && t.dtype === "f32") ids.add(t.id);
      } else if (s.kind === "for" || s.kind === "parallel") visit(s.body);
      else if (s.kind === "if") {
        visit(s.thenBody);
        visit(s.elseBody);
      }
    }
  };
  visit(kernel.body);
  return ids;
}

/** Converts between a tile's storage and the f32 the code computes with. */
export class TileStorage {
  constructor(private readonly half: ReadonlySet<number>) {}

  /** Whether any tile is held as f16 (the module then needs `enable f16;`). */
  get usesF16(): boolean {
    return this.half.size > 0;
  }

  isHalf(t: TileDecl): boolean {
    return this.half.has(t.id);
  }

  /** WGSL element type of the tile's storage. */
  elementType(t: TileDecl): string {
    return this.isHalf(t) ? "f16" : t.dtype;
  }

  /** Bytes per element of the tile's storage. */
  elementBytes(t: TileDecl): number {
    return this.isHalf(t) ? 2 : 4;
  }

  /** An element read `ref` of tile t, as the value the code computes with. */
  load(t: TileDecl, ref: string): string {
    return this.isHalf(t) ? `f32(${ref})` : ref;
  }

  /** A computed value as stored into an element of tile t. */
  store(t: TileDecl, value: string): string {
    return this.isHalf(t) ? `f16(clamp(${value}, -${F16_MAX}, ${F16_MAX}))` : value;
  }
}
