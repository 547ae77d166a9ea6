import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { assertLittleEndian } from "../quant/float-bits.ts";
import { type Dtype, dtypeSize, isDtype } from "./dtypes.ts";

/** Tensor payloads: raw bytes (any dtype) or the typed array matching the dtype. */
export type TensorData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** One tensor to write. */
export interface TensorToWrite {
  name: string;
  dtype: Dtype;
  shape: readonly number[];
  data: TensorData;
}

// Which dtypes a typed array may carry without reinterpreting its elements. A Uint8Array is
// always accepted as raw little-endian bytes.
function typedArrayMatches(data: TensorData, dtype: Dtype): boolean {
  if (data instanceof Uint8Array) return true;
  if (data instanceof Int8Array) return dtype === "I8";
  if (data instanceof Int16Array) return dtype === "I16";
  if (data instanceof Uint16Array) return dtype === "U16" || dtype === "F16" || dtype === "BF16";
  if (data instanceof Int32Array) return dtype === "I32";
  if (data instanceof Uint32Array) return dtype === "U32";
  if (data instanceof Float32Array) return dtype === "F32";
  if (data instanceof Float64Array) return dtype === "F64";
  if (data instanceof BigInt64Array) return dtype === "I64";
  return dtype === "U64";
}

function fail(path: string, message: string): never {
  throw new Error(`writeSafetensors: ${path}: ${message}`);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    done += fs.writeSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30));
  }
}

/**
 * Writes a safetensors file: JSON header padded with spaces to a multiple of 8 bytes (so the
 * data section starts 8-byte aligned), then the tensors' bytes back to back in the given order.
 * Data goes to `path.tmp-<pid>-<random>` first and is renamed onto `path` only once complete and
 * flushed, so a crash never leaves a half-written file at `path`. Validates names (non-empty,
 * unique, not "__metadata__"), dtypes, shapes, byte lengths (product(shape) x dtype size) and
 * that metadata values are strings.
 */
export function writeSafetensors(
  path: string,
  tensors: readonly TensorToWrite[],
  metadata?: Readonly<Record<string, string>>,
): void {
  assertLittleEndian("writeSafetensors");
  const parts: string[] = [];
  if (metadata !== undefined) {
    const fields = Object.entries(metadata).map(([k, v]) => {
      if (typeof v !== "string") {
        fail(path, `metadata key "${k}" must map to a string, got ${typeof v}`);
      }
      return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
    });
    parts.push(`"__metadata__":{${fields.join(",")}}`);
  }
  const seen = new Set<string>();
  const payloads: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const where = `tensor "${t.name}"`;
    if (typeof t.name !== "string" || t.name === "" || t.name === "__metadata__") {
      fail(path, `invalid tensor name ${JSON.stringify(t.name)}`);
    }
    if (seen.has(t.name)) fail(path, `duplicate ${where}`);
    seen.add(t.name);
    if (!isDtype(t.dtype)) fail(path, `${where} has unknown dtype ${JSON.stringify(t.dtype)}`);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(path, `${where} shape ${JSON.stringify(t.shape)} must be non-negative integers`);
    }
    const numel = t.shape.reduce((a, d) => a * d, 1);
    const byteLength = numel * dtypeSize(t.dtype);
    if (!Number.isSafeInteger(byteLength)) fail(path, `${where} is too large`);
    if (!typedArrayMatches(t.data, t.dtype)) {
      fail(
        path,
        `${where} data is a ${t.data.constructor.name} but dtype is ${t.dtype}; pass raw ` +
          "bytes as a Uint8Array or the typed array matching the dtype",
      );
    }
    if (t.data.byteLength !== byteLength) {
      fail(
        path,
        `${where} has ${t.data.byteLength} bytes of data, expected shape ` +
          `[${t.shape.join(", ")}] x ${t.dtype} = ${byteLength} bytes`,
      );
    }
    const info = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + byteLength] };
    parts.push(`${JSON.stringify(t.name)}:${JSON.stringify(info)}`);
    payloads.push(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    offset += byteLength;
  }
  const json = new TextEncoder().encode(`{${parts.join(",")}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const head = new Uint8Array(8 + headerLength).fill(0x20, 8);
  new DataView(head.buffer).setBigUint64(0, BigInt(headerLength), true);
  head.set(json, 8);

  const tmp = `${path}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
  const fd = fs.openSync(tmp, "wx");
  try {
    try {
      writeAll(fd, head);
      for (const p of payloads) writeAll(fd, p);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
