/**
 * The seam between the tensor engine and the hardware. `tensor/` only ever talks to a Device:
 * it allocates buffers, dispatches named kernels over strided views of them, and reads results
 * back. A backend (CPU reference, fast WASM, WebGPU) implements this interface; kernels it lacks
 * are declared through `supports` so callers fail loudly instead of falling back silently.
 */
import type { DType, TypedArray } from "./dtype.ts";
import type { KernelArgs, KernelName } from "./kernels.ts";

/** Memory owned by one device. Its contents are reached only through the device. */
export interface DeviceBuffer {
  readonly device: Device;
  readonly dtype: DType;
  /** Number of elements. */
  readonly length: number;
}

export interface MemoryStats {
  /** Buffers allocated and not yet released. */
  liveBuffers: number;
  liveBytes: number;
  /** Highest liveBytes seen since the device was created or the stats were reset. */
  peakBytes: number;
}

export interface Device {
  /** "cpu", "webgpu", ... */
  readonly name: string;
  /** Whether `readSync` works (true for host-memory devices). */
  readonly canReadSync: boolean;

  /** A zero-filled buffer of `length` elements. */
  alloc(dtype: DType, length: number): DeviceBuffer;
  /** A buffer holding a copy of `data`. */
  upload(data: TypedArray): DeviceBuffer;
  /** Copies the buffer's contents back to the host, once all queued work has finished. */
  read(buffer: DeviceBuffer): Promise<TypedArray>;
  /** Synchronous read-back; throws a DeviceError on devices where `canReadSync` is false. */
  readSync(buffer: DeviceBuffer): TypedArray;
  /** Returns the buffer's memory to the device. Using the buffer afterwards is an error. */
  release(buffer: DeviceBuffer): void;

  /** Whether the device implements `kernel`. */
  supports(kernel: KernelName): boolean;
  /** Queues (or runs) one kernel. Outputs are buffers the caller allocated. */
  run<K extends KernelName>(kernel: K, args: KernelArgs[K]): void;

  memory(): MemoryStats;
  resetPeak(): void;
}
