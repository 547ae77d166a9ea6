/**
 * The WebGPU device's runtime, independent of the tile compiler: synchronous and asynchronous
 * read-back, memory accounting, the buffer pool, command ordering across batches, the limit and
 * feature handling, and the errors. Kernels here are small hand-written WGSL modules.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { CpuDevice, DeviceError, UnsupportedError, WebGpuDevice } from "../../src/backend/index.ts";
import type { CompiledWgsl } from "../../src/tile/target.ts";
import { closeTestDevices, gpuTest, openGpu } from "../helpers/devices.ts";

after(closeTestDevices);

/** y[off_y + i] = x[off_x + i] * s + y[off_y + i] for i < N: reads and writes one buffer each. */
const AXPY: CompiledWgsl = {
  name: "axpy",
  signature: {
    tensors: [
      { name: "x", dtype: "f32", access: "read" },
      { name: "y", dtype: "f32", access: "readwrite" },
    ],
    sizes: ["N"],
    scalars: [{ name: "s", type: "f32" }],
  },
  code: `struct Params { N: u32, s: f32, off_x: u32, off_y: u32 }
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3u) {
  if (g.x < p.N) { y[p.off_y + g.x] = x[p.off_x + g.x] * p.s + y[p.off_y + g.x]; }
}`,
  entryPoint: "main",
  workgroupSize: [64, 1, 1],
  workgroupStorageBytes: 0,
  bindings: [
    { binding: 0, name: "x", kind: "storage-read", elementType: "f32" },
    { binding: 1, name: "y", kind: "storage", elementType: "f32" },
    { binding: 2, name: "params", kind: "uniform", elementType: "u32" },
  ],
  uniformLayout: [
    { name: "N", type: "u32", offset: 0 },
    { name: "s", type: "f32", offset: 4 },
    { name: "off_x", type: "u32", offset: 8 },
    { name: "off_y", type: "u32", offset: 12 },
  ],
  uniformBytes: 16,
  dispatch: (v) => [Math.ceil((v.N ?? 0) / 64), 1, 1],
};

function axpy(
  gpu: WebGpuDevice,
  x: Parameters<WebGpuDevice["release"]>[0],
  y: typeof x,
  s: number,
) {
  gpu.launch(
    "test-axpy",
    () => AXPY,
    [
      { buffer: x, offset: 0 },
      { buffer: y, offset: 0 },
    ],
    {
      N: y.length,
      s,
    },
  );
}

