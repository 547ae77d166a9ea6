export { CpuDevice } from "./cpu/device.ts";
export type { Device, DeviceBuffer, MemoryStats } from "./device.ts";
export * from "./dtype.ts";
export { DeviceError, UnsupportedError } from "./errors.ts";
export type { BinaryOp, KernelArgs, KernelName, ReduceOp, UnaryOp, View } from "./kernels.ts";
export { KERNEL_NAMES } from "./kernels.ts";
