/**
 * Matrix product with NumPy semantics: 1-D operands are promoted to a row (a) or a column (b)
 * vector and the added dim removed afterwards; leading batch dims broadcast.
 */
import { record } from "../autograd.ts";
import { checkShape } from "../errors.ts";
import { broadcastShapes, shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { sumTo } from "./reduce.ts";
import { operand, output, requireFloat } from "./util.ts";

/** a: [..., m, k], b: [..., k, n] -> [..., m, n] */
export function matmul(a: Tensor, b: Tensor): Tensor {
  a.assertAlive("matmul");
  operand("matmul", b, a, "b");
  requireFloat("matmul", a);
  checkShape(a.rank >= 1 && b.rank >= 1, () => "matmul: operands must have at least one dim");
  if (a.rank === 1) {
    const a2 = a.unsqueeze(0);
    const out2 = matmul(a2, b);
    // With a 1-D b the inner call already dropped b's column dim, so a's row dim is last.
    const out = out2.squeeze(b.rank === 1 ? -1 : -2);
    // The inner matmul's backward reads a2, so it lives as long as the graph does.
    if (!out.node) a2.dispose();
    out2.dispose();
    return out;
  }
  if (b.rank === 1) {
    const b2 = b.unsqueeze(-1);
    const out2 = matmul(a, b2);
    const out = out2.squeeze(-1);
    if (!out.node) b2.dispose();
    out2.dispose();
    return out;
  }
  const [m, k] = a.shape.slice(-2) as [number, number];
  const [kb, n] = b.shape.slice(-2) as [number, number];
  checkShape(
    k === kb,
    () =>
      `matmul: a.shape[-1] (${k}) must equal b.shape[-2] (${kb}); ` +
      `a is ${shapeStr(a.shape)}, b is ${shapeStr(b.shape)}`,
  );
  const batchShape = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = batchShape.reduce((p, d) => p * d, 1);
  const a3 = as3d(a, batchShape, batch, m, k);
  const b3 = as3d(b, batchShape, batch, k, n);
  const out = output(a, a.dtype, [...batchShape, m, n]);
  a.device.run("matmul", { a: a3.view, b: b3.view, out: out.storage.buffer, batch, m, k, n });
  a3.release();
  b3.release();
  return record(out, "matmul", [a, b], (g) => [
    a.requiresGrad ? sumTo(matmul(g, b.transpose(-2, -1)), a.shape) : null,
    b.requiresGrad ? sumTo(matmul(a.transpose(-2, -1), g), b.shape) : null,
  ]);
}

/**
 * A [batch, rows, cols] strided view of x broadcast to `batchShape`. The batch dims must fold
 * into one stride; when they do not (e.g. a sliced batch), a contiguous copy is made.
 */
function as3d(x: Tensor, batchShape: readonly number[], batch: number, rows: number, cols: number) {
  const full = x.expand([...batchShape, rows, cols]);
  const rank = full.rank;
  const inner = full.strides.slice(rank - 2);
  const dims: [number, number][] = [];
  for (let d = 0; d < rank - 2; d++) {
    if (full.shape[d] !== 1) dims.push([full.shape[d]!, full.strides[d]!]);
  }
  // Batch dims fold into one stride when each steps by the next one's stride × size.
  let stride = dims.length > 0 ? dims[dims.length - 1]![1] : 0;
  let foldable = true;
  for (let i = dims.length - 2; i >= 0; i--) {
    if (dims[i]![1] !== dims[i + 1]![1] * dims[i + 1]![0]) foldable = false;
  }
  const src = foldable ? full : full.contiguous();
  if (!foldable) stride = rows * cols;
  const view = {
    buffer: src.storage.buffer,
    shape: [batch, rows, cols],
    strides: foldable ? [stride, inner[0]!, inner[1]!] : [stride, cols, 1],
    offset: src.offset,
  };
  return {
    view,
    release: () => {
      if (src !== full) src.dispose();
      full.dispose();
    },
  };
}
