/**
 * Choosing a device by name, as the `--device` flag of the commands does:
 *   cpu      the fast CPU device (WASM SIMD tile kernels over a thread pool, reference kernels
 *            for the rest);
 *   cpu-ref  the reference CPU device (plain TypeScript, the oracle of the tests);
 *   webgpu   the WebGPU device (Dawn in Node; tile kernels compiled to WGSL).
 */
import { enableRelaxedSimd, loadWasmCompiler, preferOptimizedWasm } from "../tile/index.ts";
import { CpuDevice } from "./cpu/device.ts";
import { FastCpuDevice, type FastCpuOptions } from "./cpu/fast/device.ts";
import type { Device } from "./device.ts";
import { DeviceError } from "./errors.ts";
import { TILE_KERNELS } from "./tiled/table.ts";
import { WebGpuDevice, type WebGpuOptions } from "./webgpu/device.ts";

export { TILE_KERNELS };

export const DEVICE_KINDS = ["cpu", "cpu-ref", "webgpu"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A device that holds threads or a GPU until closed. */
export type OwnedDevice = Device & { close(): void };

export interface CreateDeviceOptions {
  /** Options of the fast CPU device ("cpu"). */
  cpu?: FastCpuOptions;
  /** Options of the WebGPU device ("webgpu"). */
  webgpu?: WebGpuOptions;
}

/** The reference CPU device under its own name, so listings and errors tell it apart. */
export class ReferenceCpuDevice extends CpuDevice {
  override readonly name: string = "cpu-ref";

  /** Nothing to release: host arrays are collected with their tensors. */
  close(): void {}
}

/** Whether `value` names a device kind. */
export function isDeviceKind(value: string): value is DeviceKind {
  return (DEVICE_KINDS as readonly string[]).includes(value);
}

/**
 * A new device of the given kind, with every tile kernel it can run. Asynchronous only because
 * the fast CPU device first loads the WASM compiler (a large module, loaded on demand); the
 * device itself is synchronous. Throws a DeviceError naming the kind when it is unknown, or
 * the reason when the WebGPU device cannot be opened.
 */
export async function createDevice(
  kind: string,
  options: CreateDeviceOptions = {},
): Promise<OwnedDevice> {
  if (!isDeviceKind(kind)) {
    throw new DeviceError(`unknown device "${kind}"; expected one of ${DEVICE_KINDS.join(", ")}`);
  }
  switch (kind) {
    case "cpu-ref":
      return new ReferenceCpuDevice();
    case "cpu": {
      // Kernels are few and hot: V8 compiles them with its optimizing tier up front, since
      // the baseline tier runs a kernel's first launches about 20x slower (1.8 against
      // 40 GFLOP/s measured on a 256³ GEMM) until tier-up.
      await loadWasmCompiler();
      await preferOptimizedWasm();
      const relaxedSimd = options.cpu?.relaxedSimd ?? (await enableRelaxedSimd());
      return new FastCpuDevice({ kernels: TILE_KERNELS, ...options.cpu, relaxedSimd });
    }
    case "webgpu":
      return WebGpuDevice.open({ kernels: TILE_KERNELS, ...options.webgpu });
  }
}
