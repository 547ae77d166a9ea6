/**
 * The CPU reference device: host arrays and plain TypeScript kernels. It is the oracle every
 * faster backend is tested against, so it favours clarity and float64 accumulation over speed.
 */
import type { Device, DeviceBuffer, MemoryStats } from "../device.ts";
import { allocArray, type DType, dtypeOfArray, dtypeSize, type TypedArray } from "../dtype.ts";
import { DeviceError } from "../errors.ts";
import type { KernelArgs, KernelName } from "../kernels.ts";
import { attention, attentionBackward } from "./attention.ts";
import { CpuBuffer, hostData } from "./buffer.ts";
import { binary, clamp, copy, fill, unary, where } from "./elementwise.ts";
import { rmsNormRows, rmsNormRowsBackward, swiglu, swigluBackward } from "./fused.ts";
import { gather, indexAdd, indexSelect, scatterAdd } from "./indexing.ts";
import { matmul } from "./matmul.ts";
import { matmulFp8Block, matmulMxfp4 } from "./quant-matmul.ts";
import { argmaxRows, logsumexpRows, reduceRows, softmaxRows, topkRows } from "./rows.ts";

/** An implementation of every vocabulary kernel. */
export type KernelTable = { [K in KernelName]: (args: KernelArgs[K]) => void };

/** The reference kernels, over host arrays (CpuBuffer). */
export const REFERENCE_KERNELS: KernelTable = {
  fill,
  copy,
  unary,
  clamp,
  binary,
  where,
  reduceRows,
  argmaxRows,
  softmaxRows,
  logsumexpRows,
  matmul,
  indexSelect,
  indexAdd,
  gather,
  scatterAdd,
  topkRows,
  rmsNormRows,
  rmsNormRowsBackward,
  swiglu,
  swigluBackward,
  attention,
  attentionBackward,
  matmulMxfp4,
  matmulFp8Block,
};

export class CpuDevice implements Device {
  readonly name: string = "cpu";
  readonly canReadSync = true;
  private liveBuffers = 0;
  private liveBytes = 0;
  private peakBytes = 0;

  /** Kernels may be overridden by faster implementations with the same contract. */
  constructor(protected readonly kernels: Partial<KernelTable> = {}) {}

  alloc(dtype: DType, length: number): DeviceBuffer {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new DeviceError(`cpu: cannot allocate ${length} elements of ${dtype}`);
    }
    return this.track(new CpuBuffer(this, dtype, allocArray(dtype, length)));
  }

  upload(data: TypedArray): DeviceBuffer {
    return this.track(new CpuBuffer(this, dtypeOfArray(data), data.slice()));
  }

  /** Wraps an existing array without copying; the device owns it from then on. */
  adopt(data: TypedArray): DeviceBuffer {
    return this.track(new CpuBuffer(this, dtypeOfArray(data), data));
  }

  read(buffer: DeviceBuffer): Promise<TypedArray> {
    return Promise.resolve(this.readSync(buffer));
  }

  readSync(buffer: DeviceBuffer): TypedArray {
    return hostData(buffer);
  }

  release(buffer: DeviceBuffer): void {
    if (!(buffer instanceof CpuBuffer) || buffer.released) {
      throw new DeviceError("cpu: release of a buffer that is foreign or already released");
    }
    buffer.released = true;
    this.liveBuffers--;
    this.liveBytes -= buffer.length * dtypeSize(buffer.dtype);
  }

  supports(kernel: KernelName): boolean {
    return kernel in REFERENCE_KERNELS;
  }

  run<K extends KernelName>(kernel: K, args: KernelArgs[K]): void {
    const impl = (this.kernels[kernel] ?? REFERENCE_KERNELS[kernel]) as (a: KernelArgs[K]) => void;
    impl(args);
  }

  memory(): MemoryStats {
    return { liveBuffers: this.liveBuffers, liveBytes: this.liveBytes, peakBytes: this.peakBytes };
  }

  resetPeak(): void {
    this.peakBytes = this.liveBytes;
  }

  private track(buffer: CpuBuffer): CpuBuffer {
    this.liveBuffers++;
    this.liveBytes += buffer.length * dtypeSize(buffer.dtype);
    this.peakBytes = Math.max(this.peakBytes, this.liveBytes);
    return buffer;
  }
}
