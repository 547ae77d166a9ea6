/**
 * Transcendental functions for the WASM target, which has none built in. Each f32 function
 * widens to f64, reduces the argument and evaluates a short polynomial, then rounds once to
 * f32, so results are within about one f32 ulp of the correctly rounded value:
 *   exp: x = n·ln2 + r, |r| <= ln2/2, e^r by its degree-9 Taylor polynomial (error < 1e-11);
 *   log: x = 2^e·m, m in [√½, √2), log m = 2·atanh(s), s = (m-1)/(m+1), series to s^13;
 *   log1p: x - x²/2 + x³/3 below 1e-4 (where 1 + x would round), log(1 + x) above;
 *   tanh: (1 - e^-2|x|) / (1 + e^-2|x|) with the sign of x, x - x³/3 near 0;
 *   pow: exp(b·log|a|) with JavaScript's rules for negative bases and zero exponents.
 * Functions are added to a module on first use.
 */
import type binaryen from "binaryen";
import { bn } from "./binaryen.ts";

type M = binaryen.Module;
type X = binaryen.ExpressionRef;

const LOG2E = Math.LOG2E;
const LN2 = Math.LN2;

export type MathFn = "exp" | "log" | "log1p" | "tanh" | "pow";

/** Calls the f32 function `fn`, adding it (and what it needs) to the module once. */
export function callMath(m: M, added: Set<string>, fn: MathFn, args: X[]): X {
  ensure(m, added, fn);
  return m.call(`${fn}_f32`, args, bn().f32);
}

function ensure(m: M, added: Set<string>, fn: string): void {
  if (added.has(fn)) return;
  added.add(fn);
  const deps: Record<string, string[]> = {
    exp: ["exp64"],
    log: ["log64"],
    log1p: ["log64"],
    tanh: ["exp64"],
    pow: ["exp64", "log64"],
  };
  for (const d of deps[fn] ?? []) ensure(m, added, d);
  BUILDERS[fn]!(m);
}

/** Horner evaluation c0 + x·(c1 + x·(...)) in f64. */
function horner(m: M, x: () => X, coeffs: readonly number[]): X {
  let acc = m.f64.const(coeffs[coeffs.length - 1]!);
  for (let i = coeffs.length - 2; i >= 0; i--)
    acc = m.f64.add(m.f64.const(coeffs[i]!), m.f64.mul(x(), acc));
  return acc;
}

const INV_FACT = Array.from(
  { length: 10 },
  (_, k) => 1 / [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880][k]!,
);

/** exp64(d) for d clamped to [-110, 90] (enough for any f32 result). */
function buildExp64(m: M): void {
  const { f64 } = bn();
  const d = () => m.local.get(0, f64);
  const n = () => m.local.get(1, f64);
  const r = () => m.local.get(2, f64);
  const clamped = m.f64.min(m.f64.max(d(), m.f64.const(-110)), m.f64.const(90));
  const scale = m.f64.reinterpret(
    m.i64.shl(
      m.i64.extend_s(m.i32.add(m.i32.trunc_s_sat.f64(n()), m.i32.const(1023))),
      m.i64.const(52n),
    ),
  );
  const body = m.block(null, [
    m.local.set(0, clamped),
    m.local.set(1, m.f64.nearest(m.f64.mul(d(), m.f64.const(LOG2E)))),
    m.local.set(2, m.f64.sub(d(), m.f64.mul(n(), m.f64.const(LN2)))),
    m.return(m.f64.mul(horner(m, r, INV_FACT), scale)),
  ]);
  m.addFunction("exp64", f64, f64, [f64, f64], body);
}

/** log64(d) for finite d > 0. */
function buildLog64(m: M): void {
  const { f64, i32, i64 } = bn();
  const d = () => m.local.get(0, f64);
  const bits = () => m.local.get(1, i64);
  const e = () => m.local.get(2, i32);
  const mant = () => m.local.get(3, f64);
  const s = () => m.local.get(4, f64);
  const z = () => m.local.get(5, f64);
  const odd = [1, 1 / 3, 1 / 5, 1 / 7, 1 / 9, 1 / 11, 1 / 13];
  const body = m.block(null, [
    m.local.set(1, m.i64.reinterpret(d())),
    m.local.set(2, m.i32.sub(m.i32.wrap(m.i64.shr_u(bits(), m.i64.const(52n))), m.i32.const(1023))),
    m.local.set(
      3,
      m.f64.reinterpret(
        m.i64.or(
          m.i64.and(bits(), m.i64.const(0x000fffffffffffffn)),
          m.i64.const(0x3ff0000000000000n),
        ),
      ),
    ),
    m.if(
      m.f64.gt(mant(), m.f64.const(Math.SQRT2)),
      m.block(null, [
        m.local.set(3, m.f64.mul(mant(), m.f64.const(0.5))),
        m.local.set(2, m.i32.add(e(), m.i32.const(1))),
      ]),
    ),
    m.local.set(4, m.f64.div(m.f64.sub(mant(), m.f64.const(1)), m.f64.add(mant(), m.f64.const(1)))),
    m.local.set(5, m.f64.mul(s(), s())),
    m.return(
      m.f64.add(
        m.f64.mul(m.f64.convert_s.i32(e()), m.f64.const(LN2)),
        m.f64.mul(m.f64.mul(m.f64.const(2), s()), horner(m, z, odd)),
      ),
    ),
  ]);
  m.addFunction("log64", f64, f64, [i64, i32, f64, f64, f64], body);
}

