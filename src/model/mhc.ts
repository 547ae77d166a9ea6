/**
 * Manifold-constrained hyper-connections (spec §7). The residual state holds hc parallel
 * streams per token; each sublayer reads a gated mix of them (pre), and writes its output back
 * with per-stream gates (post) while the streams are remixed by a doubly stochastic matrix
 * (comb) obtained with Sinkhorn–Knopp. Everything is composed from tensor ops, so the
 * gradients w.r.t. the streams and the fn/scale/base parameters come from autograd.
 */
import { linear } from "../nn/linear.ts";
import { ShapeError, shapeStr, type Tensor } from "../tensor/index.ts";

/** Options of the head collapse. */
export type HcHeadOptions = Readonly<{
  eps: number; // added to each sigmoid gate and to every Sinkhorn sum (hc_eps)
  normEps: number; // epsilon of the RMS of the flattened streams (rms_norm_eps)
}>;

/** Options of mHC pre. */
export type HcPreOptions = HcHeadOptions &
  Readonly<{
    iters: number; // Sinkhorn–Knopp iterations (hc_sinkhorn_iters)
  }>;

/** What a sublayer needs from mHC pre: its input and the gates for mHC post. */
export type HcPreResult = {
  y: Tensor; // [B, T, D] sublayer input
  post: Tensor; // [B, T, hc] output gates in (0, 2)
  comb: Tensor; // [B, T, hc, hc] stream mixing matrix, rows and columns summing to ~1
};

function fail(fnName: string, message: string): never {
  throw new ShapeError(`${fnName}: ${message}`);
}

/** Checks X: [B, T, hc, D] and returns hc and D. */
function streamDims(fnName: string, x: Tensor): [number, number] {
  if (x.rank !== 4) fail(fnName, `X must be [B, T, hc, D], got ${shapeStr(x.shape)}`);
  return [x.shape[2]!, x.shape[3]!];
}

function expectShape(fnName: string, name: string, t: Tensor, shape: readonly number[]): void {
  if (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    fail(fnName, `${name} has shape ${shapeStr(t.shape)}, expected ${shapeStr(shape)}`);
  }
}

/**
 * The dynamic mixes μ = ρ·(F x) with x the stream-major flattening of X and ρ the inverse RMS
 * of x. X: [B, T, hc, D], fn: [m, hc·D] -> [B, T, m]
 */
function mixes(x: Tensor, fn: Tensor, normEps: number): Tensor {
  const flat = x.flatten(2); // [B, T, hc·D]
  const rho = flat.square().mean(-1, true).add(normEps).rsqrt(); // [B, T, 1]
  return linear(flat, fn).mul(rho);
}

/** Σ_k a_k X[k]. a: [B, T, hc], X: [B, T, hc, D] -> [B, T, D] */
function weightedStreams(a: Tensor, x: Tensor): Tensor {
  return a.unsqueeze(-1).mul(x).sum(-2);
}

/**
 * Sinkhorn–Knopp projection towards a doubly stochastic matrix: row softmax + eps, column
 * normalisation, then (iters − 1) × (row, column) normalisations, each dividing by sum + eps.
 * R: [..., hc, hc] -> [..., hc, hc]
 */
export function sinkhorn(r: Tensor, iters: number, eps: number): Tensor {
  if (r.rank < 2 || r.shape[r.rank - 1] !== r.shape[r.rank - 2]) {
    fail("sinkhorn", `R must be [..., hc, hc], got ${shapeStr(r.shape)}`);
  }
  if (!Number.isInteger(iters) || iters < 1) {
    throw new RangeError(`sinkhorn: iters ${iters} must be an integer >= 1`);
  }
  const normCols = (m: Tensor) => m.div(m.sum(-2, true).add(eps));
  const normRows = (m: Tensor) => m.div(m.sum(-1, true).add(eps));
  let m = normCols(r.softmax(-1).add(eps));
  for (let i = 1; i < iters; i++) m = normCols(normRows(m));
  return m;
}

/**
 * mHC pre: pre_k = σ(α_pre μ_k + β_k) + eps, post_k = 2σ(α_post μ_{hc+k} + β_{hc+k}),
 * comb = sinkhorn(R) with R[a][b] = α_res μ_{2hc + hc·a + b} + β_{2hc + hc·a + b}, and the
 * sublayer input y = Σ_k pre_k X[k].
 * X: [B, T, hc, D], fn: [(2+hc)·hc, hc·D], scale: [3], base: [(2+hc)·hc]
 *   -> y: [B, T, D], post: [B, T, hc], comb: [B, T, hc, hc]
 */
export function hcPre(
  x: Tensor,
  fn: Tensor,
  scale: Tensor,
  base: Tensor,
  opts: HcPreOptions,
): HcPreResult {
  const [hc, d] = streamDims("hcPre", x);
  const m = (2 + hc) * hc;
  expectShape("hcPre", "fn", fn, [m, hc * d]);
  expectShape("hcPre", "scale", scale, [3]);
  expectShape("hcPre", "base", base, [m]);
  const mu = mixes(x, fn, opts.normEps); // [B, T, m]
  const part = (t: Tensor, start: number, end: number) => t.slice(-1, start, end);
  const gate = (k: number, start: number, end: number) =>
    part(mu, start, end)
      .mul(part(scale, k, k + 1))
      .add(part(base, start, end));
  const pre = gate(0, 0, hc).sigmoid().add(opts.eps); // [B, T, hc]
  const post = gate(1, hc, 2 * hc)
    .sigmoid()
    .mul(2); // [B, T, hc]
  const res = gate(2, 2 * hc, m).reshape([x.shape[0]!, x.shape[1]!, hc, hc]); // row-major R
  const comb = sinkhorn(res, opts.iters, opts.eps);
  return { y: weightedStreams(pre, x), post, comb };
}

/**
 * mHC post: X'[b] = post_b·f + Σ_a comb[a][b]·X[a]. New stream b mixes the old streams
 * through column b of comb (combᵀ·X), as the reference does.
 * f: [B, T, D], X: [B, T, hc, D], post: [B, T, hc], comb: [B, T, hc, hc] -> [B, T, hc, D]
 */
export function hcPost(f: Tensor, x: Tensor, post: Tensor, comb: Tensor): Tensor {
  const [hc, d] = streamDims("hcPost", x);
  const [b, t] = [x.shape[0]!, x.shape[1]!];
  expectShape("hcPost", "f", f, [b, t, d]);
  expectShape("hcPost", "post", post, [b, t, hc]);
  expectShape("hcPost", "comb", comb, [b, t, hc, hc]);
  const mixed = comb.transpose(-2, -1).matmul(x); // [B, T, hc, D]
  return post.unsqueeze(-1).mul(f.unsqueeze(-2)).add(mixed);
}

/**
 * Final collapse of the streams before the output norm: a_k = σ(α μ_k + β_k) + eps,
 * y = Σ_k a_k X[k].
 * X: [B, T, hc, D], fn: [hc, hc·D], scale: [1], base: [hc] -> [B, T, D]
 */
export function hcHead(
  x: Tensor,
  fn: Tensor,
  scale: Tensor,
  base: Tensor,
  opts: HcHeadOptions,
): Tensor {
  const [hc, d] = streamDims("hcHead", x);
  expectShape("hcHead", "fn", fn, [hc, hc * d]);
  expectShape("hcHead", "scale", scale, [1]);
  expectShape("hcHead", "base", base, [hc]);
  const a = mixes(x, fn, opts.normEps).mul(scale).add(base).sigmoid().add(opts.eps);
  return weightedStreams(a, x);
}
