/**
 * What a checkpoint directory holds, read from the safetensors headers only (nothing is
 * loaded): every tensor with its dtype, shape and bytes, grouped as the parameter report groups
 * them, the parameter count, and a check against config.json — tensors the config expects but
 * the files lack, tensors it does not expect, and tensors whose (logical) shape differs.
 * Packed FP4 weights ([out, in/2] I8/U8 with a `.scale`) count as [out, in]; a quantized
 * weight's `.scale` must have the shape its format implies.
 */
import type { Dtype, TensorInfo } from "../io/index.ts";
import { openCheckpoint } from "../io/index.ts";
import type { ModelConfig } from "./config.ts";
import { numel } from "./param-count.ts";
import { type ParamGroup, type ParamShape, parameterShapes } from "./param-shapes.ts";
import { scaleNameOf } from "./precision.ts";

/** A tensor group in the report: a parameter group, or tensors the config does not know. */
export type ReportGroup = ParamGroup | "unexpected";

/** One stored tensor. */
export type StoredInfo = Readonly<{
  name: string;
  dtype: Dtype;
  shape: readonly number[];
  bytes: number;
  group: ReportGroup;
  /** Logical elements it contributes to the parameter count (0 for scales and int tables). */
  params: number;
}>;

/** A tensor whose shape does not match what the config implies. */
export type Misshaped = Readonly<{
  name: string;
  shape: readonly number[];
  expected: readonly number[];
}>;

/** The inspection of one checkpoint directory. */
export type CheckpointReport = Readonly<{
  dir: string;
  /** Weight files (1, or the shards of an index). */
  files: number;
  tensors: readonly StoredInfo[];
  bytes: number;
  /** Logical parameters stored (packed FP4 counted unpacked; scales and int tables excluded). */
  parameters: number;
  /** Parameters the config implies. */
  expectedParameters: number;
  /** Validation against the config. */
  missing: readonly string[];
  unexpected: readonly string[];
  misshaped: readonly Misshaped[];
}>;

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function isPacked(dtype: Dtype): boolean {
  return dtype === "I8" || dtype === "U8";
}

/**
 * Inspects the checkpoint in `dir` (headers only) and checks every tensor against
 * `parameterShapes(cfg)`: a missing weight, a missing `.scale` of a quantized (I8/U8 or
 * F8_E4M3) weight, an unknown tensor, and a logical shape or scale shape that differs are
 * reported by name.
 */
export function inspectCheckpoint(dir: string, cfg: ModelConfig): CheckpointReport {
  const ckpt = openCheckpoint(dir);
  try {
    const infos = new Map<string, TensorInfo>(ckpt.names.map((n) => [n, ckpt.info(n)]));
    const expected = new Map<string, ParamShape>(parameterShapes(cfg).map((p) => [p.name, p]));
    const block = cfg.quantization?.weightBlockSize ?? [128, 128];
    const missing: string[] = [];
    const unexpected: string[] = [];
    const misshaped: Misshaped[] = [];
    const tensors: StoredInfo[] = [];
    const scaleOwner = new Map<string, string>();
    for (const name of ckpt.names) {
      const scale = scaleNameOf(name);
      if (scale !== null && infos.has(scale)) scaleOwner.set(scale, name);
    }
    for (const [name, info] of infos) {
      const base = { name, dtype: info.dtype, shape: info.shape, bytes: info.byteLength };
      const owner = scaleOwner.get(name);
      const ownerInfo = owner === undefined ? undefined : infos.get(owner);
      const p = expected.get(name);
      const ownerShape = owner === undefined ? undefined : expected.get(owner);
      if (ownerInfo !== undefined && ownerShape !== undefined) {
        tensors.push({ ...base, group: ownerShape.group, params: 0 });
        const want = scaleShape(ownerInfo, block);
        if (want === null) unexpected.push(name);
        else if (!same(info.shape, want))
          misshaped.push({ name, shape: info.shape, expected: want });
        continue;
      }
      const scaled = scaleNameOf(name);
      // An I8/U8 float weight is packed FP4 even when its scale is missing (reported below).
      const packed =
        isPacked(info.dtype) && ((scaled !== null && infos.has(scaled)) || p?.float === true);
      const logical =
        packed && info.shape.length === 2 ? [info.shape[0]!, info.shape[1]! * 2] : info.shape;
      tensors.push({
        ...base,
        group: p?.group ?? "unexpected",
        params: p?.float ? numel(logical) : 0,
      });
      if (!p) {
        unexpected.push(name);
        continue;
      }
      if (!same(logical, p.shape)) misshaped.push({ name, shape: logical, expected: p.shape });
      const quantized = isPacked(info.dtype) || info.dtype === "F8_E4M3";
      if (quantized && p.float && scaled !== null && !infos.has(scaled)) missing.push(scaled);
    }
    for (const name of expected.keys()) if (!infos.has(name)) missing.push(name);
    const parameters = tensors.reduce((a, t) => a + t.params, 0);
    const expectedParameters = [...expected.values()].reduce(
      (a, p) => a + (p.float ? numel(p.shape) : 0),
      0,
    );
    return {
      dir,
      files: ckpt.shards.size,
      tensors,
      bytes: tensors.reduce((a, t) => a + t.bytes, 0),
      parameters,
      expectedParameters,
      missing,
      unexpected,
      misshaped,
    };
  } finally {
    ckpt.close();
  }
}

/**
 * The shape the `.scale` of `weight` must have: [out, in/32] for packed FP4 ([out, in/2]
 * stored), [ceil(out / br), ceil(in / bc)] for FP8; null when the weight is not quantized.
 */
function scaleShape(weight: TensorInfo, block: readonly [number, number]): number[] | null {
  if (weight.shape.length !== 2) return null;
  const [rows, cols] = weight.shape as [number, number];
  if (isPacked(weight.dtype)) return [rows, (cols * 2) / 32];
  if (weight.dtype === "F8_E4M3") return [Math.ceil(rows / block[0]), Math.ceil(cols / block[1])];
  return null;
}
