/**
 * GPU buffers recycled by size class. Creating and destroying GPUBuffers costs driver calls and
 * often a zeroing pass, and training allocates the same sizes every step, so released buffers
 * wait here for the next request of their class. Each buffer remembers the last batch of
 * commands that used it, so a host write to a recycled buffer can wait for that batch to be
 * submitted first (queue writes run before commands that are still being recorded).
 */
import { sizeClass } from "../size-class.ts";

/** GPUBufferUsage bits, spelled out so the code runs where the global is not defined (Node). */
export const USAGE = {
  mapRead: 0x1,
  copySrc: 0x4,
  copyDst: 0x8,
  uniform: 0x40,
  storage: 0x80,
} as const;

/** GPUMapMode.READ */
export const MAP_READ = 0x1;

export interface PooledBuffer {
  readonly gpu: GPUBuffer;
  /** The buffer's real size in bytes. */
  readonly size: number;
  /** The command batch that last used it (-1: never). */
  lastBatch: number;
}

export interface PoolStats {
  buffers: number;
  bytes: number;
  pooledBytes: number;
}

export class BufferPool {
  private readonly free = new Map<number, PooledBuffer[]>();
  private buffers = 0;
  private bytes = 0;
  private pooledBytes = 0;

  /**
   * @param maxBufferSize the device's limit; a class above it falls back to the exact size.
   * @param keepBytes the most bytes kept for reuse; beyond that released buffers are destroyed.
   */
  constructor(
    private readonly device: GPUDevice,
    private readonly usage: number,
    private readonly maxBufferSize: number,
    private readonly keepBytes: number,
  ) {}

  /** A buffer of at least `bytes` bytes; `fresh` says whether it is newly created (all zero). */
  take(bytes: number): { buffer: PooledBuffer; fresh: boolean } {
    const size = this.classOf(bytes);
    const reused = this.free.get(size)?.pop();
    if (reused) {
      this.pooledBytes -= size;
      return { buffer: reused, fresh: false };
    }
    const gpu = this.device.createBuffer({ size, usage: this.usage });
    this.buffers++;
    this.bytes += size;
    return { buffer: { gpu, size, lastBatch: -1 }, fresh: true };
  }

  /** Returns a buffer for reuse, or destroys it when the pool already keeps enough. */
  give(buffer: PooledBuffer): void {
    if (this.pooledBytes + buffer.size > this.keepBytes) {
      buffer.gpu.destroy();
      this.buffers--;
      this.bytes -= buffer.size;
      return;
    }
    let list = this.free.get(buffer.size);
    if (!list) {
      list = [];
      this.free.set(buffer.size, list);
    }
    list.push(buffer);
    this.pooledBytes += buffer.size;
  }

  stats(): PoolStats {
    return { buffers: this.buffers, bytes: this.bytes, pooledBytes: this.pooledBytes };
  }

  private classOf(bytes: number): number {
    const size = sizeClass(Math.max(bytes, 4));
    // Sizes must be multiples of 4 for copies; a class above the limit is cut back to the
    // exact request, which the device checked against the same limit.
    return size <= this.maxBufferSize ? size : Math.ceil(bytes / 4) * 4;
  }
}
