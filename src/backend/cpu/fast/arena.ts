/**
 * A heap inside one shared, growable WebAssembly.Memory. Blocks come from free lists kept per
 * size class, or from a bump pointer at the top that grows the memory when it runs out. Freed
 * blocks are never coalesced: tensor workloads repeat the same sizes step after step, so the
 * free lists reach a steady state.
 *
 * Growing a shared memory never detaches its buffer, so views made before a grow stay valid.
 */
import { DeviceError } from "../../errors.ts";
import { BLOCK_ALIGN, sizeClass } from "../../size-class.ts";

const PAGE = 65536;

export interface ArenaOptions {
  /** Bytes at the bottom of the memory kept for kernel scratch and parameters. */
  reservedBytes: number;
  /** Initial memory size in bytes (rounded up to whole pages). */
  initialBytes: number;
  /** The most the memory may grow to, in bytes (at most 4 GiB, the wasm32 address space). */
  maximumBytes: number;
}

export interface ArenaStats {
  /** Bytes in blocks handed out and not yet freed (class sizes). */
  usedBytes: number;
  /** Bytes waiting in the free lists. */
  freeBytes: number;
  /** The memory's current size. */
  memoryBytes: number;
}

export class Arena {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private readonly maxPages: number;
  private readonly free = new Map<number, number[]>();
  private usedBytes = 0;
  private freeBytes = 0;

  constructor(options: ArenaOptions) {
    const { reservedBytes, initialBytes, maximumBytes } = options;
    this.maxPages = Math.min(65536, Math.floor(maximumBytes / PAGE));
    const initial = Math.max(1, Math.ceil(Math.max(initialBytes, reservedBytes + 1) / PAGE));
    if (initial > this.maxPages) {
      throw new DeviceError(
        `cpu arena: initial size ${initial * PAGE} bytes exceeds the maximum ${maximumBytes}`,
      );
    }
    this.memory = new WebAssembly.Memory({ initial, maximum: this.maxPages, shared: true });
    this.top = Math.ceil(reservedBytes / BLOCK_ALIGN) * BLOCK_ALIGN;
  }

  /** The memory's buffer as it is now (a fresh object after each grow). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /**
   * Byte offset of a block of at least `bytes` bytes, zero-filled unless `zero` is false (for
   * a caller that overwrites it at once). Throws a DeviceError naming the request and the limit
   * when the memory cannot grow enough.
   */
  alloc(bytes: number, zero = true): number {
    const size = sizeClass(Math.max(bytes, 1));
    const list = this.free.get(size);
    const reused = list?.pop();
    let offset: number;
    if (reused !== undefined) {
      offset = reused;
      this.freeBytes -= size;
      if (zero) new Uint8Array(this.buffer, offset, size).fill(0);
    } else {
      offset = this.top;
      this.ensure(offset + size, bytes);
      this.top = offset + size;
      // Fresh pages of a WebAssembly.Memory are zero already.
    }
    this.usedBytes += size;
    return offset;
  }

  /** Returns the block at `offset`, allocated for `bytes` bytes, to its free list. */
  release(offset: number, bytes: number): void {
    const size = sizeClass(Math.max(bytes, 1));
    let list = this.free.get(size);
    if (!list) {
      list = [];
      this.free.set(size, list);
    }
    list.push(offset);
    this.usedBytes -= size;
    this.freeBytes += size;
  }

  stats(): ArenaStats {
    return {
      usedBytes: this.usedBytes,
      freeBytes: this.freeBytes,
      memoryBytes: this.buffer.byteLength,
    };
  }

  private ensure(end: number, requested: number): void {
    const have = this.buffer.byteLength;
    if (end <= have) return;
    const havePages = have / PAGE;
    const needPages = Math.ceil(end / PAGE);
    if (needPages > this.maxPages) {
      throw new DeviceError(
        `cpu: cannot allocate ${requested} bytes: the shared memory would need ` +
          `${needPages * PAGE} bytes, above its maximum of ${this.maxPages * PAGE} bytes ` +
          `(${this.usedBytes} in use, ${this.freeBytes} in free lists of other sizes)`,
      );
    }
    // Grow by at least a quarter of the current size so that many small allocations do not
    // each pay for a grow.
    const want = Math.min(this.maxPages, Math.max(needPages, Math.ceil(havePages * 1.25)));
    this.memory.grow(want - havePages);
  }
}
