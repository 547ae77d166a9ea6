/** Host-memory buffers of the CPU backend. */
import type { Device, DeviceBuffer } from "../device.ts";
import type { DType, TypedArray } from "../dtype.ts";
import { DeviceError } from "../errors.ts";

export class CpuBuffer implements DeviceBuffer {
  released = false;

  constructor(
    readonly device: Device,
    readonly dtype: DType,
    readonly data: TypedArray,
  ) {}

  get length(): number {
    return this.data.length;
  }
}

/** The host array behind a buffer, after checking that it belongs to the CPU and is alive. */
export function hostData(buffer: DeviceBuffer): TypedArray {
  if (!(buffer instanceof CpuBuffer)) {
    throw new DeviceError(`cpu: got a buffer of device "${buffer.device.name}"; move it first`);
  }
  if (buffer.released) throw new DeviceError("cpu: buffer used after it was released");
  return buffer.data;
}
