/**
 * Quantization-aware training ops (spec §2.2 of the formats note). The forward pass sees the
 * MXFP4 quantize-dequantize Q(w) of an fp32 master value; the backward treats Q as the identity
 * (straight-through estimator), so the gradient reaches the master unchanged. With DeepSeek's
 * ceil scale nothing is clipped, so the plain STE equals the clipped one. The block scale is a
 * deterministic function of the block and carries no gradient.
 */
import { defineOp, ShapeError, shapeStr, type Tensor, tensor } from "../tensor/index.ts";
import { hadamardMatrix } from "./hadamard.ts";
import { fakeQuantMxfp4, MXFP4_BLOCK } from "./mxfp4.ts";

const steMxfp4 = defineOp<null>({
  name: "fakeQuantMxfp4Ste",
  forward([w]) {
    const x = w!;
    const cols = x.shape[x.rank - 1]!;
    const host = x.toArray();
    // f64 masters are rounded to f32 first; every quantised value is exact in either dtype.
    const values = host instanceof Float32Array ? host : Float32Array.from(host);
    const q = fakeQuantMxfp4(values, { cols });
    return { output: tensor(q, x.shape, { dtype: x.dtype, device: x.device }), saved: null };
  },
  backward(g) {
    return [g.view()];
  },
});

/**
 * MXFP4 fake quantisation with a straight-through backward. Forward: quantize-dequantize along
 * the last (input) dim in blocks of 32 with the DeepSeek ceil scale and RNE E2M1 rounding, i.e.
 * exactly dequantizeMxfp4(quantizeMxfp4(w)). Backward: the upstream gradient, unchanged.
 * w: [..., in] f32 or f64 with in a multiple of 32 -> same shape and dtype. The quantisation
 * runs on the host, so w's device must read synchronously; a non-finite value throws, naming
 * its block.
 */
export function fakeQuantMxfp4Ste(w: Tensor): Tensor {
  w.assertAlive("fakeQuantMxfp4Ste");
  const cols = w.shape[w.rank - 1];
  if (cols === undefined || cols % MXFP4_BLOCK !== 0) {
    throw new ShapeError(
      `fakeQuantMxfp4Ste: the last dim of ${shapeStr(w.shape)} must be a multiple of ` +
        `${MXFP4_BLOCK} (MXFP4 blocks run along the input dim)`,
    );
  }
  if (w.dtype !== "f32" && w.dtype !== "f64") {
    throw new TypeError(`fakeQuantMxfp4Ste: expected an f32 or f64 tensor, got ${w.dtype}`);
  }
  return steMxfp4(w);
}

/**
 * x · H with H = H_d / sqrt(d) the normalized Sylvester-Hadamard matrix over the last dim d
 * (a power of two): every row is rotated orthogonally, so dot products between rotated rows
 * are unchanged. Differentiable (the gradient is g · H). x: [..., d] -> [..., d].
 */
export function hadamardRotate(x: Tensor): Tensor {
  const d = x.shape[x.rank - 1] ?? 0;
  if (d < 1 || (d & (d - 1)) !== 0) {
    throw new ShapeError(
      `hadamardRotate: the last dim of ${shapeStr(x.shape)} must be a power of two`,
    );
  }
  const h = tensor(hadamardMatrix(d), [d, d], { dtype: x.dtype, device: x.device });
  const out = x.matmul(h);
  if (!out.node) h.dispose();
  return out;
}

/**
 * The indexer's QK path under QAT (spec §5.6 step 4, §10.6): Hadamard-rotate each head vector,
 * then MXFP4 fake-quantise it in 1 x 32 blocks with a straight-through backward; the gradient
 * reaching x is H · g. Applied to both the queries and the compressed keys, so without the
 * quantisation the scores would be unchanged. x: [..., d] with d a power of two >= 32.
 */
export function indexerFakeQuantSte(x: Tensor): Tensor {
  return fakeQuantMxfp4Ste(hadamardRotate(x));
}
