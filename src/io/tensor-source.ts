import type { TensorInfo } from "./safetensors-header.ts";

/** Read access to named tensors stored on disk (one safetensors file or a sharded checkpoint). */
export interface TensorSource {
  /** Tensor names, in storage order. */
  readonly names: readonly string[];
  /** The `__metadata__` string map (merged over shards for a checkpoint). */
  readonly metadata: Readonly<Record<string, string>>;
  /** True when a tensor called `name` exists. */
  has(name: string): boolean;
  /** dtype, shape, element count and byte length of `name`; throws for an unknown name. */
  info(name: string): TensorInfo;
  /** Reads just this tensor's bytes from disk into a new Uint8Array. */
  readRaw(name: string): Uint8Array;
  /** Reads and decodes `name` to float32 (see decodeToFloat32). */
  readFloat32(name: string): Float32Array;
  /** Reads and decodes an integer tensor `name` to int32 (see decodeToInt32). */
  readInt32(name: string): Int32Array;
  /** Releases the file handle(s); later reads throw. */
  close(): void;
}
