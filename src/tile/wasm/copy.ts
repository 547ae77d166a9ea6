import {
  inBounds,
  linearIndex,
  regionIndex,
  regionInside,
  rowsContiguous,
} from "../codegen/index-math.ts";
import type { StmtOf } from "../codegen/lowering.ts";
import type { ExprNode, TensorRegion, TileDecl } from "../ir.ts";
import { bn } from "./binaryen.ts";
import type { WasmLowering, X } from "./lower.ts";

const symNode = (s: ReturnType<WasmLowering["freshSym"]>): ExprNode => ({
  op: "sym",
  type: "i32",
  sym: s,
});
const constNode = (v: number): ExprNode => ({ op: "const", type: "i32", value: v });

function dims2(t: TileDecl): [number, number] {
  return t.shape.length === 2 ? [t.shape[0]!, t.shape[1]!] : [1, t.shape[0]!];
}

function tileIndex(t: TileDecl, r: ExprNode, c: ExprNode): ExprNode[] {
  return t.shape.length === 2 ? [r, c] : [c];
}

/** Copies `bytes` (a multiple of 16) from src to dst addresses with v128 moves. */
function vectorRow(w: WasmLowering, dst: X, src: X, bytes: number): X {
  const m = w.m;
  const d = w.temp(bn().i32);
  const s = w.temp(bn().i32);
  const o = w.temp(bn().i32);
  const move = m.v128.store(
    0,
    16,
    m.i32.add(w.get(d), w.get(o)),
    m.v128.load(0, 4, m.i32.add(w.get(s), w.get(o))),
  );
  return m.block(null, [
    m.local.set(d, dst),
    m.local.set(s, src),
    w.loop(o, w.i32(bytes), [move], 16),
  ]);
}

function rowsVector(w: WasmLowering, tile: TileDecl, region: TensorRegion, toTile: boolean): X {
  const [rows, cols] = dims2(tile);
  const r = w.freshSym("r");
  const rowStart = linearIndex(
    region.tensor.shape,
    regionIndex(region, tileIndex(tile, symNode(r), constNode(0))),
  );
  const tensorAddr = w.tensorAddr(region.tensor, w.expr(rowStart));
  const tileAddr = w.m.i32.add(w.tileBase(tile), w.m.i32.mul(w.get(w.local(r)), w.i32(cols * 4)));
  const row = toTile
    ? vectorRow(w, tileAddr, tensorAddr, cols * 4)
    : vectorRow(w, tensorAddr, tileAddr, cols * 4);
  return w.loop(w.local(r), w.i32(rows), [row]);
}

function elementwise(
  w: WasmLowering,
  tile: TileDecl,
  region: TensorRegion,
  toTile: boolean,
  pad: number,
): X {
  const m = w.m;
  const [rows, cols] = dims2(tile);
  const r = w.freshSym("r");
  const c = w.freshSym("c");
  const t = tileIndex(tile, symNode(r), symNode(c));
  const idx = regionIndex(region, t);
  const ok = w.expr(inBounds(region.tensor.shape, idx));
  const addr = w.tensorAddr(region.tensor, w.expr(linearIndex(region.tensor.shape, idx)));
  const dtype = tile.dtype;
  let move: X;
  if (toTile) {
    const padValue = dtype === "f32" ? m.f32.const(pad) : w.i32(pad);
    move = w.storeAt(dtype, w.tileAddr(tile, t), m.if(ok, w.loadAt(dtype, addr), padValue));
  } else {
    move = m.if(ok, w.storeAt(dtype, addr, w.loadAt(dtype, w.tileAddr(tile, t))));
  }
  return w.loop(w.local(r), w.i32(rows), [w.loop(w.local(c), w.i32(cols), [move])]);
}

function tileToTile(w: WasmLowering, src: TileDecl, dst: TileDecl): X {
  const [rows, cols] = dims2(src);
  const ls = w.tileLayout(src);
  const ld = w.tileLayout(dst);
  if (ls.colStride === 1 && ld.colStride === 1 && (rows * cols) % 4 === 0) {
    return vectorRow(w, w.tileBase(dst), w.tileBase(src), rows * cols * 4);
  }
  const r = w.freshSym("r");
  const c = w.freshSym("c");
  const move = w.storeAt(
    dst.dtype,
    w.tileAddr(dst, tileIndex(dst, symNode(r), symNode(c))),
    w.loadAt(src.dtype, w.tileAddr(src, tileIndex(src, symNode(r), symNode(c)))),
  );
  return w.loop(w.local(r), w.i32(rows), [w.loop(w.local(c), w.i32(cols), [move])]);
}

/** Lowers one copy statement. */
export function lowerCopy(w: WasmLowering, s: StmtOf<"copy">): X {
  const { src, dst } = s;
  if (src.kind === "tile" && dst.kind === "tile") return tileToTile(w, src, dst);
  const toTile = dst.kind === "tile";
  const tile = (toTile ? dst : src) as TileDecl;
  const region = (toTile ? src : dst) as TensorRegion;
  const slow = elementwise(w, tile, region, toTile, s.pad);
  const [, cols] = dims2(tile);
  if (w.tileLayout(tile).colStride !== 1 || cols % 4 !== 0 || !rowsContiguous(region)) return slow;
  return w.m.if(w.expr(regionInside(region)), rowsVector(w, tile, region, toTile), slow);
}
