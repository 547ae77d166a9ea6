/**
 * The fast CPU device's pieces: the shared-memory arena (size classes, reuse, growth, limits),
 * the thread pool (grid splitting, failures on workers) and the device over them (accounting,
 * read-back, reference kernels on arena memory).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { Arena } from "../../src/backend/cpu/fast/arena.ts";
import { FastCpuDevice } from "../../src/backend/cpu/fast/device.ts";
import { KernelPool } from "../../src/backend/cpu/fast/pool.ts";
import { CpuDevice, DeviceError } from "../../src/backend/index.ts";
import { sizeClass } from "../../src/backend/size-class.ts";

/**
 * A hand-assembled kernel: run(out, owner, trapAt, scratch, start, end) sets, for each block b
 * of its range, out[b] = b + 1 and owner[b] = scratch (which thread ran it), and traps
 * (`unreachable`) on block trapAt.
 */
const BLOCK_IDS = new Uint8Array([
  // header; type (i32 x 6) -> (); import env.memory shared 1..65536; one function; export "run"
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x0a,
  0x01,
  0x60,
  0x06,
  0x7f,
  0x7f,
  0x7f,
  0x7f,
  0x7f,
  0x7f,
  0x00,
  0x02,
  0x12,
  0x01,
  0x03,
  0x65,
  0x6e,
  0x76,
  0x06,
  0x6d,
  0x65,
  0x6d,
  0x6f,
  0x72,
  0x79,
  0x02,
  0x03,
  0x01,
  0x80,
  0x80,
  0x04,
  0x03,
  0x02,
  0x01,
  0x00,
  0x07,
  0x07,
  0x01,
  0x03,
  0x72,
  0x75,
  0x6e,
  0x00,
  0x00,
  // code: one body of 68 bytes with one i32 local b
  0x0a,
  0x46,
  0x01,
  0x44,
  0x01,
  0x01,
  0x7f,
  0x20,
  0x04,
  0x21,
  0x06, // b = start
  0x02,
  0x40,
  0x03,
  0x40, // block, loop
  0x20,
  0x06,
  0x20,
  0x05,
  0x4e,
  0x0d,
  0x01, // br_if out when b >= end
  0x20,
  0x06,
  0x20,
  0x02,
  0x46,
  0x04,
  0x40,
  0x00,
  0x0b, // if b == trapAt: unreachable
  0x20,
  0x00,
  0x20,
  0x06,
  0x41,
  0x04,
  0x6c,
  0x6a,
  0x20,
  0x06,
  0x41,
  0x01,
  0x6a,
  0x36,
  0x02,
  0x00, // out[b] = b + 1
  0x20,
  0x01,
  0x20,
  0x06,
  0x41,
  0x04,
  0x6c,
  0x6a,
  0x20,
  0x03,
  0x36,
  0x02,
  0x00, // owner[b]
  0x20,
  0x06,
  0x41,
  0x01,
  0x6a,
  0x21,
  0x06,
  0x0c,
  0x00, // b += 1; continue
  0x0b,
  0x0b,
  0x0b,
]);

describe("arena", () => {
  test("size classes are 2^k and 1.5·2^k bytes, multiples of 64", () => {
    assert.deepEqual(
      [1, 64, 65, 96, 97, 128, 129, 1000, 4096, 5000, 7000].map(sizeClass),
      [64, 64, 128, 128, 128, 128, 192, 1024, 4096, 6144, 8192],
    );
  });

  test("a freed block is reused for the same class, zero-filled", () => {
    const arena = new Arena({ reservedBytes: 64, initialBytes: 1 << 16, maximumBytes: 1 << 20 });
    const a = arena.alloc(100);
    assert.equal(a % 64, 0);
    assert.ok(a >= 64, "the reserved bottom is never handed out");
    new Uint8Array(arena.buffer, a, 100).fill(7);
    arena.release(a, 100);
    assert.equal(arena.stats().freeBytes, 128);
    const b = arena.alloc(120);
    assert.equal(b, a);
    assert.ok(new Uint8Array(arena.buffer, b, 128).every((v) => v === 0));
    assert.deepEqual(arena.stats(), { usedBytes: 128, freeBytes: 0, memoryBytes: 1 << 16 });
  });

  test("growing the memory keeps earlier views and their data", () => {
    const arena = new Arena({ reservedBytes: 64, initialBytes: 1 << 16, maximumBytes: 1 << 22 });
    const a = arena.alloc(1000);
    const early = new Float32Array(arena.buffer, a, 250);
    early.fill(1.5);
    arena.alloc(3 << 20);
    assert.ok(arena.stats().memoryBytes >= (3 << 20) + 1000);
    assert.equal(early[249], 1.5);
    assert.equal(new Float32Array(arena.buffer, a, 250)[0], 1.5);
  });

  test("a request beyond the maximum is a DeviceError naming the sizes", () => {
    const arena = new Arena({ reservedBytes: 64, initialBytes: 1 << 16, maximumBytes: 1 << 18 });
    assert.throws(
      () => arena.alloc(300_000),
      /cpu: cannot allocate 300000 bytes: .* above its maximum of 262144 bytes/,
    );
  });
});

