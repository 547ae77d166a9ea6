/** Buffers of the WebGPU device: a handle naming GPU memory held by the host thread. */
import type { Device, DeviceBuffer } from "../device.ts";
import type { DType } from "../dtype.ts";
import { DeviceError } from "../errors.ts";

export class GpuBuffer implements DeviceBuffer {
  released = false;

  constructor(
    readonly device: Device,
    readonly dtype: DType,
    readonly length: number,
    /** The host's name for the memory. */
    readonly id: number,
    readonly bytes: number,
  ) {}
}

/** The GPU buffer behind `buffer`, after checking it belongs to `device` and is alive. */
export function gpuBuffer(device: Device, buffer: DeviceBuffer): GpuBuffer {
  if (!(buffer instanceof GpuBuffer) || buffer.device !== device) {
    throw new DeviceError(
      `webgpu: got a buffer of device "${buffer.device.name}"; move it to this device first`,
    );
  }
  if (buffer.released) throw new DeviceError("webgpu: buffer used after it was released");
  return buffer;
}