describe("webgpu device runtime", () => {
  gpuTest(
    "upload, readSync and read return the data, for odd sizes and both dtypes",
    async (gpu) => {
      for (const data of [
        new Float32Array([1.5]),
        new Float32Array([1, -2, 3.25]),
        Int32Array.from({ length: 1001 }, (_, i) => i * 7 - 3000),
        new Float32Array(0),
      ]) {
        const b = gpu.upload(data);
        assert.deepEqual(gpu.readSync(b), data);
        assert.deepEqual(await gpu.read(b), data);
        gpu.release(b);
      }
    },
  );

  gpuTest("memory accounting counts live buffers, bytes and the peak", (gpu) => {
    const start = gpu.memory();
    gpu.resetPeak();
    const a = gpu.alloc("f32", 100);
    const b = gpu.alloc("i32", 3);
    assert.deepEqual(gpu.memory(), {
      liveBuffers: start.liveBuffers + 2,
      liveBytes: start.liveBytes + 412,
      peakBytes: start.liveBytes + 412,
    });
    gpu.release(a);
    assert.equal(gpu.memory().liveBytes, start.liveBytes + 12);
    assert.equal(gpu.memory().peakBytes, start.liveBytes + 412);
    gpu.resetPeak();
    assert.equal(gpu.memory().peakBytes, start.liveBytes + 12);
    gpu.release(b);
    assert.equal(gpu.memory().liveBuffers, start.liveBuffers);
    assert.throws(() => gpu.release(b), /released/);
  });

  gpuTest("released buffers are reused, and a reused buffer starts zeroed", (gpu) => {
    const first = gpu.upload(new Float32Array(1000).fill(9));
    gpu.release(first);
    const before = gpu.sync().gpuBuffers;
    for (let i = 0; i < 20; i++) {
      const b = gpu.alloc("f32", 1000);
      assert.equal(
        gpu.readSync(b).every((v) => v === 0),
        true,
        "zero-filled",
      );
      gpu.run("fill", { out: b, value: i + 1 });
      gpu.release(b);
    }
    assert.equal(gpu.sync().gpuBuffers, before, "no new GPU buffers for a repeated size");
  });

  gpuTest("commands keep their order across batches, pool reuse and host writes", (gpu) => {
    const x = gpu.upload(new Float32Array([1, 2, 3]));
    const y = gpu.alloc("f32", 3);
    // 150 dispatches span several batches (64 per batch); each adds x to y.
    for (let i = 0; i < 150; i++) axpy(gpu, x, y, 1);
    // x is released while the dispatches may still be unsubmitted; its GPU buffer is reused at
    // once by an upload that must not change what those dispatches read.
    gpu.release(x);
    const big = gpu.upload(new Float32Array([100, 200, 300]));
    assert.deepEqual(gpu.readSync(y), new Float32Array([150, 300, 450]));
    // A large host write (past the arena) to a buffer used by recorded work waits for it.
    const n = 8192;
    const u = gpu.upload(new Float32Array(n).fill(1));
    const v = gpu.alloc("f32", n);
    axpy(gpu, u, v, 2);
    gpu.release(u);
    const w = gpu.upload(new Float32Array(n).fill(5));
    const got = gpu.readSync(v);
    assert.equal(got[0], 2);
    assert.equal(got[n - 1], 2);
    for (const b of [y, big, v, w]) gpu.release(b);
  });

  gpuTest("a fill with a value and views at offsets reach the right elements", (gpu) => {
    const x = gpu.upload(new Float32Array([0, 0, 1, 2, 3, 4]));
    const y = gpu.alloc("f32", 5);
    gpu.run("fill", { out: y, value: 0.5 });
    gpu.launch(
      "test-axpy",
      () => AXPY,
      [
        { buffer: x, offset: 2 },
        { buffer: y, offset: 1 },
      ],
      {
        N: 3,
        s: 10,
      },
    );
    assert.deepEqual(gpu.readSync(y), new Float32Array([0.5, 10.5, 20.5, 30.5, 0.5]));
    gpu.release(x);
    gpu.release(y);
  });

  gpuTest("reads answered out of order of their requests each get their own data", async (gpu) => {
    const bufs = [1, 2, 3].map((v) => gpu.upload(new Int32Array(5).fill(v)));
    const pending = bufs.map((b) => gpu.read(b));
    assert.deepEqual(gpu.readSync(bufs[2]!), new Int32Array(5).fill(3));
    const all = await Promise.all(pending);
    all.forEach((data, i) => {
      assert.deepEqual(data, new Int32Array(5).fill(i + 1));
    });
    for (const b of bufs) gpu.release(b);
  });

  gpuTest("a kernel without a tile implementation is refused by name", (gpu) => {
    const bare = openGpu({ kernels: {} });
    try {
      assert.equal(bare.supports("unary"), false);
      assert.equal(bare.supports("fill"), true);
      const x = bare.upload(new Float32Array(4));
      const out = bare.alloc("f32", 4);
      assert.throws(
        () =>
          bare.run("unary", {
            op: "exp",
            x: { buffer: x, shape: [4], strides: [1], offset: 0 },
            out,
          }),
        (err: unknown) =>
          err instanceof UnsupportedError &&
          /webgpu: kernel "unary" has no WGSL implementation/.test(err.message),
      );
    } finally {
      bare.close();
    }
    assert.ok(gpu.supports("fill"));
  });

  gpuTest("buffers of another device and launches of the wrong shape are errors", (gpu) => {
    const cpu = new CpuDevice();
    const foreign = cpu.alloc("f32", 2);
    assert.throws(() => gpu.release(foreign), /webgpu: got a buffer of device "cpu"/);
    const x = gpu.alloc("i32", 4);
    const y = gpu.alloc("f32", 4);
    assert.throws(
      () => gpu.launch("test-axpy", () => AXPY, [{ buffer: x, offset: 0 }], { N: 4, s: 1 }),
      /kernel "axpy" takes 2 tensors, got 1/,
    );
    assert.throws(
      () =>
        gpu.launch(
          "test-axpy",
          () => AXPY,
          [
            { buffer: x, offset: 0 },
            { buffer: y, offset: 0 },
          ],
          {
            N: 4,
            s: 1,
          },
        ),
      /kernel "axpy" tensor "x" must be f32, got i32/,
    );
    assert.throws(
      () =>
        gpu.launch(
          "test-axpy",
          () => AXPY,
          [
            { buffer: y, offset: 0 },
            { buffer: y, offset: 0 },
          ],
          {
            N: 64 * 70000,
            s: 1,
          },
        ),
      /asks for \[70000, 1, 1\] workgroups; this device allows at most 65535/,
    );
    gpu.release(x);
    gpu.release(y);
  });

  gpuTest("a WGSL compile error surfaces as a DeviceError naming the kernel", (gpu) => {
    const broken: CompiledWgsl = { ...AXPY, name: "brokenAxpy", code: `${AXPY.code}\nfn oops( {` };
    const x = gpu.alloc("f32", 2);
    const launch = () =>
      gpu.launch(
        "test-broken",
        () => broken,
        [
          { buffer: x, offset: 0 },
          { buffer: x, offset: 0 },
        ],
        {
          N: 2,
          s: 1,
        },
      );
    const compileError = (err: unknown) =>
      err instanceof DeviceError &&
      /kernel "brokenAxpy" did not compile: .*expected/s.test(err.message);
    assert.throws(launch, compileError);
    // Not cached as compiled: a second launch reports the same error, nothing runs.
    assert.throws(launch, compileError);
    gpu.sync();
    gpu.release(x);
    // The device keeps working after the error was reported.
    const y = gpu.upload(new Float32Array([4]));
    assert.deepEqual(gpu.readSync(y), new Float32Array([4]));
    gpu.release(y);
  });
});

