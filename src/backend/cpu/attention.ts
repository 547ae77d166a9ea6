/**
 * Reference kernels of the attention core with a per-head sink, forward and backward, in the
 * plain two-pass form (max, then exponentials) with float64 accumulation. With logits
 * z_s = scale·q·k_s on visible keys, lse = log(e^sink + Σ_s e^z_s) and p_s = e^(z_s - lse):
 *   out = Σ_s p_s k_s;
 *   D = dout·out,  dz_s = p_s (dout·k_s - D);
 *   dq = scale Σ_s dz_s k_s,  dk_s += scale dz_s q + p_s dout  (k_s is key and value),
 *   dsink = -Σ_{b,t} e^(sink - lse) D   (the sink's probability times 0 - D).
 */
import type { TypedArray } from "../dtype.ts";
import type { AttentionSizes, KernelArgs } from "../kernels.ts";
import { hostData } from "./buffer.ts";

/** Strides of the dense layouts: q/out [B, T, H, C], kv [B, S, C], visible [V, T, S]. */
function layout(s: AttentionSizes) {
  const { queries: T, heads: H, keys: S, headDim: C } = s;
  return {
    qAt: (b: number, t: number, h: number) => ((b * T + t) * H + h) * C,
    kAt: (b: number, j: number) => (b * S + j) * C,
    maskAt: (b: number, t: number) => ((s.maskBatch === 1 ? 0 : b) * T + t) * S,
    lseAt: (b: number, h: number, t: number) => (b * H + h) * T + t,
  };
}

function dot(a: TypedArray, ai: number, b: TypedArray, bi: number, n: number): number {
  let acc = 0;
  for (let d = 0; d < n; d++) acc += a[ai + d]! * b[bi + d]!;
  return acc;
}

/** The visible logits of one query row and their log-sum-exp with the sink. */
function rowLogits(
  q: TypedArray,
  kv: TypedArray,
  visible: TypedArray,
  qi: number,
  kBase: (j: number) => number,
  maskRow: number,
  s: AttentionSizes,
  sink: number,
  z: Float64Array,
): number {
  let max = sink;
  for (let j = 0; j < s.keys; j++) {
    if (visible[maskRow + j] === 0) {
      z[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    z[j] = s.scale * dot(q, qi, kv, kBase(j), s.headDim);
    if (z[j]! > max) max = z[j]!;
  }
  let sum = Math.exp(sink - max);
  for (let j = 0; j < s.keys; j++)
    if (z[j] !== Number.NEGATIVE_INFINITY) sum += Math.exp(z[j]! - max);
  return max + Math.log(sum);
}

export function attention(args: KernelArgs["attention"]): void {
  const { batch: B, queries: T, heads: H, keys: S, headDim: C } = args;
  const [q, kv, visible, sink] = [args.q, args.kv, args.visible, args.sink].map(hostData);
  const out = hostData(args.out);
  const lseOut = hostData(args.lse);
  const at = layout(args);
  const z = new Float64Array(S);
  const acc = new Float64Array(C);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      for (let h = 0; h < H; h++) {
        const qi = at.qAt(b, t, h);
        const kBase = (j: number) => at.kAt(b, j);
        const lse = rowLogits(q!, kv!, visible!, qi, kBase, at.maskAt(b, t), args, sink![h]!, z);
        lseOut[at.lseAt(b, h, t)] = lse;
        acc.fill(0);
        for (let j = 0; j < S; j++) {
          if (z[j] === Number.NEGATIVE_INFINITY) continue;
          const p = Math.exp(z[j]! - lse);
          const k0 = kBase(j);
          for (let d = 0; d < C; d++) acc[d]! += p * kv![k0 + d]!;
        }
        for (let d = 0; d < C; d++) out[qi + d] = acc[d]!;
      }
    }
  }
}

export function attentionBackward(args: KernelArgs["attentionBackward"]): void {
  const { batch: B, queries: T, heads: H, keys: S, headDim: C, scale } = args;
  const [q, kv, visible, sink, out, lseIn, dout] = [
    args.q,
    args.kv,
    args.visible,
    args.sink,
    args.out,
    args.lse,
    args.dout,
  ].map(hostData);
  const dq = hostData(args.dq);
  const dkvOut = hostData(args.dkv);
  const dsinkOut = hostData(args.dsink);
  const at = layout(args);
  const dkv = new Float64Array(B * S * C);
  const dsink = new Float64Array(H);
  const dqRow = new Float64Array(C);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const maskRow = at.maskAt(b, t);
      for (let h = 0; h < H; h++) {
        const qi = at.qAt(b, t, h);
        const lse = lseIn![at.lseAt(b, h, t)]!;
        const delta = dot(dout!, qi, out!, qi, C);
        dsink[h]! -= Math.exp(sink![h]! - lse) * delta;
        dqRow.fill(0);
        for (let j = 0; j < S; j++) {
          if (visible![maskRow + j] === 0) continue;
          const k0 = at.kAt(b, j);
          const p = Math.exp(scale * dot(q!, qi, kv!, k0, C) - lse);
          const dz = p * (dot(dout!, qi, kv!, k0, C) - delta);
          for (let d = 0; d < C; d++) {
            dqRow[d]! += scale * dz * kv![k0 + d]!;
            dkv[k0 + d]! += scale * dz * q![qi + d]! + p * dout![qi + d]!;
          }
        }
        for (let d = 0; d < C; d++) dq[qi + d] = dqRow[d]!;
      }
    }
  }
  dkvOut.set(dkv);
  dsinkOut.set(dsink);
}
