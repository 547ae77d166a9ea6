/** Factories for new tensors on the default device (or a given one). */
import type { Device, DType, TypedArray } from "../backend/index.ts";
import { allocArray, dtypeOfArray } from "../backend/index.ts";
import { defaultDevice } from "./device-registry.ts";
import { checkArg, checkShape } from "./errors.ts";
import type { Rng } from "./random.ts";
import { checkValidShape, type Shape, shapeSize, shapeStr } from "./shape.ts";
import { emptyTensor, type Tensor, tensorFromArray } from "./tensor.ts";

export interface CreateOptions {
  dtype?: DType;
  device?: Device;
}

type Nested = number | readonly Nested[];

function inferShape(values: Nested): number[] {
  const shape: number[] = [];
  let v: Nested = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0] as Nested;
  }
  return shape;
}

function flattenInto(values: Nested, shape: Shape, depth: number, out: number[]): void {
  if (depth === shape.length) {
    checkArg(typeof values === "number", () => `tensor: ragged nesting at depth ${depth}`);
    out.push(values as number);
    return;
  }
  checkShape(
    Array.isArray(values) && values.length === shape[depth],
    () => `tensor: ragged nested array; expected ${shape[depth]} entries at depth ${depth}`,
  );
  for (const v of values as readonly Nested[]) flattenInto(v, shape, depth + 1, out);
}

/**
 * A tensor from nested arrays or a typed array (with an explicit shape). Numbers default to f32;
 * a typed array keeps its own dtype unless one is given.
 */
export function tensor(values: Nested | TypedArray, shape?: Shape, options: CreateOptions = {}) {
  const device = options.device ?? defaultDevice();
  if (ArrayBuffer.isView(values)) {
    const dtype = options.dtype ?? dtypeOfArray(values);
    const s = shape ?? [values.length];
    checkValidShape("tensor", s);
    const data = dtype === dtypeOfArray(values) ? values : convert(values, dtype);
    return tensorFromArray(data, s, device);
  }
  const inferred = inferShape(values);
  const flat: number[] = [];
  flattenInto(values, inferred, 0, flat);
  const s = shape ?? inferred;
  checkShape(
    shapeSize(s) === flat.length,
    () => `tensor: ${flat.length} values do not fill shape ${shapeStr(s)}`,
  );
  return tensorFromArray(convert(flat, options.dtype ?? "f32"), s, device);
}

function convert(values: ArrayLike<number>, dtype: DType): TypedArray {
  const out = allocArray(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  checkValidShape("full", shape);
  checkArg(
    options.dtype !== "i32" || Number.isInteger(value),
    () => `full: the value ${value} is not an integer and cannot fill an i32 tensor`,
  );
  const t = emptyTensor(options.dtype ?? "f32", shape, options.device ?? defaultDevice());
  if (value !== 0) t.device.run("fill", { out: t.storage.buffer, value });
  return t;
}

export function zeros(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** start, start + step, ... below end (default dtype i32 for integer arguments, else f32). */
export function arange(start: number, end?: number, step = 1, options: CreateOptions = {}) {
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  checkArg(step !== 0, () => "arange: step must be non-zero");
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const ints = [lo, hi, step].every(Number.isInteger);
  const dtype = options.dtype ?? (ints ? "i32" : "f32");
  const data = allocArray(dtype, n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return tensorFromArray(data, [n], options.device ?? defaultDevice());
}

/** Normal samples with the given mean and standard deviation. */
export function randn(
  shape: Shape,
  rng: Rng,
  options: CreateOptions & { std?: number; mean?: number } = {},
) {
  checkValidShape("randn", shape);
  const { std = 1, mean = 0 } = options;
  const data = allocArray(options.dtype ?? "f32", shapeSize(shape));
  for (let i = 0; i < data.length; i++) data[i] = mean + std * rng.normal();
  return tensorFromArray(data, shape, options.device ?? defaultDevice());
}

/** Uniform samples in [lo, hi). */
export function rand(
  shape: Shape,
  rng: Rng,
  options: CreateOptions & { lo?: number; hi?: number } = {},
) {
  checkValidShape("rand", shape);
  const { lo = 0, hi = 1 } = options;
  const data = allocArray(options.dtype ?? "f32", shapeSize(shape));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rng.uniform();
  return tensorFromArray(data, shape, options.device ?? defaultDevice());
}