describe("kernel pool", () => {
  const arena = new Arena({ reservedBytes: 64, initialBytes: 1 << 16, maximumBytes: 1 << 20 });
  const pool = new KernelPool(arena.memory, 3);
  const id = pool.register(new WebAssembly.Module(BLOCK_IDS), "run");
  after(() => pool.close());

  const launch = (gridSize: number, threads: number, trapAt = -1) => {
    const out = arena.alloc(4 * Math.max(gridSize, 1));
    const owner = arena.alloc(4 * Math.max(gridSize, 1));
    pool.run({ kernel: id, args: [out, owner, trapAt], gridSize, scratch: [1, 2, 3], threads });
    return {
      out: Array.from(new Int32Array(arena.buffer, out, gridSize)),
      owner: Array.from(new Int32Array(arena.buffer, owner, gridSize)),
    };
  };

  test("every block runs once, in one contiguous range per thread", () => {
    for (const grid of [1, 2, 3, 7, 64, 1001]) {
      const { out, owner } = launch(grid, 3);
      assert.deepEqual(
        out,
        Array.from({ length: grid }, (_, b) => b + 1),
      );
      const expected = Array.from({ length: grid }, (_, b) => {
        const used = Math.min(3, grid);
        let t = 0;
        while (Math.floor((grid * (t + 1)) / used) <= b) t++;
        return t + 1;
      });
      assert.deepEqual(owner, expected, `grid ${grid}`);
    }
  });

  test("a launch limited to one thread runs on the calling thread", () => {
    const { owner } = launch(50, 1);
    assert.ok(owner.every((s) => s === 1));
  });

  test("many launches in a row each complete before the next starts", () => {
    for (let i = 0; i < 300; i++) {
      const { out } = launch(9, 3);
      assert.equal(out[8], 9);
    }
  });

  test("a trap on a worker thread is reported, and the pool keeps working", () => {
    assert.throws(
      () => launch(30, 3, 25),
      (err: unknown) =>
        err instanceof DeviceError &&
        /a kernel failed on a worker: thread 2: .*unreachable/i.test(err.message),
    );
    assert.throws(() => launch(30, 3, 2), /unreachable/i);
    assert.equal(launch(30, 3).out[29], 30);
  });
});

describe("fast cpu device", () => {
  const device = new FastCpuDevice({ threads: 2, initialBytes: 1 << 16 });
  after(() => device.close());

  test("buffers live in the shared memory and reads see kernel results", async () => {
    const x = device.upload(new Float32Array([1, 2, 3]));
    const view = device.readSync(x);
    assert.equal(view.buffer, device.memoryObject.buffer);
    device.run("fill", { out: x, value: 4 });
    assert.deepEqual(Array.from(await device.read(x)), [4, 4, 4]);
    device.release(x);
  });

  test("memory accounting, and errors for foreign or released buffers", () => {
    const start = device.memory();
    device.resetPeak();
    const a = device.alloc("f64", 10);
    const b = device.alloc("i32", 1);
    assert.deepEqual(device.memory(), {
      liveBuffers: start.liveBuffers + 2,
      liveBytes: start.liveBytes + 84,
      peakBytes: start.liveBytes + 84,
    });
    device.release(a);
    device.release(b);
    assert.equal(device.memory().liveBytes, start.liveBytes);
    assert.throws(() => device.release(a), /cpu: buffer used after it was released/);
    const foreign = new CpuDevice().alloc("f32", 1);
    assert.throws(() => device.release(foreign), /move it first/);
  });

  test("kernels without a WASM version run the reference kernels over the arena", () => {
    const x = device.upload(new Float64Array([3, 1, 2, 5]));
    const out = device.alloc("f64", 2);
    assert.equal(device.hasFastKernel("reduceRows"), false);
    device.run("reduceRows", { op: "max", x, rows: 2, n: 2, out });
    assert.deepEqual(Array.from(device.readSync(out)), [3, 5]);
    device.release(x);
    device.release(out);
  });

  test("the memory grows under many live buffers, all keeping their contents", () => {
    const bufs = Array.from({ length: 40 }, (_, i) => device.upload(new Int32Array(4096).fill(i)));
    assert.ok(device.arenaStats().memoryBytes > 40 * 4096 * 4);
    bufs.forEach((b, i) => {
      const v = device.readSync(b);
      assert.equal(v[0], i);
      assert.equal(v[4095], i);
      device.release(b);
    });
  });
});
