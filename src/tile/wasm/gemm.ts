import type { StmtOf } from "../codegen/lowering.ts";
import { bn, relaxedMadd } from "./binaryen.ts";
import type { WasmLowering, X } from "./lower.ts";

/** Where an operand's elements are: base address and element strides (bytes = 4·stride). */
export interface Operand {
  readonly base: X;
  /** Element stride between rows of the math operand (i for A, p for B). */
  readonly rowStride: number;
  /** A run-time row stride (elements) replacing `rowStride` (B read from a tensor). */
  readonly rowStrideExpr?: X;
  /** Element stride between columns (p for A, j for B). */
  readonly colStride: number;
  /** A run-time column stride (elements) replacing `colStride` (a transposed B in place). */
  readonly colStrideExpr?: X;
}

export interface GemmShape {
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

function fma(w: WasmLowering, a: X, b: X, c: X): X {
  return w.relaxed ? relaxedMadd(w.m, a, b, c) : w.m.f32x4.add(w.m.f32x4.mul(a, b), c);
}

/** Bytes between rows of an operand. */
function rowBytes(w: WasmLowering, o: Operand): X {
  return o.rowStrideExpr === undefined
    ? w.i32(4 * o.rowStride)
    : w.m.i32.shl(o.rowStrideExpr, w.i32(2));
}

/** The MR x NR micro-kernel loop nest over the whole C tile. */
export function microKernel(w: WasmLowering, g: GemmShape, a: Operand, b: Operand, c: Operand): X {
  const m = w.m;
  const v128 = bn().v128;
  const mr = [4, 3, 2, 1].find((r) => g.m % r === 0)!;
  // About 8 accumulators whatever mr is: a 1-row product (decode) takes 32 columns per step.
  const want = mr === 1 ? 8 : mr === 2 ? 4 : 2;
  const nv = [8, 4, 2, 1].find((v) => v <= want && g.n % (4 * v) === 0)!;
  const nr = 4 * nv;
  const cr = c.rowStride;
  const ai = a.rowStride;
  const acc = Array.from({ length: mr * nv }, () => w.temp(v128));
  const bv = Array.from({ length: nv }, () => w.temp(v128));
  const av = w.temp(v128);
  const [i0, j0, pa, pb, pEnd, cp, aBase, bBase, cBase, bStep] = Array.from({ length: 10 }, () =>
    w.temp(bn().i32),
  );
  const get = (l: number) => w.get(l);
  const accAt = (r: number, v: number) => acc[r * nv + v]!;

  const step: X[] = [];
  for (let v = 0; v < nv; v++) step.push(m.local.set(bv[v]!, m.v128.load(16 * v, 4, get(pb!))));
  for (let r = 0; r < mr; r++) {
    step.push(m.local.set(av, m.v128.load32_splat(4 * r * ai, 4, get(pa!))));
    for (let v = 0; v < nv; v++) {
      step.push(
        m.local.set(
          accAt(r, v),
          fma(w, w.get(av, v128), w.get(bv[v]!, v128), w.get(accAt(r, v), v128)),
        ),
      );
    }
  }
  step.push(m.local.set(pa!, m.i32.add(get(pa!), w.i32(4 * a.colStride))));
  step.push(m.local.set(pb!, m.i32.add(get(pb!), get(bStep!))));
  const kLoop = w.label("k");
  const tile: X[] = [
    m.local.set(
      cp!,
      m.i32.add(
        get(cBase!),
        m.i32.shl(m.i32.add(m.i32.mul(get(i0!), w.i32(cr)), get(j0!)), w.i32(2)),
      ),
    ),
  ];
  for (let r = 0; r < mr; r++) {
    for (let v = 0; v < nv; v++)
      tile.push(m.local.set(accAt(r, v), m.v128.load(4 * (r * cr + 4 * v), 16, get(cp!))));
  }
  tile.push(
    m.local.set(pa!, m.i32.add(get(aBase!), m.i32.mul(get(i0!), w.i32(4 * ai)))),
    m.local.set(pb!, m.i32.add(get(bBase!), m.i32.shl(get(j0!), w.i32(2)))),
    m.local.set(pEnd!, m.i32.add(get(pa!), w.i32(4 * g.k * a.colStride))),
    m.loop(kLoop, m.block(null, [...step, m.br(kLoop, m.i32.ne(get(pa!), get(pEnd!)))])),
  );
  for (let r = 0; r < mr; r++) {
    for (let v = 0; v < nv; v++)
      tile.push(m.v128.store(4 * (r * cr + 4 * v), 16, get(cp!), w.get(accAt(r, v), v128)));
  }
  return m.block(null, [
    m.local.set(aBase!, a.base),
    m.local.set(bBase!, b.base),
    m.local.set(cBase!, c.base),
    m.local.set(bStep!, rowBytes(w, b)),
    w.loop(i0!, w.i32(g.m), [w.loop(j0!, w.i32(g.n), tile, nr)], mr),
  ]);
}

/** Scalar c[i, j] += Σ_p a[i, p]·b[p, j] for shapes the micro-kernel does not cover. */
function scalarGemm(w: WasmLowering, g: GemmShape, a: Operand, b: Operand, c: Operand): X {
  const m = w.m;
  const [i, j, p, aBase, bBase, cBase] = Array.from({ length: 6 }, () => w.temp(bn().i32));
  const acc = w.temp(bn().f32);
  const addr = (base: number, row: number, rs: number, col: number, cs: number): X =>
    m.i32.add(
      w.get(base),
      m.i32.shl(
        m.i32.add(m.i32.mul(w.get(row), w.i32(rs)), m.i32.mul(w.get(col), w.i32(cs))),
        w.i32(2),
      ),
    );
  const cAddr = () => addr(cBase!, i!, c.rowStride, j!, c.colStride);
  const prod = m.f32.mul(
    m.f32.load(0, 4, addr(aBase!, i!, a.rowStride, p!, a.colStride)),
    m.f32.load(0, 4, addr(bBase!, p!, b.rowStride, j!, b.colStride)),
  );
  const inner = [
    m.local.set(acc, m.f32.const(0)),
    w.loop(p!, w.i32(g.k), [m.local.set(acc, m.f32.add(w.get(acc, bn().f32), prod))]),
    m.f32.store(0, 4, cAddr(), m.f32.add(m.f32.load(0, 4, cAddr()), w.get(acc, bn().f32))),
  ];
  return m.block(null, [
    m.local.set(aBase!, a.base),
    m.local.set(bBase!, b.base),
    m.local.set(cBase!, c.base),
    w.loop(i!, w.i32(g.m), [w.loop(j!, w.i32(g.n), inner)]),
  ]);
}

/** Operand descriptors of the three tiles of a gemm statement, in math orientation. */
export function gemmOperands(
  w: WasmLowering,
  s: StmtOf<"gemm">,
): { g: GemmShape; a: Operand; b: Operand; c: Operand } {
  const la = w.tileLayout(s.a);
  const lb = w.tileLayout(s.b);
  const lc = w.tileLayout(s.c);
  const [mm, nn] = s.c.shape as [number, number];
  const k = s.transA ? s.a.shape[0]! : s.a.shape[1]!;
  const a: Operand = s.transA
    ? { base: w.tileBase(s.a), rowStride: la.colStride, colStride: la.rowStride }
    : { base: w.tileBase(s.a), rowStride: la.rowStride, colStride: la.colStride };
  const b: Operand = s.transB
    ? { base: w.tileBase(s.b), rowStride: lb.colStride, colStride: lb.rowStride }
    : { base: w.tileBase(s.b), rowStride: lb.rowStride, colStride: lb.colStride };
  const c: Operand = { base: w.tileBase(s.c), rowStride: lc.rowStride, colStride: lc.colStride };
  return { g: { m: mm, n: nn, k }, a, b, c };
}

/** Byte mask of an f32-lane shuffle (lanes 0-3 from the first vector, 4-7 from the second). */
function lanes(l: readonly number[]): number[] {
  return l.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3]);
}

