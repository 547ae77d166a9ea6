import { DTYPES, type Dtype, dtypeSize, isDtype } from "./dtypes.ts";

// Safetensors layout: u64 little-endian header length N, then N bytes of UTF-8 JSON mapping
// tensor names to {dtype, shape, data_offsets: [begin, end]} (offsets relative to the data
// section that starts at byte 8 + N) plus an optional "__metadata__" string -> string map.

/** Headers above this size are refused as corrupt rather than allocated. */
export const MAX_HEADER_BYTES = 100_000_000;

/** An error about one safetensors file or checkpoint; `path` names the file. */
export class SafetensorsError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`safetensors: ${path}: ${message}`);
    this.name = "SafetensorsError";
    this.path = path;
  }
}

/** Description of one stored tensor. */
export interface TensorInfo {
  name: string;
  dtype: Dtype;
  shape: readonly number[];
  /** Number of elements (product of shape; 1 for a scalar). */
  numel: number;
  /** Size of the stored data in bytes: numel x dtype size. */
  byteLength: number;
}

/** A validated tensor entry with its byte range inside the data section. */
export interface TensorEntry extends TensorInfo {
  begin: number;
  end: number;
}

/** A parsed and fully validated header. */
export interface ParsedHeader {
  /** Tensor names ordered by their position in the data section. */
  names: string[];
  entries: Map<string, TensorEntry>;
  metadata: Record<string, string>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const LFS_PREFIX = "version https://git-lfs";

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Rejects files that are recognizably not safetensors, from their first bytes: a zip archive
 * (PyTorch .bin / .pt) or a git-lfs pointer that was never fetched.
 */
export function sniffNotSafetensors(path: string, prefix: Uint8Array): void {
  if (startsWith(prefix, ZIP_MAGIC)) {
    throw new SafetensorsError(
      path,
      'starts with "PK\\x03\\x04": this looks like a zip archive (a PyTorch .bin/.pt ' +
        "checkpoint), not a safetensors file; convert it to safetensors first",
    );
  }
  const lfs = [...LFS_PREFIX].map((c) => c.charCodeAt(0));
  if (startsWith(prefix, lfs)) {
    throw new SafetensorsError(
      path,
      "is a git-lfs pointer file, not the tensor data; run `git lfs pull` in the repository " +
        "(or download the real file) and try again",
    );
  }
}

function shapeText(shape: readonly unknown[]): string {
  return `[${shape.map((v) => String(v)).join(", ")}]`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parses and validates header bytes. `dataLength` is the size of the data section (file size
 * minus 8 minus the header length). Every problem throws a SafetensorsError naming `path`, the
 * tensor or field, what was found and what was expected.
 */
export function parseHeader(path: string, header: Uint8Array, dataLength: number): ParsedHeader {
  if (header.includes(0)) {
    throw new SafetensorsError(
      path,
      `header (${header.length} bytes) contains NUL bytes; the JSON header may only be padded ` +
        "with spaces (0x20)",
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(header);
  } catch {
    throw new SafetensorsError(path, `header (${header.length} bytes) is not valid UTF-8`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SafetensorsError(path, `header is not valid JSON (${reason})`);
  }
  if (!isPlainObject(json)) {
    const kind = Array.isArray(json) ? "an array" : json === null ? "null" : typeof json;
    throw new SafetensorsError(path, `header JSON must be an object, got ${kind}`);
  }

  const metadata: Record<string, string> = {};
  const entries = new Map<string, TensorEntry>();
  for (const [name, value] of Object.entries(json)) {
    if (name === "__metadata__") {
      if (!isPlainObject(value)) {
        throw new SafetensorsError(path, "__metadata__ must be an object of string -> string");
      }
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== "string") {
          throw new SafetensorsError(
            path,
            `__metadata__ key "${k}" must map to a string, got ${JSON.stringify(v)}`,
          );
        }
        metadata[k] = v;
      }
      continue;
    }
    entries.set(name, parseEntry(path, name, value, dataLength));
  }

  const names = [...entries.keys()];
  const begin = (n: string): number => entries.get(n)?.begin ?? 0;
  names.sort((a, b) => begin(a) - begin(b));
  // Byte ranges of non-empty tensors must not overlap; after sorting only neighbours can.
  let prev: TensorEntry | undefined;
  for (const n of names) {
    const e = entries.get(n);
    if (e === undefined || e.byteLength === 0) continue;
    if (prev !== undefined && e.begin < prev.end) {
      throw new SafetensorsError(
        path,
        `tensor "${e.name}" data_offsets [${e.begin}, ${e.end}] overlap tensor ` +
          `"${prev.name}" [${prev.begin}, ${prev.end}]`,
      );
    }
    prev = e;
  }
  return { names, entries, metadata };
}

function parseEntry(path: string, name: string, value: unknown, dataLength: number): TensorEntry {
  const where = `tensor "${name}"`;
  if (!isPlainObject(value)) {
    throw new SafetensorsError(path, `${where} must be an object with dtype, shape, data_offsets`);
  }
  const { dtype, shape, data_offsets: offsets } = value;
  if (!isDtype(dtype)) {
    throw new SafetensorsError(
      path,
      `${where} has unknown dtype ${JSON.stringify(dtype)}; expected one of ${DTYPES.join(", ")}`,
    );
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SafetensorsError(
      path,
      `${where} shape ${JSON.stringify(shape)} must be an array of non-negative integers`,
    );
  }
  const dims = shape as number[];
  let numel = 1;
  for (const d of dims) {
    // Checked before multiplying so the product never leaves the exact-integer range.
    if (d !== 0 && numel > Number.MAX_SAFE_INTEGER / d) {
      throw new SafetensorsError(
        path,
        `${where} shape ${shapeText(dims)} has more than 2^53 - 1 elements (overflow)`,
      );
    }
    numel *= d;
  }
  const size = dtypeSize(dtype);
  if (numel > Number.MAX_SAFE_INTEGER / size) {
    throw new SafetensorsError(
      path,
      `${where} shape ${shapeText(dims)} x ${dtype} is more than 2^53 - 1 bytes (overflow)`,
    );
  }
  const byteLength = numel * size;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
  ) {
    throw new SafetensorsError(
      path,
      `${where} data_offsets ${JSON.stringify(offsets)} must be two non-negative integers ` +
        "[begin, end]",
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) {
    throw new SafetensorsError(
      path,
      `${where} data_offsets [${begin}, ${end}] are reversed (begin > end)`,
    );
  }
  if (end > dataLength) {
    throw new SafetensorsError(
      path,
      `${where} data_offsets [${begin}, ${end}] run past the end of the data section ` +
        `(${dataLength} bytes); the file may be truncated`,
    );
  }
  if (end - begin !== byteLength) {
    throw new SafetensorsError(
      path,
      `${where} data_offsets [${begin}, ${end}] (${end - begin} bytes) do not match shape ` +
        `${shapeText(dims)} x ${dtype} (${byteLength} bytes)`,
    );
  }
  return { name, dtype, shape: dims, numel, byteLength, begin, end };
}
