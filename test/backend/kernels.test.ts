/**
 * The shared kernel suite: every kernel of the vocabulary, on every available device (reference
 * CPU, fast CPU, WebGPU), against the reference CPU device on the same random inputs of awkward
 * shapes, with tolerances per case. A kernel the WebGPU device does not implement must be
 * refused with an UnsupportedError naming the kernel and the device; those are listed.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  type Device,
  FastCpuDevice,
  KERNEL_NAMES,
  type KernelArgs,
  type KernelName,
  UnsupportedError,
} from "../../src/backend/index.ts";
import { ReferenceCpuDevice, TILE_KERNELS } from "../../src/backend/select.ts";
import {
  closeTestDevices,
  gpuTest,
  prepareWasmKernels,
  testFastCpu,
  useTileKernels,
} from "../helpers/devices.ts";
import { compare, type KernelCase, kernelCases } from "./kernel-cases.ts";

await prepareWasmKernels();
useTileKernels(TILE_KERNELS);
const reference = new ReferenceCpuDevice();
const cases = kernelCases();

after(closeTestDevices);

function runCase<K extends KernelName>(device: Device, kase: KernelCase<K>) {
  const want = kase.build(reference);
  reference.run(kase.kernel, want.args);
  const got = kase.build(device);
  try {
    const before = device.memory().liveBuffers;
    device.run(kase.kernel, got.args);
    got.outputs.forEach((buffer, i) => {
      const expected = reference.readSync(want.outputs[i]!);
      const actual = device.readSync(buffer);
      const { excess, at } = compare(actual, expected, kase.tol);
      assert.equal(
        at,
        -1,
        `${device.name} ${kase.kernel} (${kase.label}) output ${i}[${at}]: got ${actual[at]}, ` +
          `want ${expected[at]} (over tolerance by ${excess})`,
      );
    });
    // A kernel's scratch buffers go back to the device before it returns.
    assert.equal(device.memory().liveBuffers, before, `${kase.kernel} leaked scratch buffers`);
  } finally {
    releaseAll(device, got.args);
    releaseAll(reference, want.args);
  }
}

/** Releases every distinct buffer a case allocated. */
function releaseAll(device: Device, args: KernelArgs[KernelName]): void {
  const seen = new Set<unknown>();
  for (const v of Object.values(args)) {
    const buffer = v && typeof v === "object" && "buffer" in v ? v.buffer : v;
    if (buffer && typeof buffer === "object" && "dtype" in buffer && !seen.has(buffer)) {
      seen.add(buffer);
      device.release(buffer);
    }
  }
}

test("the suite has cases for every kernel of the vocabulary", () => {
  const covered = new Set(cases.map((k) => k.kernel));
  assert.deepEqual(
    KERNEL_NAMES.filter((k) => !covered.has(k)),
    [],
  );
});

for (const make of [() => reference, testFastCpu] as const) {
  const name = make === testFastCpu ? "cpu (fast)" : "cpu-ref";
  describe(`kernels on ${name}`, () => {
    for (const kernel of KERNEL_NAMES) {
      test(kernel, () => {
        const device = make();
        const start = device.memory().liveBuffers;
        for (const kase of cases.filter((k) => k.kernel === kernel)) runCase(device, kase);
        assert.equal(device.memory().liveBuffers, start, "every buffer was released");
      });
    }
  });
}

describe("kernels on cpu (fast) without relaxed SIMD", () => {
  // The fallback a runtime without relaxed SIMD gets: the same kernels, mul + add for FMA.
  const plain = new FastCpuDevice({
    kernels: TILE_KERNELS,
    threads: 2,
    parallelThreshold: 0,
    relaxedSimd: false,
  });
  after(() => plain.close());
  for (const kernel of KERNEL_NAMES.filter((k) => plain.hasFastKernel(k))) {
    test(kernel, () => {
      for (const kase of cases.filter((k) => k.kernel === kernel)) runCase(plain, kase);
    });
  }
});

describe("kernels on webgpu", () => {
  // What the device refuses, by kernel and case: each refusal must be an UnsupportedError
  // naming the device and the kernel. The list is printed, so gaps stay visible.
  const refused: string[] = [];
  /** Runs a case; an UnsupportedError naming the device and kernel is recorded instead. */
  const tryCase = (gpu: Device, kase: KernelCase): void => {
    try {
      runCase(gpu, kase);
    } catch (err) {
      if (!(err instanceof UnsupportedError)) throw err;
      assert.match(err.message, new RegExp(`^webgpu: kernel "${kase.kernel}" has no WGSL`));
      refused.push(`${kase.kernel} (${kase.label})`);
    }
  };
  for (const kernel of KERNEL_NAMES) {
    gpuTest(kernel, (gpu) => {
      const mine = cases.filter((k) => k.kernel === kernel && !k.f64);
      const before = refused.length;
      for (const kase of mine) tryCase(gpu, kase);
      if (!gpu.supports(kernel)) {
        assert.equal(refused.length - before, mine.length, `${kernel} is unsupported but ran`);
      }
    });
  }
  gpuTest("f64 tensors are refused with an UnsupportedError", (gpu) => {
    assert.throws(() => gpu.alloc("f64", 3), /webgpu: f64 tensors are not supported/);
  });
  after(() => {
    if (refused.length > 0) {
      process.stdout.write(`# webgpu has no WGSL kernel for: ${refused.join("; ")}\n`);
    }
  });
});
