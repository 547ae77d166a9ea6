/**
 * The devices the backend tests run on. The fast CPU device is always there; the WebGPU device
 * when a GPU (or lavapipe) can be opened. With TESSERA_REQUIRE_WEBGPU=1 (set by CI) a missing
 * GPU fails the tests instead of skipping them, and every WebGPU test that runs appends a line to
 * $TESSERA_WEBGPU_MARKER, so CI can check that they really ran.
 */
import { appendFileSync } from "node:fs";
import { test } from "node:test";
import { FastCpuDevice } from "../../src/backend/cpu/fast/device.ts";
import type { TileTable } from "../../src/backend/tiled/launch.ts";
import { WebGpuDevice, type WebGpuOptions } from "../../src/backend/webgpu/device.ts";
import { enableRelaxedSimd, loadWasmCompiler, preferOptimizedWasm } from "../../src/tile/index.ts";

let gpu: WebGpuDevice | null | undefined;
let gpuReason = "";
let fast: FastCpuDevice | undefined;
let kernels: TileTable = {};

/**
 * The tile kernels the shared devices of this test file get (default none). Files that test
 * kernels pass TILE_KERNELS; the others avoid loading the WASM compiler.
 */
export function useTileKernels(table: TileTable): void {
  kernels = table;
}

/** Whether CI demands that the WebGPU tests run. */
export function webgpuRequired(): boolean {
  return process.env.TESSERA_REQUIRE_WEBGPU === "1";
}

/** Opens a WebGPU device with this file's tile kernels (and `options`); throws if none. */
export function openGpu(options: WebGpuOptions = {}): WebGpuDevice {
  return WebGpuDevice.open({ kernels, timeoutMs: 120_000, ...options });
}

/** The shared WebGPU device of this test process, or null (with the reason kept) if none. */
export function testGpu(): WebGpuDevice | null {
  if (gpu !== undefined) return gpu;
  try {
    gpu = openGpu();
  } catch (err) {
    if (webgpuRequired()) throw err;
    gpuReason = err instanceof Error ? err.message : String(err);
    gpu = null;
  }
  return gpu;
}

/**
 * Readies the WASM kernels as createDevice("cpu") does: loads the compiler, has V8 optimize
 * kernels up front, and turns on relaxed SIMD where the runtime has it behind a flag.
 */
export async function prepareWasmKernels(): Promise<void> {
  await loadWasmCompiler();
  await preferOptimizedWasm();
  await enableRelaxedSimd();
}

/**
 * The shared fast CPU device of this test process: two threads and no size threshold, so every
 * launch goes through the thread pool.
 */
export function testFastCpu(): FastCpuDevice {
  fast ??= new FastCpuDevice({ kernels, threads: 2, parallelThreshold: 0 });
  return fast;
}

/**
 * A test that runs on the shared WebGPU device: skipped (with the reason) when there is none,
 * failed when CI requires one, and recorded in the marker file when it runs.
 */
export function gpuTest(
  name: string,
  fn: (gpu: WebGpuDevice) => void | Promise<void>,
  options: { timeout?: number } = {},
): void {
  test(`webgpu: ${name}`, { timeout: options.timeout ?? 120_000 }, async (t) => {
    const device = testGpu();
    if (!device) {
      t.skip(`no WebGPU device: ${gpuReason}`);
      return;
    }
    await fn(device);
    const marker = process.env.TESSERA_WEBGPU_MARKER;
    if (marker) appendFileSync(marker, `${name}\n`);
  });
}

/** Stops the shared devices' threads so the test process can exit promptly. */
export function closeTestDevices(): void {
  gpu?.close();
  gpu = undefined;
  fast?.close();
  fast = undefined;
}
