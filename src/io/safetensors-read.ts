import * as fs from "node:fs";
import { decodeToFloat32, decodeToInt32 } from "./decode.ts";
import {
  MAX_HEADER_BYTES,
  type ParsedHeader,
  parseHeader,
  SafetensorsError,
  sniffNotSafetensors,
  type TensorEntry,
  type TensorInfo,
} from "./safetensors-header.ts";
import type { TensorSource } from "./tensor-source.ts";

// readSync transfers at most 2^31 - 1 bytes per call; larger tensors are read in chunks.
const READ_CHUNK = 1 << 30;
const SNIFF_BYTES = 64;

function readFully(fd: number, path: string, target: Uint8Array, position: number): void {
  let done = 0;
  while (done < target.length) {
    const want = Math.min(target.length - done, READ_CHUNK);
    const got = fs.readSync(fd, target, done, want, position + done);
    if (got === 0) {
      throw new SafetensorsError(
        path,
        `unexpected end of file at byte ${position + done} (wanted ${target.length - done} more ` +
          "bytes); was the file truncated while open?",
      );
    }
    done += got;
  }
}

/** A lazily read safetensors file: only the header is read at open time. */
export class SafetensorsFile implements TensorSource {
  readonly path: string;
  readonly names: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  /** Absolute file offset of the data section (8 + header length). */
  readonly dataStart: number;
  private readonly entries: Map<string, TensorEntry>;
  private fd: number | undefined;

  constructor(path: string, fd: number, dataStart: number, header: ParsedHeader) {
    this.path = path;
    this.fd = fd;
    this.dataStart = dataStart;
    this.names = header.names;
    this.metadata = header.metadata;
    this.entries = header.entries;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  info(name: string): TensorInfo {
    const { dtype, shape, numel, byteLength } = this.entry(name);
    return { name, dtype, shape: [...shape], numel, byteLength };
  }

  readRaw(name: string): Uint8Array {
    const e = this.entry(name);
    if (this.fd === undefined) throw new SafetensorsError(this.path, "file is closed");
    const out = new Uint8Array(e.byteLength);
    readFully(this.fd, this.path, out, this.dataStart + e.begin);
    return out;
  }

  readFloat32(name: string): Float32Array {
    const dtype = this.entry(name).dtype;
    return this.withPath(() => decodeToFloat32(dtype, this.readRaw(name), name));
  }

  readInt32(name: string): Int32Array {
    const dtype = this.entry(name).dtype;
    return this.withPath(() => decodeToInt32(dtype, this.readRaw(name), name));
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  // Decoder range errors name the tensor; this adds the file.
  private withPath<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof RangeError) throw new SafetensorsError(this.path, e.message);
      throw e;
    }
  }

  private entry(name: string): TensorEntry {
    const e = this.entries.get(name);
    if (e === undefined) {
      const some = this.names.slice(0, 5).map((n) => `"${n}"`);
      const more = this.names.length > 5 ? `, ... (${this.names.length} in all)` : "";
      throw new SafetensorsError(
        this.path,
        `no tensor named "${name}"; the file has ${some.join(", ") || "no tensors"}${more}`,
      );
    }
    return e;
  }
}

/**
 * Opens a safetensors file lazily: reads the 8-byte header length and the JSON header through a
 * file handle, validates every entry (dtype, shape, offsets against the data section, metadata)
 * and returns a SafetensorsFile whose readRaw reads one tensor's bytes on demand. Throws a
 * SafetensorsError naming the file for short files, zip archives (PyTorch .bin), git-lfs
 * pointers, oversized or invalid headers and inconsistent tensor entries.
 */
export function openSafetensors(path: string): SafetensorsFile {
  const fd = fs.openSync(path, "r");
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new SafetensorsError(path, "is not a regular file");
    const size = stat.size;
    const prefix = new Uint8Array(Math.min(size, SNIFF_BYTES));
    readFully(fd, path, prefix, 0);
    sniffNotSafetensors(path, prefix);
    if (size < 8) {
      throw new SafetensorsError(
        path,
        `file is ${size} bytes, shorter than the 8-byte header length that starts every ` +
          "safetensors file",
      );
    }
    const n = new DataView(prefix.buffer, 0, 8).getBigUint64(0, true);
    if (n > BigInt(size - 8)) {
      const hint = prefix[0] === 0x7b ? " (the file starts with '{': is it a JSON file?)" : "";
      throw new SafetensorsError(
        path,
        `header length ${n} is larger than the rest of the file (${size - 8} bytes after the ` +
          `8-byte prefix); the file is truncated or not safetensors${hint}`,
      );
    }
    if (n > BigInt(MAX_HEADER_BYTES)) {
      throw new SafetensorsError(
        path,
        `header length ${n} exceeds the ${MAX_HEADER_BYTES}-byte limit; the file is corrupt`,
      );
    }
    const headerLength = Number(n);
    const header = new Uint8Array(headerLength);
    readFully(fd, path, header, 8);
    const parsed = parseHeader(path, header, size - 8 - headerLength);
    return new SafetensorsFile(path, fd, 8 + headerLength, parsed);
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}
