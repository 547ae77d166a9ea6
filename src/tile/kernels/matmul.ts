/**
 * Batched matmul out[b] = op(a[b]) @ op(b[b]) for every transpose combination, tiled as
 * bm x bn blocks of the output with a pipelined loop over K in steps of bk. The same source
 * serves every target; only the tile sizes differ (`matmulConfig`).
 *
 * Layouts accepted (all dense row-major, batch outermost):
 *   a: [B, M, K], or [B, K, M] with transA;   b: [B, K, N], or [B, N, K] with transB;
 *   out: [B, M, N]. A runtime turns other strided views into one of these first.
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv } from "../expr.ts";
import type { Kernel } from "../ir.ts";
import { checkCounts, memo, type Plan, type Target } from "./plan.ts";

export interface MatmulConfig {
  /** Output rows per block. */
  readonly bm: number;
  /** Output columns per block. */
  readonly bn: number;
  /** K elements per pipelined step. */
  readonly bk: number;
  readonly transA: boolean;
  readonly transB: boolean;
  /** GPU threads per block. */
  readonly threads: number;
}

export interface MatmulShape {
  readonly batch: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transA: boolean;
  readonly transB: boolean;
}

/** The traced kernel for one configuration (memoised). */
export function matmulKernel(cfg: MatmulConfig): Kernel {
  const { bm, bn, bk, transA, transB } = cfg;
  const name = `matmul_${transA ? "t" : "n"}${transB ? "t" : "n"}_${bm}x${bn}x${bk}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [B, M, N, K] = k.sizes("B", "M", "N", "K");
        const a = k.tensor("a", "f32", transA ? [B, K, M] : [B, M, K]);
        const b = k.tensor("b", "f32", transB ? [B, N, K] : [B, K, N]);
        const out = k.tensor("out", "f32", [B, M, N], "write");
        const [bx, by, bz] = k.grid([ceilDiv(N, bn), ceilDiv(M, bm), B]);
        const row0 = by.mul(bm);
        const col0 = bx.mul(bn);

        const aShared = k.shared("aShared", "f32", transA ? [bk, bm] : [bm, bk]);
        const bShared = k.shared("bShared", "f32", transB ? [bn, bk] : [bk, bn]);
        const cFrag = k.fragment("cFrag", "f32", [bm, bn]);
        k.fill(cFrag, 0);

        k.pipelined(ceilDiv(K, bk), (ko) => {
          const k0 = ko.mul(bk);
          k.copy(a.tile(transA ? [bz, k0, row0] : [bz, row0, k0]), aShared);
          k.copy(b.tile(transB ? [bz, col0, k0] : [bz, k0, col0]), bShared);
          k.gemm(aShared, bShared, cFrag, { transA, transB });
        });

        k.copy(cFrag, out.tile([bz, row0, col0]));
      },
      { threads: cfg.threads },
    ),
  );
}

function pow2Floor(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/**
 * Tile sizes per target. GPUs: 64 x 64 blocks (16 x 64 for thin products, 1-4 x 128 for
 * decode-shaped ones, within the 16 KiB of workgroup memory every adapter offers). CPUs: 128 x 256
 * blocks with 64-deep K steps for large products (A and B tiles stay in L2, each micro-kernel
 * panel in L1); thin products (decode) take 1-8 rows and wide column strips (at least two
 * blocks, for two threads) whose weights the micro-kernel streams straight from memory. A thin
 * product with a transposed B (x·Wᵀ, W stored [out, in]) takes 16 weight rows per block and
 * long K steps instead: each output is a dot product along a contiguous weight row.
 */
export function matmulConfig(target: Target, s: MatmulShape): MatmulConfig {
  const { transA, transB } = s;
  const threads = 256;
  if (target === "wgsl" && s.m <= 4) {
    // One to four rows (decode): a 16-row tile would leave most of its work idle.
    const bm = s.m <= 2 ? Math.max(1, s.m) : 4;
    return { bm, bn: 128, bk: 16, transA, transB, threads: 128 };
  }
  if (target === "wgsl") {
    return s.m <= 16
      ? { bm: 16, bn: 64, bk: 32, transA, transB, threads }
      : { bm: 64, bn: 64, bk: 16, transA, transB, threads };
  }
  const thinRows = s.m <= 2 ? Math.max(1, s.m) : s.m <= 4 ? 4 : 8;
  if (s.m <= 8 && transB) {
    const bk = Math.min(512, Math.max(16, pow2Floor(s.k)));
    return { bm: thinRows, bn: 16, bk, transA, transB, threads };
  }
  if (s.m <= 8) {
    const bm = thinRows;
    const bn = Math.min(2048, Math.max(64, pow2Floor(s.n / 2)));
    return { bm, bn, bk: 16, transA, transB, threads };
  }
  if (s.m >= 128 && s.n >= 256) return { bm: 128, bn: 256, bk: 64, transA, transB, threads };
  return { bm: 64, bn: 64, bk: 128, transA, transB, threads };
}

/**
 * The kernel and run-time values for one product; tensors bind as "a", "b", "out".
 * a: [batch, m, k] (transA: [batch, k, m]), b: [batch, k, n] (transB: [batch, n, k])
 * -> out: [batch, m, n]
 */
export function planMatmul(target: Target, s: MatmulShape): Plan {
  checkCounts("matmul", { batch: s.batch, m: s.m, k: s.k, n: s.n });
  const kernel = matmulKernel(matmulConfig(target, s));
  return { kernel, values: { B: s.batch, M: s.m, N: s.n, K: s.k } };
}
