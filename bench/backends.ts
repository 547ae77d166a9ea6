/**
 * The devices side by side on the matmul shapes that matter: square GEMMs and the decode
 * product 1×4096 · 4096×4096, on the reference CPU device, the fast CPU device with one thread
 * and with every core, and the WebGPU device; plus the machine's copy bandwidth, the yardstick
 * of the memory-bound decode product (its 64 MiB of weights stream once per product).
 *
 * Copy bandwidth follows the STREAM convention: bytes read plus bytes written per second, best
 * of single-threaded and all-thread copies. The copied buffer is as large as the decode
 * product's weights (64 MiB), so both run in the same memory regime: on machines whose last
 * level cache holds 64 MiB, both are cache figures.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Device, DeviceBuffer, KernelArgs } from "../src/backend/index.ts";
import { createDevice, type OwnedDevice } from "../src/backend/select.ts";
import { WebGpuDevice } from "../src/backend/webgpu/device.ts";
import { formatTable, medianMs } from "./table.ts";

export interface BackendColumn {
  readonly label: string;
  readonly device: OwnedDevice;
  /** The largest square size worth timing (the reference is slow). */
  readonly maxSquare: number;
  /** Waits until queued work is done (GPU), so that a timing covers the work. */
  readonly finish: () => void;
}

/** The columns this machine offers; WebGPU is left out (with a note) when it cannot open. */
export async function backendColumns(notes: string[]): Promise<BackendColumn[]> {
  const threads = availableParallelism();
  const none = () => {};
  const columns: BackendColumn[] = [
    { label: "cpu-ref", device: await createDevice("cpu-ref"), maxSquare: 512, finish: none },
    {
      label: "cpu 1 thread",
      device: await createDevice("cpu", { cpu: { threads: 1 } }),
      maxSquare: 2048,
      finish: none,
    },
    {
      label: `cpu ${threads} threads`,
      device: await createDevice("cpu", { cpu: { threads } }),
      maxSquare: 2048,
      finish: none,
    },
  ];
  try {
    const gpu = await createDevice("webgpu");
    const label =
      gpu instanceof WebGpuDevice ? `webgpu (${gpu.adapter.device || "gpu"})` : "webgpu";
    const finish = () => {
      if (gpu instanceof WebGpuDevice) gpu.sync();
    };
    columns.push({ label, device: gpu, maxSquare: 1024, finish });
  } catch (err) {
    notes.push(`webgpu: not measured (${err instanceof Error ? err.message : err})`);
  }
  return columns;
}

