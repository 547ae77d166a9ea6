/**
 * WGSL helper functions emitted on demand. WGSL's own tanh and pow are unsafe for our inputs
 * (tanh may overflow to NaN for large |x| through exp; pow is undefined for negative bases),
 * and log1p does not exist, so these restate them with JavaScript's results:
 *   log1p: log(u)·x/(u - 1) with u = 1 + x corrects the rounding of 1 + x (Goldberg's trick);
 *   tanh:  (1 - e)/(1 + e)·sign(x), e = exp(-2|x|), x itself near 0;
 *   pow:   exp2(b·log2|a|) with the sign rules for integer b and NaN for other negative a.
 */

export type HelperFn = "specials" | "log1p" | "tanh" | "pow";

/**
 * The special f32 values WGSL has no literals for. A constant bitcast would be evaluated at
 * shader-creation time, where infinities and NaN are errors, so they come from a function-scope
 * variable, which makes them run-time values.
 */
export const NEG_INF = "f32_special(0xff800000u)";
export const POS_INF = "f32_special(0x7f800000u)";
export const NAN = "f32_special(0x7fc00000u)";

export const HELPERS: Record<HelperFn, string> = {
  specials: `fn f32_special(bits: u32) -> f32 {
  var b = bits;
  return bitcast<f32>(b);
}`,
  log1p: `fn log1p_f(x: f32) -> f32 {
  let u = 1.0f + x;
  if (u == 1.0f) { return x; }
  return log(u) * x / (u - 1.0f);
}`,
  tanh: `fn tanh_f(x: f32) -> f32 {
  let d = abs(x);
  if (d < 1e-4f) { return x; }
  let e = exp(-2.0f * min(d, 20.0f));
  return sign(x) * (1.0f - e) / (1.0f + e);
}`,
  pow: `fn pow_f(a: f32, b: f32) -> f32 {
  if (b == 0.0f) { return 1.0f; }
  let t = exp2(b * log2(abs(a)));
  if (a >= 0.0f) { return t; }
  if (floor(b) != b) { return select(${NAN}, t, a == ${NEG_INF}); }
  if (floor(b * 0.5f) != b * 0.5f) { return -t; }
  return t;
}`,
};

/** Whether a number needs the `specials` helper to be written in WGSL. */
export function isSpecial(v: number): boolean {
  return !Number.isFinite(v);
}

/** A WGSL f32 literal for any number (specials through `f32_special`). */
export function f32Literal(v: number): string {
  if (Number.isNaN(v)) return NAN;
  if (v === Number.POSITIVE_INFINITY) return POS_INF;
  if (v === Number.NEGATIVE_INFINITY) return NEG_INF;
  const s = String(Math.fround(v));
  return `${s}f`;
}

/** A WGSL i32 literal. */
export function i32Literal(v: number): string {
  if (v === -2147483648) return "i32(-2147483647 - 1)";
  return v < 0 ? `-${-v}i` : `${v}i`;
}
