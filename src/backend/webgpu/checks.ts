/**
 * Checks the WebGPU device makes before the GPU sees a request, so that a request beyond the
 * device's limits is an error naming the size and the limit rather than a lost device or
 * garbage; and small facts about arguments the device needs.
 */
import type { CompiledWgsl } from "../../tile/target.ts";
import { type DType, dtypeSize } from "../dtype.ts";
import { DeviceError, UnsupportedError } from "../errors.ts";
import type { View } from "../kernels.ts";
import { GpuBuffer } from "./buffer.ts";
import { COMPUTE_LIMITS, type ComputeLimit, type ComputeLimits } from "./limits.ts";

/** The device's limits with the "max" ones lowered to `caps` where given. */
export function capLimits(limits: ComputeLimits, caps: Partial<ComputeLimits>): ComputeLimits {
  const out = { ...limits };
  for (const name of COMPUTE_LIMITS) {
    const cap = caps[name];
    if (cap !== undefined && isMaxLimit(name)) out[name] = Math.min(cap, limits[name]);
  }
  return out;
}

function isMaxLimit(name: ComputeLimit): boolean {
  return name.startsWith("max");
}

/**
 * Bytes of a tensor of `length` elements of `dtype`, after checking that kernels could bind
 * it: within maxBufferSize and maxStorageBufferBindingSize. f64 is refused (WGSL has none).
 */
export function checkSize(limits: ComputeLimits, dtype: DType, length: number): number {
  if (dtype === "f64") {
    throw new UnsupportedError(
      "webgpu: f64 tensors are not supported (WGSL has no 64-bit floats); use f32",
    );
  }
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new DeviceError(`webgpu: cannot allocate ${length} elements of ${dtype}`);
  }
  const bytes = length * dtypeSize(dtype);
  const what = `${dtype}[${length}] (${bytes} bytes)`;
  const { maxBufferSize, maxStorageBufferBindingSize } = limits;
  if (bytes > maxBufferSize) {
    throw new DeviceError(
      `webgpu: cannot allocate ${what}: above this device's maxBufferSize of ` +
        `${maxBufferSize} bytes`,
    );
  }
  if (bytes > maxStorageBufferBindingSize) {
    throw new DeviceError(
      `webgpu: cannot allocate ${what}: kernels could not bind it, it is above this device's ` +
        `maxStorageBufferBindingSize of ${maxStorageBufferBindingSize} bytes`,
    );
  }
  return bytes;
}

/** Checks a compiled kernel's workgroup memory and size against the device's limits. */
export function checkKernel(limits: ComputeLimits, kernel: CompiledWgsl): void {
  if (kernel.workgroupStorageBytes > limits.maxComputeWorkgroupStorageSize) {
    throw new DeviceError(
      `webgpu: kernel "${kernel.name}" needs ${kernel.workgroupStorageBytes} bytes of ` +
        `workgroup memory; this device's maxComputeWorkgroupStorageSize is ` +
        `${limits.maxComputeWorkgroupStorageSize}`,
    );
  }
  const [x, y, z] = kernel.workgroupSize;
  if (x * y * z > limits.maxComputeInvocationsPerWorkgroup) {
    throw new DeviceError(
      `webgpu: kernel "${kernel.name}" has workgroups of ${x * y * z} invocations; this ` +
        `device's maxComputeInvocationsPerWorkgroup is ${limits.maxComputeInvocationsPerWorkgroup}`,
    );
  }
}

/** Checks a launch's workgroup counts against maxComputeWorkgroupsPerDimension. */
export function checkGroups(
  limits: ComputeLimits,
  kernel: CompiledWgsl,
  groups: readonly number[],
): void {
  const max = limits.maxComputeWorkgroupsPerDimension;
  if (groups.some((g) => !Number.isInteger(g) || g < 0 || g > max)) {
    throw new DeviceError(
      `webgpu: kernel "${kernel.name}" asks for [${groups.join(", ")}] workgroups; ` +
        `this device allows at most ${max} per dimension`,
    );
  }
}

/** The dtypes and shapes of a kernel's arguments, for error messages. */
export function describeArgs(args: object): string {
  const parts: string[] = [];
  for (const [name, v] of Object.entries(args)) {
    if (v instanceof GpuBuffer) parts.push(`${name}: ${v.dtype}[${v.length}]`);
    else if (v && typeof v === "object" && "buffer" in v && v.buffer instanceof GpuBuffer) {
      const shape = "shape" in v && Array.isArray(v.shape) ? v.shape.join(", ") : "?";
      parts.push(`${name}: ${v.buffer.dtype}[${shape}]`);
    } else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      parts.push(`${name}: ${v}`);
    }
  }
  return parts.join(", ");
}

/** Whether a view covers one dense row-major run (dims of size 1 may have any stride). */
export function isDense(v: View): boolean {
  let expected = 1;
  for (let d = v.shape.length - 1; d >= 0; d--) {
    const size = v.shape[d]!;
    if (size !== 1 && v.strides[d] !== expected) return false;
    expected *= size;
  }
  return true;
}