/** Random f32 values in [-1, 1). */
function randomF32(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Median milliseconds of one [m, k] · [k, n] product on `col`'s device; with `transB` the
 * right operand is stored [n, k] (a linear layer's weight, x · Wᵀ).
 */
export function timeMatmul(
  col: BackendColumn,
  m: number,
  k: number,
  n: number,
  transB = false,
): number {
  const d: Device = col.device;
  const a = d.upload(randomF32(m * k, 1));
  const b = d.upload(randomF32(k * n, 2));
  const out: DeviceBuffer = d.alloc("f32", m * n);
  const args: KernelArgs["matmul"] = {
    a: { buffer: a, shape: [1, m, k], strides: [m * k, k, 1], offset: 0 },
    b: { buffer: b, shape: [1, k, n], strides: transB ? [k * n, 1, k] : [k * n, n, 1], offset: 0 },
    out,
    batch: 1,
    m,
    k,
    n,
  };
  const once = () => {
    d.run("matmul", args);
    col.finish();
  };
  // The first call compiles the kernel; the second, timed, sets the number of runs (~2 s).
  once();
  const t0 = performance.now();
  once();
  const runs = Math.max(3, Math.min(15, Math.round(2000 / (performance.now() - t0))));
  const ms = medianMs(once, runs, 0);
  for (const buf of [a, b, out]) d.release(buf);
  return ms;
}

/** GB/s of one copy of `bytes` bytes by TypedArray.set, counting read + written bytes. */
function copyRateSingle(bytes: number): number {
  const src = new Float64Array(bytes / 8).fill(1);
  const dst = new Float64Array(bytes / 8);
  const ms = medianMs(() => dst.set(src), 5);
  return (2 * bytes) / ms / 1e6;
}

/** The same with `threads` threads each copying its share of shared buffers, at once. */
async function copyRateThreads(bytes: number, threads: number): Promise<number> {
  const src = new SharedArrayBuffer(bytes);
  const dst = new SharedArrayBuffer(bytes);
  const go = new Int32Array(new SharedArrayBuffer(8));
  const code = `
    const { workerData: w, parentPort } = require("node:worker_threads");
    const n = w.src.byteLength / 8 / w.threads;
    const s = new Float64Array(w.src, 8 * n * w.index, n);
    const d = new Float64Array(w.dst, 8 * n * w.index, n);
    const go = new Int32Array(w.go);
    for (let rep = 1; rep <= 6; rep++) {
      Atomics.wait(go, 0, rep - 1);
      d.set(s);
      if (Atomics.add(go, 1, 1) === w.threads - 1) Atomics.notify(go, 1);
    }
    parentPort.postMessage("done");`;
  const workers = Array.from(
    { length: threads },
    (_, index) =>
      new Worker(code, { eval: true, workerData: { src, dst, go: go.buffer, index, threads } }),
  );
  await new Promise((r) => setTimeout(r, 300));
  const times: number[] = [];
  for (let rep = 1; rep <= 6; rep++) {
    Atomics.store(go, 1, 0);
    const t0 = performance.now();
    Atomics.store(go, 0, rep);
    Atomics.notify(go, 0);
    while (Atomics.load(go, 1) < threads) Atomics.wait(go, 1, Atomics.load(go, 1), 50);
    times.push(performance.now() - t0);
  }
  await Promise.all(workers.map((w) => new Promise((r) => w.once("message", r))));
  await Promise.all(workers.map((w) => w.terminate()));
  times.sort((a, b) => a - b);
  return (2 * bytes) / times[2]! / 1e6;
}

/** The machine's copy bandwidth in GB/s (read + write), best of 1 and all threads. */
export async function copyBandwidths(): Promise<{
  single: number;
  threaded: number;
  best: number;
}> {
  const bytes = 4096 * 4096 * 4;
  const single = copyRateSingle(bytes);
  const threaded = await copyRateThreads(bytes, availableParallelism());
  return { single, threaded, best: Math.max(single, threaded) };
}

/**
 * Prints GFLOP/s per device for square products and the decode product, and the decode
 * product's weight stream against the copy bandwidth.
 */
export async function benchBackends(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const sizes = quick ? [256, 512] : [256, 512, 1024, 2048];
  const notes: string[] = [];
  const columns = await backendColumns(notes);
  const header = ["case", ...columns.map((c) => `${c.label} GFLOP/s`)];
  const rows: string[][] = [];
  for (const s of sizes) {
    rows.push([
      `square ${s}`,
      ...columns.map((c) =>
        s > c.maxSquare ? "-" : ((2 * s ** 3) / timeMatmul(c, s, s, s) / 1e6).toFixed(2),
      ),
    ]);
  }
  const decodeMs = columns.map((c) => timeMatmul(c, 1, 4096, 4096));
  const decodeTMs = columns.map((c) => timeMatmul(c, 1, 4096, 4096, true));
  const gflops = (ms: number) => ((2 * 4096 * 4096) / ms / 1e6).toFixed(2);
  rows.push(["decode 1x4096·4096²", ...decodeMs.map(gflops)]);
  rows.push(["decode x·Wᵀ (W [4096, 4096])", ...decodeTMs.map(gflops)]);
  const copy = await copyBandwidths();
  const weightBytes = 4096 * 4096 * 4;
  // The better of the two layouts: a model can store its decode weights either way.
  const bestMs = decodeMs.map((ms, i) => Math.min(ms, decodeTMs[i]!));
  const rate = (ms: number) => weightBytes / ms / 1e6;
  rows.push(["decode weights GB/s (best)", ...bestMs.map((ms) => rate(ms).toFixed(2))]);
  rows.push([
    "  % of copy bandwidth",
    ...bestMs.map((ms) => `${((100 * rate(ms)) / copy.best).toFixed(0)}%`),
  ]);
  for (const c of columns) c.device.close();
  process.stdout.write("matmul by device (f32, median of runs; - = not timed)\n");
  process.stdout.write(`${formatTable(header, rows)}\n`);
  process.stdout.write(
    `copy bandwidth (read + write): ${copy.single.toFixed(1)} GB/s on 1 thread, ` +
      `${copy.threaded.toFixed(1)} GB/s on ${availableParallelism()} threads\n`,
  );
  for (const n of notes) process.stdout.write(`${n}\n`);
}
