/**
 * Dense projection against a packed weight: y = x·Wᵀ with W dequantised tile by tile inside the
 * device kernel (`matmulMxfp4` or `matmulFp8Block`), so the weight never exists unpacked.
 */
import { type KernelName, UnsupportedError } from "../backend/index.ts";
import { defineOp, ShapeError, shapeStr, type Tensor, zeros } from "../tensor/index.ts";
import { dequantizeWeight, type QuantizedWeight } from "./quantized-weight.ts";

/** A row range [start, end) of the weight; the whole weight when absent. */
export type WeightRows = Readonly<{ start: number; end: number }>;

/** The device kernel that computes with a weight of this format. */
export function quantKernel(w: QuantizedWeight): KernelName {
  return w.format === "mxfp4" ? "matmulMxfp4" : "matmulFp8Block";
}

/**
 * y = x·W[rows]ᵀ with W packed ([out, in] logically; `rows` picks output rows of it, e.g. one
 * group of a grouped projection). x: [..., in] f32 or f64 on the weight's device ->
 * [..., rows.end - rows.start]. Differentiable in x (through the dequantised weight); the
 * packed weight itself is frozen. Throws UnsupportedError when the device lacks the kernel.
 */
export function quantLinear(x: Tensor, w: QuantizedWeight, rows?: WeightRows): Tensor {
  x.assertAlive("quantLinear");
  w.assertAlive("quantLinear");
  const inDim = x.shape[x.rank - 1] ?? -1;
  if (x.rank < 1 || inDim !== w.cols) {
    throw new ShapeError(
      `quantLinear: x ${shapeStr(x.shape)} does not fit the ${w.format} weight ` +
        `[${w.rows}, ${w.cols}]; expected x [..., ${w.cols}]`,
    );
  }
  if (x.dtype !== "f32" && x.dtype !== "f64") {
    throw new TypeError(`quantLinear: x must be f32 or f64, got ${x.dtype}`);
  }
  if (x.device !== w.device) {
    throw new UnsupportedError(
      `quantLinear: x is on device "${x.device.name}" but the weight is on "${w.device.name}"`,
    );
  }
  const start = rows?.start ?? 0;
  const end = rows?.end ?? w.rows;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end)) {
    throw new RangeError(`quantLinear: rows [${start}, ${end}) is not a valid range`);
  }
  if (end > w.rows) {
    throw new RangeError(`quantLinear: rows [${start}, ${end}) exceed the weight's ${w.rows}`);
  }
  const kernel = quantKernel(w);
  if (!x.device.supports(kernel)) {
    throw new UnsupportedError(
      `quantLinear: device "${x.device.name}" has no ${kernel} kernel; load the checkpoint ` +
        "dequantised (f32 weights) to run it on this device",
    );
  }
  const n = end - start;
  const lead = x.shape.slice(0, -1);
  const op = defineOp<null>({
    name: "quantLinear",
    forward([input]) {
      // A 2-D x goes in as its strided view; higher ranks fold their leading dims.
      const flat = input!.rank === 2 ? input!.view() : input!.reshape([-1, inDim]); // [m, in]
      const m = flat.shape[0]!;
      const y = zeros([m, n], { dtype: flat.dtype, device: flat.device }); // [m, n]
      runKernel(w, flat, y, m, n, start);
      flat.dispose();
      const output = y.reshape([...lead, n]);
      y.dispose();
      return { output, saved: null };
    },
    backward(g) {
      // dx = g · W[rows]: the backward is rare (x-gradients through a frozen packed weight),
      // so it dequantises the rows once instead of needing a transposed quantized kernel.
      const dense = dequantizeWeight(w, g.dtype);
      const picked = dense.slice(0, start, end); // [n, in]
      const dx = g.reshape([-1, n]).matmul(picked).reshape(x.shape);
      if (!dx.node) {
        picked.dispose();
        dense.dispose();
      }
      return [dx];
    },
  });
  return op(x);
}

function runKernel(
  w: QuantizedWeight,
  x: Tensor,
  y: Tensor,
  m: number,
  n: number,
  rowStart: number,
): void {
  const l = w.layout;
  const common = { x: x.layout, out: y.storage.buffer, m, k: l.cols, n, rowStart };
  if (l.format === "mxfp4") {
    x.device.run("matmulMxfp4", { ...common, packed: w.data, scales: w.scales });
    return;
  }
  x.device.run("matmulFp8Block", {
    ...common,
    data: w.data,
    scales: w.scales,
    scaleFormat: l.scaleFormat,
    blockRows: l.blockRows,
    blockCols: l.blockCols,
  });
}
