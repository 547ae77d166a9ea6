/**
 * GFLOP/s of the tile DSL's WASM matmul on one thread, for square products 256-2048 and the
 * decode product 1×4096·4096×4096, beside the reference backend (where it finishes in
 * reasonable time) and the machine's copy bandwidth (the bound of the decode product, which
 * streams its 64 MiB weight matrix once). Kernels are compiled by V8's optimising compiler up
 * front and called directly on one shared memory after warm-up calls; medians of several runs.
 * Then the same products through each device (backends.ts): the reference, the fast CPU device
 * on one thread and on every core, and the WebGPU device.
 */
import { CpuDevice } from "../src/backend/index.ts";
import {
  compileWasm,
  enableRelaxedSimd,
  loadWasmCompiler,
  type MatmulShape,
  planMatmul,
  preferOptimizedWasm,
  WasmRunner,
} from "../src/tile/index.ts";
import { benchBackends } from "./backends.ts";
import { formatTable, medianMs } from "./table.ts";

export interface MatmulCase {
  readonly label: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** The benchmark's products: square sizes and the decode-shaped matrix-vector product. */
export function matmulCases(quick: boolean): MatmulCase[] {
  const sizes = quick ? [256, 512] : [256, 512, 1024, 2048];
  return [
    ...sizes.map((s) => ({ label: `square ${s}`, m: s, k: s, n: s })),
    { label: "decode 4096", m: 1, k: 4096, n: 4096 },
  ];
}

/** Repetitions giving about `seconds` of work per case, at least 3. */
export function runsFor(flops: number, gflops: number, seconds = 1): number {
  return Math.max(3, Math.min(25, Math.round((seconds * gflops * 1e9) / flops)));
}

/** Median ms of the single-thread WASM matmul on random data (all blocks in one call). */
export function timeWasmMatmul(runner: WasmRunner, c: MatmulCase): number {
  const shape: MatmulShape = { batch: 1, m: c.m, k: c.k, n: c.n, transA: false, transB: false };
  const { kernel, values } = planMatmul("wasm", shape);
  const compiled = compileWasm(kernel);
  const a = 64;
  const b = a + Math.ceil((c.m * c.k * 4) / 64) * 64;
  const out = b + Math.ceil((c.k * c.n * 4) / 64) * 64;
  const scratch = out + Math.ceil((c.m * c.n * 4) / 64) * 64;
  runner.reserve(scratch + compiled.scratchBytes + 64);
  const data = new Float32Array(runner.memory.buffer, 0, out / 4);
  for (let i = 0; i < data.length; i++) data[i] = Math.random() - 0.5;
  const fn = runner.entry(compiled);
  const args = compiled.params.map((p) =>
    p.name === "a" ? a : p.name === "b" ? b : p.name === "out" ? out : values[p.name]!,
  );
  const blocks = compiled.gridSize(values);
  const flops = 2 * c.m * c.k * c.n;
  const call = () => fn(...args, scratch, 0, blocks);
  warmUp(call);
  return medianMs(call, runsFor(flops, 40), 0);
}

/**
 * V8 runs a function's first calls in its baseline compiler and swaps in optimised code,
 * compiled in the background, for later calls: call for at least half a second first.
 */
export function warmUp(call: () => void): void {
  const end = performance.now() + 500;
  for (let i = 0; i < 3 || performance.now() < end; i++) call();
}

/** Median ms of the reference backend's matmul. */
function timeReference(c: MatmulCase): number {
  const device = new CpuDevice();
  const a = device.upload(Float32Array.from({ length: c.m * c.k }, () => Math.random() - 0.5));
  const b = device.upload(Float32Array.from({ length: c.k * c.n }, () => Math.random() - 0.5));
  const out = device.alloc("f32", c.m * c.n);
  const view = (buffer: typeof a, r: number, k: number) => ({
    buffer,
    shape: [1, r, k],
    strides: [r * k, k, 1],
    offset: 0,
  });
  const run = () =>
    device.run("matmul", {
      a: view(a, c.m, c.k),
      b: view(b, c.k, c.n),
      out,
      batch: 1,
      m: c.m,
      k: c.k,
      n: c.n,
    });
  return medianMs(run, 3, 1);
}

/** GB/s of copying a 64 MiB array (bytes read + written), the machine's streaming figure. */
export function copyBandwidth(): number {
  const n = 16 * 1024 * 1024;
  const src = new Float32Array(n).fill(1);
  const dst = new Float32Array(n);
  const ms = medianMs(() => dst.set(src), 5, 2);
  return (2 * n * 4) / ms / 1e6;
}

export async function benchKernels(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const relaxed = await enableRelaxedSimd();
  await loadWasmCompiler();
  await preferOptimizedWasm();
  const runner = new WasmRunner();
  const rows: string[][] = [];
  for (const c of matmulCases(quick)) {
    const flops = 2 * c.m * c.k * c.n;
    const ms = timeWasmMatmul(runner, c);
    const refGflops =
      flops <= 2 * 512 ** 3 || c.m === 1 ? (flops / timeReference(c) / 1e6).toFixed(2) : "-";
    const stream = c.m === 1 ? ((c.k * c.n * 4) / ms / 1e6).toFixed(1) : "-";
    rows.push([
      c.label,
      `${c.m}×${c.k}·${c.k}×${c.n}`,
      ms.toFixed(2),
      (flops / ms / 1e6).toFixed(1),
      refGflops,
      stream,
    ]);
  }
  const copy = copyBandwidth();
  const header = ["case", "shape", "ms", "GFLOP/s", "reference GFLOP/s", "weights GB/s"];
  process.stdout.write(
    `tile kernels: WASM SIMD matmul, 1 thread, f32, relaxed-SIMD FMA ${relaxed ? "on" : "off"}\n` +
      `${formatTable(header, rows)}\n` +
      `copy bandwidth (64 MiB, read + write): ${copy.toFixed(1)} GB/s\n\n`,
  );
  await benchBackends(args);
}
