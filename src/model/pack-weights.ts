/**
 * In-memory quantization of a model's weights, the counterpart of `quantizeCheckpoint` without
 * the round trip through files: routed experts become packed MXFP4 weights (ceil scale rule),
 * and optionally the dense projections packed block FP8 with E8M0 scales. The result runs
 * through the quantized matmul kernels exactly as a loaded quantized checkpoint does.
 */
import { fp8BlockWeight, mxfp4Weight, type QuantizedWeight } from "../nn/index.ts";
import { quantizeFp8Block } from "../quant/fp8-block.ts";
import { quantizeMxfp4 } from "../quant/mxfp4.ts";
import type { Tensor } from "../tensor/index.ts";
import { ModelError, type Params } from "./params.ts";
import { storageRole } from "./precision.ts";

/** What `packWeights` quantizes. */
export interface PackOptions {
  /** Routed experts to MXFP4 (default true). */
  experts?: boolean;
  /** The FP8 projections (attention, indexer wq_b, shared experts, MTP) to block FP8. */
  linears?: boolean;
  /** FP8 tile [rows, cols]; default 128 x 128. */
  blockSize?: readonly [number, number];
}

function hostValues(name: string, t: Tensor): { values: Float32Array; rows: number; cols: number } {
  if (t.rank !== 2) throw new ModelError(`packWeights: "${name}" is not a matrix`);
  const data = t.toArray();
  const values = data instanceof Float32Array ? data : Float32Array.from(data);
  return { values, rows: t.shape[0]!, cols: t.shape[1]! };
}

/**
 * Splits `params` into the tensors kept dense and the weights packed per `opts`, on each
 * tensor's device. The input map and its tensors are left untouched (the caller still owns
 * them); the returned dense map shares the unquantized tensors.
 */
export function packWeights(
  params: Params,
  opts: PackOptions = {},
): { params: Params; packed: Map<string, QuantizedWeight> } {
  const experts = opts.experts ?? true;
  const linears = opts.linears ?? false;
  const [blockRows, blockCols] = opts.blockSize ?? [128, 128];
  const dense: Params = new Map();
  const packed = new Map<string, QuantizedWeight>();
  for (const [name, t] of params) {
    const role = storageRole(name);
    if (experts && role === "routed-expert") {
      const { values, rows, cols } = hostValues(name, t);
      packed.set(name, mxfp4Weight(quantizeMxfp4(values, rows, cols), t.device));
    } else if (linears && role === "fp8-linear") {
      const { values, rows, cols } = hostValues(name, t);
      const q = quantizeFp8Block(values, rows, cols, { blockRows, blockCols });
      packed.set(name, fp8BlockWeight(q, t.device));
    } else {
      dense.set(name, t);
    }
  }
  return { params: dense, packed };
}
