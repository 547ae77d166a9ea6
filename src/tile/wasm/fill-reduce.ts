import type { StmtOf } from "../codegen/lowering.ts";
import type { DType, ReduceOp, TileDecl } from "../ir.ts";
import { bn } from "./binaryen.ts";
import type { WasmLowering, X } from "./lower.ts";

/** Fills the tile's slot (a multiple of 64 bytes) with the value. */
export function lowerFill(w: WasmLowering, s: StmtOf<"fill">): X {
  const m = w.m;
  const base = w.temp(bn().i32);
  const vec = w.temp(bn().v128);
  const o = w.temp(bn().i32);
  const value = w.expr(s.value);
  const splat = s.tile.dtype === "f32" ? m.f32x4.splat(value) : m.i32x4.splat(value);
  const store = m.v128.store(0, 16, m.i32.add(w.get(base), w.get(o)), w.get(vec, bn().v128));
  return m.block(null, [
    m.local.set(base, w.tileBase(s.tile)),
    m.local.set(vec, splat),
    w.loop(o, w.i32(w.tileLayout(s.tile).bytes), [store], 16),
  ]);
}

function identity(w: WasmLowering, op: ReduceOp, dtype: DType): X {
  if (dtype === "f32") {
    const v = op === "sum" ? 0 : op === "max" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return w.m.f32.const(v);
  }
  return w.i32(op === "sum" ? 0 : op === "max" ? -2147483648 : 2147483647);
}

function combine(w: WasmLowering, op: ReduceOp, dtype: DType, a: () => X, b: () => X): X {
  const m = w.m;
  if (dtype === "f32")
    return op === "sum"
      ? m.f32.add(a(), b())
      : op === "max"
        ? m.f32.max(a(), b())
        : m.f32.min(a(), b());
  if (op === "sum") return m.i32.add(a(), b());
  return m.select(op === "max" ? m.i32.gt_s(a(), b()) : m.i32.lt_s(a(), b()), a(), b());
}

function combineVec(w: WasmLowering, op: ReduceOp, a: X, b: X): X {
  const m = w.m;
  return op === "sum" ? m.f32x4.add(a, b) : op === "max" ? m.f32x4.max(a, b) : m.f32x4.min(a, b);
}

/** Element offset (in elements) of src[o, q] along the reduced axis. */
function srcOffset(w: WasmLowering, src: TileDecl, axis: 0 | 1, o: number, q: number): X {
  const l = w.tileLayout(src);
  const [os, qs] = axis === 1 ? [l.rowStride, l.colStride] : [l.colStride, l.rowStride];
  return w.m.i32.add(w.m.i32.mul(w.get(o), w.i32(os)), w.m.i32.mul(w.get(q), w.i32(qs)));
}

/** Lowers one reduce statement. */
export function lowerReduce(w: WasmLowering, s: StmtOf<"reduce">): X {
  const m = w.m;
  const { src, dst, op, axis } = s;
  const [rows, cols] = src.shape as [number, number];
  const [outer, inner] = axis === 1 ? [rows, cols] : [cols, rows];
  const t = src.dtype === "f32" ? bn().f32 : bn().i32;
  const o = w.temp(bn().i32);
  const q = w.temp(bn().i32);
  const acc = w.temp(t);
  const srcAt = (qq: number) =>
    w.loadAt(
      src.dtype,
      m.i32.add(w.tileBase(src), m.i32.shl(srcOffset(w, src, axis, o, qq), w.i32(2))),
    );
  const dstAddr = () => m.i32.add(w.tileBase(dst), m.i32.shl(w.get(o), w.i32(2)));
  const vector =
    src.dtype === "f32" && axis === 1 && w.tileLayout(src).colStride === 1 && inner % 4 === 0;
  let rowReduce: X[];
  if (vector) {
    const vacc = w.temp(bn().v128);
    const v = () => w.get(vacc, bn().v128);
    const rowAddr = m.i32.add(
      w.tileBase(src),
      m.i32.shl(m.i32.add(m.i32.mul(w.get(o), w.i32(cols)), w.get(q)), w.i32(2)),
    );
    const lane = (i: number) => m.f32x4.extract_lane(v(), i);
    const lanes = combine(
      w,
      op,
      "f32",
      () =>
        combine(
          w,
          op,
          "f32",
          () => lane(0),
          () => lane(1),
        ),
      () =>
        combine(
          w,
          op,
          "f32",
          () => lane(2),
          () => lane(3),
        ),
    );
    rowReduce = [
      m.local.set(vacc, m.f32x4.splat(identity(w, op, "f32"))),
      w.loop(
        q,
        w.i32(inner),
        [m.local.set(vacc, combineVec(w, op, v(), m.v128.load(0, 4, rowAddr)))],
        4,
      ),
      m.local.set(acc, lanes),
    ];
  } else {
    rowReduce = [
      m.local.set(acc, identity(w, op, src.dtype)),
      w.loop(q, w.i32(inner), [
        m.local.set(
          acc,
          combine(
            w,
            op,
            src.dtype,
            () => w.get(acc, t),
            () => srcAt(q),
          ),
        ),
      ]),
    ];
  }
  const result = s.clear
    ? w.get(acc, t)
    : combine(
        w,
        op,
        dst.dtype,
        () => w.loadAt(dst.dtype, dstAddr()),
        () => w.get(acc, t),
      );
  return w.loop(o, w.i32(outer), [...rowReduce, w.storeAt(dst.dtype, dstAddr(), result)]);
}