/** [Σa0, Σa1, Σa2, Σa3]: the lane sums of four accumulators, by a 4 x 4 transpose-and-add. */
function laneSums(w: WasmLowering, acc: readonly number[]): X {
  const m = w.m;
  const v = (i: number) => w.get(acc[i]!, bn().v128);
  const half = (x: number, y: number) =>
    m.f32x4.add(
      m.i8x16.shuffle(v(x), v(y), lanes([0, 4, 1, 5])),
      m.i8x16.shuffle(v(x), v(y), lanes([2, 6, 3, 7])),
    );
  const s01 = w.temp(bn().v128);
  const s23 = w.temp(bn().v128);
  const g = (t: number) => w.get(t, bn().v128);
  return m.block(
    null,
    [
      m.local.set(s01, half(0, 1)),
      m.local.set(s23, half(2, 3)),
      m.f32x4.add(
        m.i8x16.shuffle(g(s01), g(s23), lanes([0, 1, 4, 5])),
        m.i8x16.shuffle(g(s01), g(s23), lanes([2, 3, 6, 7])),
      ),
    ],
    bn().v128,
  );
}

/**
 * c += a @ bᵀ when both a rows and b "columns" run along K contiguously (a transposed use of a
 * row-major tile): 2 x 4 blocks of C, each a v128 dot-product accumulator over K in steps of
 * four, the four lanes of each folded at the end with shuffles.
 */
