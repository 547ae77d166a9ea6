/**
 * Device selection: createDevice by name, the `--device` flag of the commands, and the
 * `tessera devices` listing.
 */
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, test } from "node:test";
import { FastCpuDevice, KERNEL_NAMES, WebGpuDevice } from "../../src/backend/index.ts";
import { createDevice, DEVICE_KINDS, TILE_KERNELS } from "../../src/backend/select.ts";
import { parseCommandArgs } from "../../src/cli/args.ts";
import { DEVICE_FLAG, deviceKind } from "../../src/cli/device-flag.ts";
import { type DevicesReport, formatDevices, runDevices } from "../../src/cli/devices.ts";
import { gpuTest, webgpuRequired } from "../helpers/devices.ts";

describe("createDevice", () => {
  test("cpu-ref is the reference device under its own name", async () => {
    const d = await createDevice("cpu-ref");
    assert.equal(d.name, "cpu-ref");
    const out = d.alloc("f32", 3);
    d.run("fill", { out, value: 2 });
    assert.deepEqual(Array.from(d.readSync(out)), [2, 2, 2]);
    d.close();
  });

  test("cpu is the fast device with the tile kernels, on one thread per core", async () => {
    const d = await createDevice("cpu");
    try {
      assert.ok(d instanceof FastCpuDevice);
      assert.equal(d.threads, availableParallelism());
      assert.equal(d.hasFastKernel("matmul"), true);
      for (const k of KERNEL_NAMES) {
        assert.equal(d.hasFastKernel(k), k in TILE_KERNELS, k);
        assert.equal(d.supports(k), true, `${k}: the reference kernels cover the rest`);
      }
    } finally {
      d.close();
    }
  });

  test("an unknown name is refused, listing the known ones", async () => {
    await assert.rejects(
      createDevice("tpu"),
      /unknown device "tpu"; expected one of cpu, cpu-ref, webgpu/,
    );
  });

  gpuTest("webgpu opens the GPU with the tile kernels", async () => {
    const d = await createDevice("webgpu");
    try {
      assert.ok(d instanceof WebGpuDevice);
      assert.equal(d.supports("matmul"), true);
    } finally {
      d.close();
    }
  });
});

describe("the --device flag", () => {
  const specs = { device: DEVICE_FLAG };
  const parse = (argv: string[]) => parseCommandArgs("tessera train", argv, specs)!;

  test("names one of the device kinds, cpu by default", () => {
    assert.equal(deviceKind(parse([])), "cpu");
    for (const kind of DEVICE_KINDS) assert.equal(deviceKind(parse(["--device", kind])), kind);
  });

  test("anything else is a usage error naming the choices", () => {
    assert.throws(
      () => deviceKind(parse(["--device", "gpu"])),
      /tessera train: --device must be one of cpu, cpu-ref, webgpu; got "gpu"/,
    );
  });
});

describe("tessera devices", () => {
  const cpu = { threads: 2, simd: true, relaxedSimdNative: false, relaxedSimd: true };

  test("lists the CPU, and the adapter with its features and limits", () => {
    const report: DevicesReport = {
      cpu,
      webgpu: {
        available: true,
        vendor: "mesa",
        architecture: "software",
        device: "llvmpipe",
        description: "llvmpipe (LLVM 15)",
        features: ["shader-f16"],
        adapterFeatures: ["shader-f16", "subgroups"],
        limits: { maxBufferSize: 1024 },
      },
    };
    const text = formatDevices(report);
    assert.match(text, /threads: 2/);
    assert.match(text, /relaxed SIMD \(FMA\): yes \(enabled through the V8 flag/);
    assert.match(text, /webgpu {4}llvmpipe \(LLVM 15\)/);
    assert.match(text, /features in use: shader-f16\n/);
    assert.match(text, /maxBufferSize +1024/);
  });

  test("says why there is no GPU", () => {
    const text = formatDevices({
      cpu,
      webgpu: { available: false, reason: "no GPU adapter found" },
    });
    assert.match(text, /webgpu {4}unavailable: no GPU adapter found/);
  });

  test("--json reports this machine", async () => {
    let out = "";
    assert.equal(await runDevices(["--json"], (t) => (out += t)), 0);
    const report = JSON.parse(out) as DevicesReport;
    assert.equal(report.cpu.threads, availableParallelism());
    assert.equal(report.cpu.simd, true);
    if (webgpuRequired()) assert.equal(report.webgpu.available, true);
  });
});
