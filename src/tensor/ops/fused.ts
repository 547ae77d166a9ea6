/**
 * Fused layers with hand-written backwards: RMSNorm over the last axis and the experts' clamped
 * SwiGLU. Each is one device kernel per direction instead of a chain of element-wise ops, so a
 * fast device runs one pass over memory and a training step keeps only rstd (one value per row)
 * alive for the backward instead of every intermediate of the composed form.
 */
import { record } from "../autograd.ts";
import { checkShape } from "../errors.ts";
import { sameShape, shapeStr } from "../shape.ts";
import type { Tensor } from "../tensor.ts";
import { operand, output, packed, requireFloat } from "./util.ts";

/**
 * weight ⊙ x / sqrt(mean(x²) + eps) over the last axis; a null weight gives x / sqrt(...).
 * x: [..., n], weight: [n] | null -> [..., n]
 */
export function rmsNormLastAxis(x: Tensor, weight: Tensor | null, eps: number): Tensor {
  x.assertAlive("rmsNorm");
  requireFloat("rmsNorm", x);
  const n = x.shape[x.rank - 1];
  checkShape(n !== undefined, () => "rmsNorm: x must have at least one axis (the normalised one)");
  if (weight) {
    operand("rmsNorm", weight, x, "weight");
    checkShape(
      weight.rank === 1 && weight.shape[0] === n,
      () =>
        `rmsNorm: weight ${shapeStr(weight.shape)} does not match the last axis of ` +
        `x ${shapeStr(x.shape)}; expected [${n}]`,
    );
  }
  if (!(eps >= 0)) throw new RangeError(`rmsNorm: eps ${eps} must be >= 0`);
  const rows = n === 0 ? 0 : x.size / n;
  const xRows = packed(x); // [rows, n]
  const wDense = weight ? packed(weight) : null; // [n]
  const out = output(x, x.dtype, x.shape);
  const rstd = output(x, x.dtype, [rows]);
  x.device.run("rmsNormRows", {
    x: xRows.storage.buffer,
    weight: wDense?.storage.buffer ?? null,
    rows,
    n,
    eps,
    out: out.storage.buffer,
    rstd: rstd.storage.buffer,
  });
  const inputs = weight ? [x, weight] : [x];
  record(out, "rmsNorm", inputs, (g) => {
    const dy = packed(g);
    const dx = output(x, x.dtype, x.shape);
    const dw = weight?.requiresGrad ? output(x, x.dtype, [n]) : null;
    x.device.run("rmsNormRowsBackward", {
      x: xRows.storage.buffer,
      weight: wDense?.storage.buffer ?? null,
      rstd: rstd.storage.buffer,
      dy: dy.storage.buffer,
      rows,
      n,
      dx: dx.storage.buffer,
      dw: dw?.storage.buffer ?? null,
    });
    dy.dispose();
    return weight ? [dx, dw] : [dx];
  });
  if (!out.node) {
    // Nothing will run the backward: let go of what it would have read.
    rstd.dispose();
    xRows.dispose();
    wDense?.dispose();
  }
  return out;
}

/**
 * silu(min(gate, limit)) ⊙ clamp(up, −limit, limit); limit 0 disables both clamps.
 * gate: [...], up: [...] (one shape) -> [...]
 */
export function swigluClamped(gate: Tensor, up: Tensor, limit: number): Tensor {
  gate.assertAlive("swiglu");
  requireFloat("swiglu", gate);
  operand("swiglu", up, gate, "up");
  checkShape(
    sameShape(gate.shape, up.shape),
    () => `swiglu: gate ${shapeStr(gate.shape)} and up ${shapeStr(up.shape)} must have one shape`,
  );
  if (!(limit >= 0)) throw new RangeError(`swiglu: limit ${limit} must be >= 0 (0 = no clamp)`);
  const g = packed(gate);
  const u = packed(up);
  const out = output(gate, gate.dtype, gate.shape);
  const n = gate.size;
  gate.device.run("swiglu", {
    gate: g.storage.buffer,
    up: u.storage.buffer,
    n,
    limit,
    out: out.storage.buffer,
  });
  record(out, "swiglu", [gate, up], (grad) => {
    const dout = packed(grad);
    const dgate = output(gate, gate.dtype, gate.shape);
    const dup = output(gate, gate.dtype, gate.shape);
    gate.device.run("swigluBackward", {
      gate: g.storage.buffer,
      up: u.storage.buffer,
      dout: dout.storage.buffer,
      n,
      limit,
      dgate: dgate.storage.buffer,
      dup: dup.storage.buffer,
    });
    dout.dispose();
    return [dgate, dup];
  });
  if (!out.node) {
    g.dispose();
    u.dispose();
  }
  return out;
}