function dotKernel(w: WasmLowering, g: GemmShape, a: Operand, b: Operand, c: Operand): X {
  const m = w.m;
  const v128 = bn().v128;
  const i32 = bn().i32;
  const mr = g.m % 2 === 0 ? 2 : 1;
  const ai = a.rowStride;
  const cr = c.rowStride;
  const acc = Array.from({ length: mr * 4 }, () => w.temp(v128));
  const av = Array.from({ length: mr }, () => w.temp(v128));
  const [i0, j0, pa, pEnd, aBase, bBase, cBase, cp, bjBytes] = Array.from({ length: 9 }, () =>
    w.temp(i32),
  );
  // One pointer per B column: a run-time column stride cannot be a load's constant offset.
  const pb = Array.from({ length: 4 }, () => w.temp(i32));
  const get = (l: number) => w.get(l);
  const step: X[] = [];
  for (let r = 0; r < mr; r++) step.push(m.local.set(av[r]!, m.v128.load(4 * r * ai, 4, get(pa!))));
  const bv = w.temp(v128);
  for (let q = 0; q < 4; q++) {
    step.push(m.local.set(bv, m.v128.load(0, 4, get(pb[q]!))));
    for (let r = 0; r < mr; r++) {
      const t = acc[r * 4 + q]!;
      step.push(m.local.set(t, fma(w, w.get(av[r]!, v128), w.get(bv, v128), w.get(t, v128))));
    }
  }
  step.push(m.local.set(pa!, m.i32.add(get(pa!), w.i32(16))));
  for (const p of pb) step.push(m.local.set(p, m.i32.add(get(p), w.i32(16))));
  const kLoop = w.label("dot");
  const zero = m.v128.const(new Array(16).fill(0));
  const tile: X[] = [
    ...acc.map((t) => m.local.set(t, zero)),
    m.local.set(pa!, m.i32.add(get(aBase!), m.i32.mul(get(i0!), w.i32(4 * ai)))),
    m.local.set(pb[0]!, m.i32.add(get(bBase!), m.i32.mul(get(j0!), get(bjBytes!)))),
    ...[1, 2, 3].map((q) => m.local.set(pb[q]!, m.i32.add(get(pb[q - 1]!), get(bjBytes!)))),
    m.local.set(pEnd!, m.i32.add(get(pa!), w.i32(4 * g.k))),
    m.loop(kLoop, m.block(null, [...step, m.br(kLoop, m.i32.ne(get(pa!), get(pEnd!)))])),
    m.local.set(
      cp!,
      m.i32.add(
        get(cBase!),
        m.i32.shl(m.i32.add(m.i32.mul(get(i0!), w.i32(cr)), get(j0!)), w.i32(2)),
      ),
    ),
  ];
  for (let r = 0; r < mr; r++) {
    const sums = laneSums(w, acc.slice(r * 4, r * 4 + 4));
    tile.push(
      m.v128.store(
        4 * r * cr,
        4,
        get(cp!),
        m.f32x4.add(m.v128.load(4 * r * cr, 4, get(cp!)), sums),
      ),
    );
  }
  return m.block(null, [
    m.local.set(aBase!, a.base),
    m.local.set(bBase!, b.base),
    m.local.set(cBase!, c.base),
    m.local.set(
      bjBytes!,
      b.colStrideExpr === undefined ? w.i32(4 * b.colStride) : m.i32.shl(b.colStrideExpr, w.i32(2)),
    ),
    w.loop(i0!, w.i32(g.m), [w.loop(j0!, w.i32(g.n), tile, 4)], mr),
  ]);
}

/**
 * Picks the outer-product micro-kernel, the dot-product kernel, or scalar loops. Only the
 * micro-kernel takes a run-time B row stride and only the dot-product kernel a run-time B
 * column stride (direct operands qualify for the one of their orientation).
 */
export function emitGemm(w: WasmLowering, g: GemmShape, a: Operand, b: Operand, c: Operand): X {
  const rowsOk = c.colStride === 1;
  const bColsPacked = b.colStride === 1 && b.colStrideExpr === undefined;
  if (rowsOk && bColsPacked && g.n % 4 === 0) return microKernel(w, g, a, b, c);
  const dot = rowsOk && a.colStride === 1 && b.rowStride === 1 && g.k % 4 === 0 && g.n % 4 === 0;
  if (dot) return dotKernel(w, g, a, b, c);
  if (b.rowStrideExpr !== undefined || b.colStrideExpr !== undefined) {
    throw new Error(`gemm ${g.m}x${g.n}x${g.k}: an in-place B operand needs a vector kernel`);
  }
  return scalarGemm(w, g, a, b, c);
}

/** Lowers one gemm statement over scratch tiles. */
export function lowerGemm(w: WasmLowering, s: StmtOf<"gemm">): X {
  const { g, a, b, c } = gemmOperands(w, s);
  return emitGemm(w, g, a, b, c);
}
