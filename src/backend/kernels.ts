/**
 * The kernel vocabulary every backend speaks: names and argument records. Inputs are strided
 * views (so transposes, slices and broadcasts cost no copy); outputs are contiguous unless the
 * kernel says otherwise. Row kernels work on [rows, n] with the reduced axis last and contiguous.
 */
import type { DeviceBuffer } from "./device.ts";

/** A strided window onto a buffer: element (i0, i1, ...) lives at offset + Σ ik·strides[k]. */
export interface View {
  readonly buffer: DeviceBuffer;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export type UnaryOp =
  | "neg"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "rsqrt"
  | "abs"
  | "relu"
  | "silu"
  | "sigmoid"
  | "softplus"
  | "tanh"
  | "sign"
  | "square"
  | "reciprocal"
  | "floor";

export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "min"
  | "max"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge";

export type ReduceOp = "sum" | "max" | "min";

/** The sizes of an attention call: B, T, H, S, C and the mask's batch V (1 or B). */
export interface AttentionSizes {
  batch: number;
  queries: number;
  heads: number;
  keys: number;
  headDim: number;
  maskBatch: number;
  scale: number;
}

/** The tensors of an attention forward (inputs and outputs), also read by its backward. */
export interface AttentionForward {
  q: DeviceBuffer;
  kv: DeviceBuffer;
  visible: DeviceBuffer;
  sink: DeviceBuffer;
  out: DeviceBuffer;
  lse: DeviceBuffer;
}

export interface KernelArgs {
  /** out[i] = value for every element. */
  fill: { out: DeviceBuffer; value: number };
  /** Element-wise copy (with dtype conversion) from one view to another of the same shape. */
  copy: { src: View; dst: View };
  unary: { op: UnaryOp; x: View; out: DeviceBuffer };
  /** out = clamp(x, lo, hi); either bound may be absent. */
  clamp: { x: View; out: DeviceBuffer; lo: number | null; hi: number | null };
  /** a and b are already broadcast to out's shape (zero strides). */
  binary: { op: BinaryOp; a: View; b: View; out: DeviceBuffer };
  /** out = cond != 0 ? a : b, all broadcast to out's shape. */
  where: { cond: View; a: View; b: View; out: DeviceBuffer };
  /** x: [rows, n] contiguous -> out: [rows]. */
  reduceRows: { op: ReduceOp; x: DeviceBuffer; rows: number; n: number; out: DeviceBuffer };
  /** x: [rows, n] -> out i32 [rows]; ties go to the lower index; NaN is reported via return. */
  argmaxRows: { x: DeviceBuffer; rows: number; n: number; out: DeviceBuffer };
  /** Numerically stable softmax or log-softmax of each row of x: [rows, n]. */
  softmaxRows: { x: DeviceBuffer; rows: number; n: number; out: DeviceBuffer; log: boolean };
  /** out[r] = log Σ exp(x[r, :]). */
  logsumexpRows: { x: DeviceBuffer; rows: number; n: number; out: DeviceBuffer };
  /** out[b] = a[b] @ b[b] with a: [batch, m, k], b: [batch, k, n] as views; out: [batch, m, n]. */
  matmul: { a: View; b: View; out: DeviceBuffer; batch: number; m: number; k: number; n: number };
  /** x: [outer, n, inner], index i32 [m] -> out [outer, m, inner]. */
  indexSelect: {
    x: DeviceBuffer;
    index: DeviceBuffer;
    out: DeviceBuffer;
    outer: number;
    n: number;
    inner: number;
    m: number;
  };
  /** out [outer, n, inner] += src [outer, m, inner] at rows index[m]. */
  indexAdd: {
    src: DeviceBuffer;
    index: DeviceBuffer;
    out: DeviceBuffer;
    outer: number;
    n: number;
    inner: number;
    m: number;
  };
  /** x: [outer, n, inner], index i32 [outer, m, inner] -> out [outer, m, inner]. */
  gather: {
    x: DeviceBuffer;
    index: DeviceBuffer;
    out: DeviceBuffer;
    outer: number;
    n: number;
    inner: number;
    m: number;
  };
  /** out [outer, n, inner] += src [outer, m, inner] at index [outer, m, inner]. */
  scatterAdd: {
    src: DeviceBuffer;
    index: DeviceBuffer;
    out: DeviceBuffer;
    outer: number;
    n: number;
    inner: number;
    m: number;
  };
  /**
   * RMSNorm of each row of x [rows, n]: rstd [rows] = 1 / sqrt(mean(x²) + eps) and
   * out [rows, n] = x·rstd ⊙ weight [n] (no weight: x·rstd). All contiguous, one dtype.
   */
  rmsNormRows: {
    x: DeviceBuffer;
    weight: DeviceBuffer | null;
    rows: number;
    n: number;
    eps: number;
    out: DeviceBuffer;
    rstd: DeviceBuffer;
  };
  /**
   * Backward of rmsNormRows from the forward's rstd. With g = weight ⊙ dy (no weight: dy):
   * dx = rstd·g − x·rstd³·Σ_j(g_j·x_j)/n per row, and when dw is given (weighted only)
   * dw [n] = Σ_rows dy·x·rstd, overwritten.
   */
  rmsNormRowsBackward: {
    x: DeviceBuffer;
    weight: DeviceBuffer | null;
    rstd: DeviceBuffer;
    dy: DeviceBuffer;
    rows: number;
    n: number;
    dx: DeviceBuffer;
    dw: DeviceBuffer | null;
  };
  /**
   * The experts' clamped SwiGLU over n contiguous elements: out = silu(min(gate, limit)) ⊙
   * clamp(up, −limit, limit); limit 0 disables both clamps.
   */
  swiglu: { gate: DeviceBuffer; up: DeviceBuffer; n: number; limit: number; out: DeviceBuffer };
  /**
   * Backward of swiglu: dgate and dup from dout. A clamped input gets gradient only inside
   * its closed interval (gate <= limit; −limit <= up <= limit), as the clamp op's backward.
   */
  swigluBackward: {
    gate: DeviceBuffer;
    up: DeviceBuffer;
    dout: DeviceBuffer;
    n: number;
    limit: number;
    dgate: DeviceBuffer;
    dup: DeviceBuffer;
  };
  /**
   * The attention core with a per-head sink (spec §5.7). For each (b, t, h): one softmax over
   * the keys s with visible[vb, t, s] != 0 (vb = 0 for a shared mask, else b) of
   * scale·q[b, t, h]·kv[b, s], plus the logit sink[h], which has no value; out = Σ_s p_s·kv[b, s]
   * (keys are also the values) and lse = log(e^sink + Σ_s e^logit_s) for the backward.
   * q [B, T, H, C], kv [B, S, C], visible i32 [V, T, S] (V = 1 or B), sink [H]
   * -> out [B, T, H, C], lse [B, H, T]. All contiguous, one float dtype (mask i32).
   */
  attention: AttentionSizes & AttentionForward;
  /**
   * Backward of attention from its out and lse: dq [B, T, H, C], dkv [B, S, C] (as keys and
   * as values) and dsink [H], all overwritten.
   */
  attentionBackward: AttentionSizes &
    AttentionForward & {
      dout: DeviceBuffer;
      dq: DeviceBuffer;
      dkv: DeviceBuffer;
      dsink: DeviceBuffer;
    };
  /** Top-k of each row of x [rows, n]: values [rows, k] sorted descending, indices i32 [rows, k]. */
  topkRows: {
    x: DeviceBuffer;
    rows: number;
    n: number;
    k: number;
    values: DeviceBuffer;
    indices: DeviceBuffer;
  };
  /**
   * out [m, n] = x [m, k] · Wᵀ for rows rowStart .. rowStart + n of an MXFP4 weight with k
   * columns (k a multiple of 32), dequantised inside the kernel. packed: i32 words holding the
   * bytes [rows, k/2] little-endian, element 2i of a row in the low nibble of byte i; scales:
   * i32 words holding the E8M0 bytes [rows, k/32]. out has x's dtype.
   */
  matmulMxfp4: {
    x: View;
    packed: DeviceBuffer;
    scales: DeviceBuffer;
    out: DeviceBuffer;
    m: number;
    k: number;
    n: number;
    rowStart: number;
  };
  /**
   * out [m, n] = x [m, k] · Wᵀ for rows rowStart .. rowStart + n of a block-scaled FP8 E4M3FN
   * weight with k columns. data: i32 words holding the E4M3 bytes [rows, k] little-endian;
   * scales [ceil(rows / blockRows), ceil(k / blockCols)]: i32 words of E8M0 bytes ("e8m0") or
   * f32 multipliers ("f32", each product rounded to f32 like a dequantised f32 weight).
   */
  matmulFp8Block: {
    x: View;
    data: DeviceBuffer;
    scales: DeviceBuffer;
    scaleFormat: "e8m0" | "f32";
    blockRows: number;
    blockCols: number;
    out: DeviceBuffer;
    m: number;
    k: number;
    n: number;
    rowStart: number;
  };
}

export type KernelName = keyof KernelArgs;

export const KERNEL_NAMES: readonly KernelName[] = [
  "fill",
  "copy",
  "unary",
  "clamp",
  "binary",
  "where",
  "reduceRows",
  "argmaxRows",
  "softmaxRows",
  "logsumexpRows",
  "matmul",
  "indexSelect",
  "indexAdd",
  "gather",
  "scatterAdd",
  "topkRows",
  "rmsNormRows",
  "rmsNormRowsBackward",
  "swiglu",
  "swigluBackward",
  "attention",
  "attentionBackward",
  "matmulMxfp4",
  "matmulFp8Block",
];
