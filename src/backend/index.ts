export { CpuDevice } from "./cpu/device.ts";
export { FastCpuDevice, type FastCpuOptions } from "./cpu/fast/device.ts";
export type { Device, DeviceBuffer, MemoryStats } from "./device.ts";
export * from "./dtype.ts";
export { DeviceError, UnsupportedError } from "./errors.ts";
export type {
  AttentionSizes,
  BinaryOp,
  KernelArgs,
  KernelName,
  ReduceOp,
  UnaryOp,
  View,
} from "./kernels.ts";
export { KERNEL_NAMES } from "./kernels.ts";
export type { TargetFeatures, TileImpl, TileRunner, TileTable } from "./tiled/launch.ts";
export { WebGpuDevice, type WebGpuOptions } from "./webgpu/device.ts";
export type { ComputeLimits, OptionalFeature } from "./webgpu/limits.ts";
// Device selection (createDevice in ./select.ts) is imported from its own module: it brings the
// WASM compiler with it, which the engine should not load unless a fast device is asked for.