/** log of an f64 with the IEEE special cases: 0 -> -inf, inf -> inf, negative/NaN -> NaN. */
function logSpecial(m: M, d: () => X): X {
  return m.if(
    m.i32.and(m.f64.gt(d(), m.f64.const(0)), m.f64.lt(d(), m.f64.const(Number.POSITIVE_INFINITY))),
    m.call("log64", [d()], bn().f64),
    m.select(
      m.f64.eq(d(), m.f64.const(0)),
      m.f64.const(Number.NEGATIVE_INFINITY),
      m.select(m.f64.eq(d(), m.f64.const(Number.POSITIVE_INFINITY)), d(), m.f64.const(Number.NaN)),
    ),
  );
}

function buildExp(m: M): void {
  const { f32, f64 } = bn();
  const x = m.f64.promote(m.local.get(0, f32));
  m.addFunction("exp_f32", f32, f32, [], m.f32.demote(m.call("exp64", [x], f64)));
}

function buildLog(m: M): void {
  const { f32, f64 } = bn();
  const d = () => m.local.get(1, f64);
  const body = m.block(null, [
    m.local.set(1, m.f64.promote(m.local.get(0, f32))),
    m.return(m.f32.demote(logSpecial(m, d))),
  ]);
  m.addFunction("log_f32", f32, f32, [f64], body);
}

function buildLog1p(m: M): void {
  const { f32, f64 } = bn();
  const d = () => m.local.get(1, f64);
  const u = () => m.local.get(2, f64);
  const small = m.f64.mul(
    d(),
    m.f64.sub(
      m.f64.const(1),
      m.f64.mul(d(), m.f64.sub(m.f64.const(0.5), m.f64.div(d(), m.f64.const(3)))),
    ),
  );
  const body = m.block(null, [
    m.local.set(1, m.f64.promote(m.local.get(0, f32))),
    m.local.set(2, m.f64.add(m.f64.const(1), d())),
    m.return(
      m.f32.demote(m.if(m.f64.lt(m.f64.abs(d()), m.f64.const(1e-4)), small, logSpecial(m, u))),
    ),
  ]);
  m.addFunction("log1p_f32", f32, f32, [f64, f64], body);
}

function buildTanh(m: M): void {
  const { f32, f64 } = bn();
  const x = () => m.local.get(0, f32);
  const d = () => m.local.get(1, f64);
  const e = () => m.local.get(2, f64);
  const body = m.block(null, [
    m.local.set(1, m.f64.abs(m.f64.promote(x()))),
    m.local.set(
      2,
      m.call("exp64", [m.f64.mul(m.f64.const(-2), m.f64.min(d(), m.f64.const(20)))], f64),
    ),
    m.return(
      m.f32.copysign(
        m.f32.demote(
          m.if(
            m.f64.lt(d(), m.f64.const(1e-4)),
            m.f64.mul(
              d(),
              m.f64.sub(m.f64.const(1), m.f64.div(m.f64.mul(d(), d()), m.f64.const(3))),
            ),
            m.f64.div(m.f64.sub(m.f64.const(1), e()), m.f64.add(m.f64.const(1), e())),
          ),
        ),
        x(),
      ),
    ),
  ]);
  m.addFunction("tanh_f32", f32, f32, [f64, f64], body);
}

function buildPow(m: M): void {
  const { f32, f64 } = bn();
  const a = () => m.f64.promote(m.local.get(0, f32));
  const b = () => m.f64.promote(m.local.get(1, f32));
  const mag = () => m.local.get(2, f64);
  const t = () => m.local.get(3, f64);
  const half = () => m.f64.mul(b(), m.f64.const(0.5));
  const isInt = m.f64.eq(m.f64.floor(b()), b());
  const isOdd = m.f64.ne(m.f64.floor(half()), half());
  // A negative finite base with a fractional exponent has no real power; -inf has one.
  const negBase = m.select(
    isInt,
    m.select(isOdd, m.f64.neg(t()), t()),
    m.select(m.f64.eq(a(), m.f64.const(Number.NEGATIVE_INFINITY)), t(), m.f64.const(Number.NaN)),
  );
  const body = m.block(null, [
    m.if(m.f64.eq(b(), m.f64.const(0)), m.return(m.f32.const(1))),
    m.local.set(2, m.f64.abs(a())),
    m.local.set(3, m.call("exp64", [m.f64.mul(b(), logSpecial(m, mag))], f64)),
    m.return(m.f32.demote(m.select(m.f64.lt(a(), m.f64.const(0)), negBase, t()))),
  ]);
  m.addFunction("pow_f32", bn().createType([f32, f32]), f32, [f64, f64], body);
}

const BUILDERS: Record<string, (m: M) => void> = {
  exp64: buildExp64,
  log64: buildLog64,
  exp: buildExp,
  log: buildLog,
  log1p: buildLog1p,
  tanh: buildTanh,
  pow: buildPow,
};
