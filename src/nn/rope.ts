/**
 * Rotary position embedding as DeepSeek-V4 uses it (spec §4): interleaved pairs, optionally
 * only on the trailing dims of a head, with YaRN frequency interpolation on the compressed
 * layers. Frequencies and angles reproduce the reference's float32 arithmetic step by step,
 * because a one-ulp difference in an angle grows with the position.
 */
import type { YarnScaling } from "../model/config.ts";
import {
  concat,
  type DType,
  type Shape,
  ShapeError,
  shapeStr,
  stack,
  type Tensor,
  tensor,
} from "../tensor/index.ts";

const f32 = Math.fround;

/** The YaRN correction dimension for `rotations` full turns over the original context. */
function correctionDim(rotations: number, dim: number, base: number, original: number): number {
  return (dim * Math.log(original / (rotations * 2 * Math.PI))) / (2 * Math.log(base));
}

/**
 * The r/2 inverse frequencies θ_j = 1 / base^(2j/r), in float32. With `yarn`, the slow
 * dimensions are divided by the factor through a linear ramp between the correction dims
 * low = floor(corr(betaFast)) and high = ceil(corr(betaSlow)); no magnitude scaling.
 */
export function ropeFrequencies(dim: number, base: number, yarn: YarnScaling | null): Float32Array {
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0) {
    throw new RangeError(`ropeFrequencies: rope dims ${dim} must be a positive even integer`);
  }
  if (!(base > 1)) throw new RangeError(`ropeFrequencies: base ${base} must be > 1`);
  const half = dim / 2;
  const freqs = new Float32Array(half);
  const b = f32(base);
  // The double-precision power rounded once to float32 is the correctly rounded powf, which is
  // what the reference's scalar float32 path returns for these exponents.
  for (let j = 0; j < half; j++) freqs[j] = f32(1 / f32(b ** f32((2 * j) / dim)));
  if (!yarn) return freqs;
  if (!(yarn.factor > 0))
    throw new RangeError(`ropeFrequencies: YaRN factor ${yarn.factor} must be > 0`);
  const orig = yarn.originalMaxPositionEmbeddings;
  const low = Math.max(Math.floor(correctionDim(yarn.betaFast, dim, base, orig)), 0);
  let high = Math.min(Math.ceil(correctionDim(yarn.betaSlow, dim, base, orig)), dim - 1);
  if (low === high) high += 0.001; // avoids a zero-width ramp
  const width = f32(high - low);
  const factor = f32(yarn.factor);
  for (let j = 0; j < half; j++) {
    const ramp = Math.min(Math.max(f32(f32(j - low) / width), 0), 1);
    // The reference blends with smooth = 1 − ramp and weighs the divided part by 1 − smooth;
    // both subtractions round in float32, so they are kept rather than simplified to ramp.
    const smooth = f32(1 - ramp);
    const theta = freqs[j]!;
    const scaled = f32(f32(theta / factor) * f32(1 - smooth));
    freqs[j] = f32(scaled + f32(theta * smooth));
  }
  return freqs;
}

/** cos and sin of the rotation angles, one row per position. */
export type RopeTable = { cos: Tensor; sin: Tensor };

/**
 * Angles p·θ_j rounded to float32 (an fp32 outer product), then their cos and sin.
 * freqs: [r/2], positions: [T] -> cos, sin: [T, r/2] (f32 unless `dtype` says otherwise)
 */
export function ropeAngles(
  freqs: Float32Array,
  positions: ArrayLike<number>,
  dtype: DType = "f32",
): RopeTable {
  const half = freqs.length;
  const n = positions.length;
  const cos = new Float64Array(n * half);
  const sin = new Float64Array(n * half);
  for (let t = 0; t < n; t++) {
    const p = f32(positions[t]!);
    for (let j = 0; j < half; j++) {
      const angle = f32(p * freqs[j]!);
      cos[t * half + j] = Math.cos(angle);
      sin[t * half + j] = Math.sin(angle);
    }
  }
  // Converting through the tensor dtype rounds cos/sin to float32 like the reference table.
  return {
    cos: tensor(cos, [n, half], { dtype }),
    sin: tensor(sin, [n, half], { dtype }),
  };
}

/** Whether `src` broadcasts to `target` without growing it. */
function broadcastsTo(src: Shape, target: Shape): boolean {
  const lead = target.length - src.length;
  return lead >= 0 && src.every((d, i) => d === 1 || d === target[lead + i]);
}

/**
 * Rotates interleaved pairs (x[2j], x[2j+1]) by the angles: (a, b) ↦ (a·cos − b·sin,
 * a·sin + b·cos). `inverse` rotates by the negated angles (the conjugate).
 * x: [..., r], cos/sin: broadcastable to [..., r/2] -> [..., r]
 */
export function applyRope(x: Tensor, cos: Tensor, sin: Tensor, inverse = false): Tensor {
  const r = x.shape[x.rank - 1] ?? 0;
  if (r === 0 || r % 2 !== 0) {
    throw new ShapeError(`applyRope: last axis of x ${shapeStr(x.shape)} must be even and > 0`);
  }
  const pairs = x.reshape([...x.shape.slice(0, -1), r / 2, 2]);
  const a = pairs.slice(-1, 0, 1).squeeze(-1); // [..., r/2]
  const b = pairs.slice(-1, 1, 2).squeeze(-1); // [..., r/2]
  for (const [name, t] of [
    ["cos", cos],
    ["sin", sin],
  ] as const) {
    if (!broadcastsTo(t.shape, a.shape)) {
      throw new ShapeError(
        `applyRope: ${name} ${shapeStr(t.shape)} does not broadcast to ${shapeStr(a.shape)} ` +
          `(the pairs of x ${shapeStr(x.shape)})`,
      );
    }
  }
  const s = inverse ? sin.neg() : sin;
  const ra = a.mul(cos).sub(b.mul(s));
  const rb = a.mul(s).add(b.mul(cos));
  return stack([ra, rb], -1).reshape(x.shape);
}

/**
 * RoPE on the last `ropeDims` of the last axis only; the leading c − r dims pass through.
 * x: [..., c], cos/sin: broadcastable to [..., ropeDims/2] -> [..., c]
 */
export function applyRopeTail(
  x: Tensor,
  ropeDims: number,
  cos: Tensor,
  sin: Tensor,
  inverse = false,
): Tensor {
  const c = x.shape[x.rank - 1] ?? 0;
  if (!Number.isInteger(ropeDims) || ropeDims <= 0 || ropeDims > c) {
    throw new ShapeError(
      `applyRopeTail: ropeDims ${ropeDims} must be in [1, ${c}] for x ${shapeStr(x.shape)}`,
    );
  }
  if (ropeDims === c) return applyRope(x, cos, sin, inverse);
  const pass = x.slice(-1, 0, c - ropeDims);
  const rotated = applyRope(x.slice(-1, c - ropeDims), cos, sin, inverse);
  return concat([pass, rotated], -1);
}
