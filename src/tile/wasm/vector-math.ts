/**
 * e^x on four f32 lanes for vectorised loops (Cephes expf): x = n·ln2 + r with ln2 split in
 * two so r is exact, e^r by a degree-6 polynomial (about 1 ulp on |r| <= ln2/2), and 2^n
 * applied as two halves so that every n in [-150, 129] stays a normal exponent: results
 * underflow through the subnormals and overflow to +inf like the scalar version; NaN stays NaN.
 */
import type binaryen from "binaryen";
import { bn } from "./binaryen.ts";

type X = binaryen.ExpressionRef;

const P = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
  5.0000001201e-1,
];
const LN2_HI = 0.693359375;
const LN2_LO = -2.1219444e-4;

/** Adds `exp_f32x4(v128) -> v128` to the module once and calls it. */
export function callExp4(m: binaryen.Module, added: Set<string>, x: X): X {
  const v = bn().v128;
  if (!added.has("exp4")) {
    added.add("exp4");
    m.addFunction("exp_f32x4", v, v, [v, v, v, v, v], expBody(m));
  }
  return m.call("exp_f32x4", [x], v);
}

function splat(m: binaryen.Module, c: number): X {
  return m.f32x4.splat(m.f32.const(c));
}

function expBody(m: binaryen.Module): X {
  const v = bn().v128;
  const get = (i: number) => m.local.get(i, v);
  const [x, n, r, ni, half] = [1, 2, 3, 4, 5];
  const clamped = m.f32x4.min(m.f32x4.max(get(0), splat(m, -104)), splat(m, 89));
  let poly = splat(m, P[0]!);
  for (const c of P.slice(1)) poly = m.f32x4.add(m.f32x4.mul(poly, get(r)), splat(m, c));
  const er = m.f32x4.add(
    m.f32x4.add(m.f32x4.mul(m.f32x4.mul(poly, get(r)), get(r)), get(r)),
    splat(m, 1),
  );
  const pow2 = (e: X) =>
    m.i32x4.shl(m.i32x4.add(e, m.i32x4.splat(m.i32.const(127))), m.i32.const(23));
  return m.block(
    null,
    [
      m.local.set(x, clamped),
      m.local.set(n, m.f32x4.nearest(m.f32x4.mul(get(x), splat(m, Math.LOG2E)))),
      m.local.set(r, m.f32x4.sub(get(x), m.f32x4.mul(get(n), splat(m, LN2_HI)))),
      m.local.set(r, m.f32x4.sub(get(r), m.f32x4.mul(get(n), splat(m, LN2_LO)))),
      m.local.set(ni, m.i32x4.trunc_sat_f32x4_s(get(n))),
      m.local.set(half, m.i32x4.shr_s(get(ni), m.i32.const(1))),
      m.f32x4.mul(m.f32x4.mul(er, pow2(get(half))), pow2(m.i32x4.sub(get(ni), get(half)))),
    ],
    v,
  );
}