describe("webgpu start-up", () => {
  test("a GPU that cannot be opened is a DeviceError with the host's reason", () => {
    assert.throws(
      () => WebGpuDevice.open({ backend: "no-such-backend", timeoutMs: 60_000 }),
      (err: unknown) =>
        err instanceof DeviceError &&
        /^webgpu: cannot open a GPU: .*no-such-backend/.test(err.message),
    );
  });
});

describe("webgpu limits and features", () => {
  gpuTest("the device runs with the adapter's real limits", (gpu) => {
    const l = gpu.limits;
    assert.ok(l.maxStorageBufferBindingSize >= 128 << 20, "at least the WebGPU default");
    assert.ok(l.maxBufferSize >= l.maxStorageBufferBindingSize);
    assert.deepEqual(l, gpu.adapter.limits);
  });

  gpuTest("tensors above the binding or buffer limits are refused, naming size and limit", () => {
    const small = openGpu({ limits: { maxStorageBufferBindingSize: 4096, maxBufferSize: 8192 } });
    try {
      const ok = small.alloc("f32", 1024);
      small.release(ok);
      assert.throws(
        () => small.alloc("f32", 1025),
        /webgpu: cannot allocate f32\[1025\] \(4100 bytes\): .*maxStorageBufferBindingSize of 4096/,
      );
      assert.throws(
        () => small.upload(new Int32Array(3000)),
        /cannot allocate i32\[3000\] \(12000 bytes\): above this device's maxBufferSize of 8192/,
      );
      assert.equal(small.memory().liveBuffers, 0);
    } finally {
      small.close();
    }
  });

  gpuTest("optional features are detected, and the device works without them", (gpu) => {
    const offered = gpu.adapter.adapterFeatures;
    assert.equal(gpu.features.shaderF16, offered.includes("shader-f16"));
    assert.equal(gpu.features.subgroups, offered.includes("subgroups"));
    const plain = openGpu({ features: [] });
    try {
      assert.equal(plain.features.shaderF16, false);
      assert.equal(plain.features.subgroups, false);
      assert.ok(!plain.adapter.features.includes("shader-f16"));
      const x = plain.upload(new Float32Array([1, 2]));
      const y = plain.upload(new Float32Array([10, 20]));
      axpy(plain, x, y, 3);
      assert.deepEqual(plain.readSync(y), new Float32Array([13, 26]));
    } finally {
      plain.close();
    }
  });
});
