/**
 * GFLOP/s of the matmul kernel on square sizes and on the decode-shaped matrix-vector product
 * (1×4096 · 4096×4096), median of several runs, on the default device.
 */
import { defaultDevice, noGrad, Rng, randn } from "../src/tensor/index.ts";
import { formatTable, medianMs } from "./table.ts";

export async function benchMatmul(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const sizes = quick ? [64, 128, 256] : [64, 128, 256, 512, 1024];
  const rng = new Rng(0);
  const rows: string[][] = [];
  const device = defaultDevice();
  const run = (label: string, m: number, k: number, n: number) => {
    const a = randn([m, k], rng);
    const b = randn([k, n], rng);
    const flops = 2 * m * k * n;
    // Enough repetitions for ~1 s of work per shape, at least 3 for a meaningful median.
    const runs = Math.max(3, Math.min(20, Math.round(1e9 / flops)));
    const ms = medianMs(() => noGrad(() => a.matmul(b).dispose()), runs);
    rows.push([
      label,
      `${m}×${k}·${k}×${n}`,
      String(runs),
      ms.toFixed(2),
      (flops / ms / 1e6).toFixed(2),
    ]);
    a.dispose();
    b.dispose();
  };
  for (const s of sizes) run(`square ${s}`, s, s, s);
  run("decode 4096", 1, 4096, 4096);
  process.stdout.write(`matmul on device "${device.name}" (f32, median of runs)\n`);
  process.stdout.write(`${formatTable(["case", "shape", "runs", "ms", "GFLOP/s"], rows)}\n`);
}
