/**
 * The fast CPU device. Every buffer lives in one shared, growable WebAssembly.Memory; kernels
 * compiled from the tile DSL to WASM SIMD run over it on a pool of threads (one per core by
 * default), each taking a contiguous share of the kernel's block grid. Vocabulary kernels (or
 * argument cases) without a tile version run the reference kernels on views of the same
 * memory, so every op works and the fast ones are picked automatically.
 */
import { availableParallelism } from "node:os";
import type { CompiledWasm } from "../../../tile/target.ts";
import { relaxedSimdSupported } from "../../../tile/wasm/features.ts";
import type { Device, DeviceBuffer, MemoryStats } from "../../device.ts";
import { type DType, dtypeOfArray, dtypeSize, type TypedArray } from "../../dtype.ts";
import { DeviceError } from "../../errors.ts";
import type { KernelArgs, KernelName } from "../../kernels.ts";
import type {
  TargetFeatures,
  TileKernelSource,
  TileLaunch,
  TileRunner,
  TileTable,
} from "../../tiled/launch.ts";
import { CpuBuffer, hostData } from "../buffer.ts";
import { REFERENCE_KERNELS } from "../device.ts";
import { Arena, type ArenaStats } from "./arena.ts";
import { KernelPool } from "./pool.ts";

export interface FastCpuOptions {
  /** Threads that run kernels, the calling thread included (default: one per core). */
  threads?: number;
  /** Initial size of the shared memory in bytes (default 16 MiB). */
  initialBytes?: number;
  /** The most the shared memory may grow to (default and maximum 4 GiB, the wasm32 space). */
  maximumBytes?: number;
  /** Whether the WASM kernels may use relaxed-SIMD FMA (default: when it validates). */
  relaxedSimd?: boolean;
  /**
   * Launches costing less than this (operations, see TileLaunch.cost) run on the calling
   * thread alone (default 2^21: about 0.4 ms of work on one thread; waking the pool and
   * joining it costs about 0.1 ms on a 2-core VM, so smaller jobs gain nothing from it).
   */
  parallelThreshold?: number;
  /** Tile implementations of the vocabulary kernels. */
  kernels?: TileTable;
}

/** A buffer in the shared memory: a CpuBuffer whose array is a view of the arena. */
class ArenaBuffer extends CpuBuffer {
  constructor(
    device: Device,
    dtype: DType,
    data: TypedArray,
    /** Byte address in the shared memory. */
    readonly address: number,
    readonly bytes: number,
  ) {
    super(device, dtype, data);
  }
}

interface Registered {
  readonly kernel: CompiledWasm;
  readonly id: number;
}

/** Arena blocks for empty tensors still get an address; 4 bytes keeps them distinct. */
const MIN_BYTES = 4;
/** The bottom of the memory is left unused, so that no tensor has address 0. */
const RESERVED_BYTES = 64;

export class FastCpuDevice implements Device {
  readonly name = "cpu";
  readonly canReadSync = true;
  readonly features: TargetFeatures;
  readonly threads: number;
  private readonly arena: Arena;
  private readonly pool: KernelPool;
  private readonly table: TileTable;
  private readonly registered = new Map<string, Registered>();
  private readonly parallelThreshold: number;
  /** Per-thread scratch blocks: [address, bytes] for each thread. */
  private scratch: { address: number; bytes: number }[] = [];
  private liveBuffers = 0;
  private liveBytes = 0;
  private peakBytes = 0;

  constructor(options: FastCpuOptions = {}) {
    this.threads = options.threads ?? availableParallelism();
    this.arena = new Arena({
      reservedBytes: RESERVED_BYTES,
      initialBytes: options.initialBytes ?? 16 << 20,
      maximumBytes: options.maximumBytes ?? 2 ** 32,
    });
    this.pool = new KernelPool(this.arena.memory, this.threads);
    this.features = {
      shaderF16: false,
      subgroups: false,
      relaxedSimd: options.relaxedSimd ?? relaxedSimdSupported(),
    };
    this.parallelThreshold = options.parallelThreshold ?? 1 << 21;
    this.table = options.kernels ?? {};
  }

  /** The shared memory every buffer lives in. */
  get memoryObject(): WebAssembly.Memory {
    return this.arena.memory;
  }

  alloc(dtype: DType, length: number): DeviceBuffer {
    return this.allocate(dtype, length, true);
  }

  upload(data: TypedArray): DeviceBuffer {
    const buffer = this.allocate(dtypeOfArray(data), data.length, false);
    hostData(buffer).set(data);
    return buffer;
  }

  private allocate(dtype: DType, length: number, zero: boolean): DeviceBuffer {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new DeviceError(`cpu: cannot allocate ${length} elements of ${dtype}`);
    }
    const bytes = Math.max(length * dtypeSize(dtype), MIN_BYTES);
    const address = this.arena.alloc(bytes, zero);
    const data = view(this.arena.buffer, dtype, address, length);
    this.liveBuffers++;
    this.liveBytes += length * dtypeSize(dtype);
    this.peakBytes = Math.max(this.peakBytes, this.liveBytes);
    return new ArenaBuffer(this, dtype, data, address, bytes);
  }

  read(buffer: DeviceBuffer): Promise<TypedArray> {
    return Promise.resolve(this.readSync(buffer));
  }

  readSync(buffer: DeviceBuffer): TypedArray {
    return this.own(buffer).data;
  }

  release(buffer: DeviceBuffer): void {
    const b = this.own(buffer);
    b.released = true;
    this.arena.release(b.address, b.bytes);
    this.liveBuffers--;
    this.liveBytes -= b.length * dtypeSize(b.dtype);
  }

  supports(kernel: KernelName): boolean {
    return kernel in REFERENCE_KERNELS;
  }

  /** Whether `kernel` has a tile (WASM) implementation here. */
  hasFastKernel(kernel: KernelName): boolean {
    return kernel in this.table;
  }

  run<K extends KernelName>(kernel: K, args: KernelArgs[K]): void {
    const impl = this.table[kernel];
    if (impl) {
      const temps: DeviceBuffer[] = [];
      try {
        if (impl(args, this.runner(temps))) return;
      } finally {
        for (const t of temps) this.release(t);
      }
    }
    const reference = REFERENCE_KERNELS[kernel] as (a: KernelArgs[K]) => void;
    reference(args);
  }

  memory(): MemoryStats {
    return { liveBuffers: this.liveBuffers, liveBytes: this.liveBytes, peakBytes: this.peakBytes };
  }

  resetPeak(): void {
    this.peakBytes = this.liveBytes;
  }

  /** The shared memory's size and how much of it is in use or waiting in free lists. */
  arenaStats(): ArenaStats {
    return this.arena.stats();
  }

  /** Stops the worker threads; the device cannot run WASM kernels afterwards. */
  close(): void {
    this.pool.close();
  }

  private own(buffer: DeviceBuffer): ArenaBuffer {
    if (!(buffer instanceof ArenaBuffer) || buffer.device !== this) {
      throw new DeviceError(`cpu: got a buffer of device "${buffer.device.name}"; move it first`);
    }
    if (buffer.released) throw new DeviceError("cpu: buffer used after it was released");
    return buffer;
  }

  private runner(temps: DeviceBuffer[]): TileRunner {
    return {
      target: "wasm",
      deviceName: this.name,
      features: this.features,
      launch: (l) => this.launch(l),
      run: (kernel, args) => this.run(kernel, args),
      temp: (dtype, length) => {
        const t = this.alloc(dtype, length);
        temps.push(t);
        return t;
      },
    };
  }

  private launch(l: TileLaunch): void {
    const { kernel, id } = this.compiled(l.kernel);
    const { signature } = kernel;
    if (l.tensors.length !== signature.tensors.length) {
      throw new DeviceError(
        `cpu: kernel "${kernel.name}" takes ${signature.tensors.length} tensors, ` +
          `got ${l.tensors.length}`,
      );
    }
    let work = 0;
    const addresses = new Map<string, number>();
    l.tensors.forEach((t, i) => {
      const spec = signature.tensors[i]!;
      const b = this.own(t.buffer);
      if (b.dtype !== spec.dtype) {
        throw new DeviceError(
          `cpu: kernel "${kernel.name}" tensor "${spec.name}" must be ${spec.dtype}, ` +
            `got ${b.dtype}`,
        );
      }
      addresses.set(spec.name, b.address + t.offset * 4);
      work += b.length;
    });
    const args = kernel.params.map((p) => {
      const v = p.kind === "ptr" ? addresses.get(p.name) : l.values[p.name];
      if (v === undefined) throw new DeviceError(`cpu: kernel "${kernel.name}" needs "${p.name}"`);
      return v;
    });
    const gridSize = kernel.gridSize(l.values);
    const threads = (l.cost ?? work) < this.parallelThreshold ? 1 : this.threads;
    const scratch = this.scratchFor(kernel.scratchBytes);
    this.pool.run({ kernel: id, args, gridSize, scratch, threads });
  }

  private compiled(source: TileKernelSource): Registered {
    const key = `${source.key}${this.features.relaxedSimd ? ":relaxed" : ""}`;
    const hit = this.registered.get(key);
    if (hit) return hit;
    if (!source.wasm) throw new DeviceError(`cpu: tile kernel "${source.key}" has no WASM version`);
    const kernel = source.wasm(this.features);
    const id = this.pool.register(
      new WebAssembly.Module(new Uint8Array(kernel.module)),
      kernel.exportName,
    );
    const entry = { kernel, id };
    this.registered.set(key, entry);
    return entry;
  }

  /** Each thread's scratch address, grown (never shrunk) to at least `bytes`. */
  private scratchFor(bytes: number): number[] {
    if (this.scratch.length === 0 || this.scratch[0]!.bytes < bytes) {
      for (const s of this.scratch) this.arena.release(s.address, s.bytes);
      const size = Math.max(bytes, 64);
      this.scratch = Array.from({ length: this.threads }, () => ({
        address: this.arena.alloc(size),
        bytes: size,
      }));
    }
    return this.scratch.map((s) => s.address);
  }
}

/** A typed array of `length` elements of `dtype` at byte `address` of `buffer`. */
function view(buffer: ArrayBuffer, dtype: DType, address: number, length: number): TypedArray {
  switch (dtype) {
    case "f32":
      return new Float32Array(buffer, address, length);
    case "i32":
      return new Int32Array(buffer, address, length);
    case "f64":
      return new Float64Array(buffer, address, length);
  }
}
