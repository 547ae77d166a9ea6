/**
 * Every kernel with a `reduce`, compiled to WGSL with and without the subgroups feature and run
 * on the GPU (lavapipe in CI): the subgroups build on a device that has the feature, the plain
 * build on one opened with `features: []`; both against float64 references on awkward shapes
 * (1, primes, rows spanning several blocks, rows longer than a chunk). The row lengths cover
 * each reduction scheme: all partners of a row inside one subgroup (no barrier), partners over
 * several subgroups (butterfly, then the workgroup tree), and column reductions whose partners
 * are tX threads apart. Tolerances: 1e-5 relative + 1e-6 absolute (2e-5 + 2e-6 for attention),
 * as for the other targets: f32 kernels against float64.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { WebGpuDevice } from "../../src/backend/webgpu/device.ts";
import {
  ceilDiv,
  compileWgsl,
  defineKernel,
  type HostArray,
  type Kernel,
  type Plan,
  planArgmaxRows,
  planAttention,
  planAttentionDelta,
  planLogsumexp,
  planReduceRows,
  planRmsNorm,
  planRmsNormDw,
  planRmsNormDx,
  planSoftmax,
  planSwiglu,
  planTopk,
  type WgslOptions,
  wgslOptionsKey,
} from "../../src/tile/index.ts";
import type { ReduceOp } from "../../src/tile/ir.ts";
import { closeTestDevices, gpuTest, openGpu } from "../helpers/devices.ts";
import { assertClose, buf, reference, TestRng } from "./helpers.ts";

after(closeTestDevices);

const TOL = { atol: 1e-6, rtol: 1e-5 };
const ATTENTION_TOL = { atol: 2e-6, rtol: 2e-5 };
/** Row shapes [rows, n]: n picks the block shape, hence tX (8, 128 or 256 lanes a row). */
const SHAPES: [number, number][] = [
  [1, 1],
  [3, 7],
  [67, 37],
  [2, 1024],
  [3, 2503],
];

/** A GPU and the WGSL build it runs. */
interface Build {
  readonly label: string;
  readonly gpu: WebGpuDevice;
  readonly options: WgslOptions;
}

/** Runs a plan's kernel once on `b.gpu`; returns every tensor the kernel writes. */
function runGpu(b: Build, plan: Plan, tensors: Readonly<Record<string, HostArray>>) {
  const compiled = compileWgsl(plan.kernel, b.options);
  const bufs = compiled.signature.tensors.map((t) => {
    const data = tensors[t.name];
    assert.ok(data, `${plan.kernel.name}: no data for tensor ${t.name}`);
    return b.gpu.upload(data);
  });
  const key = `test-${plan.kernel.name}${wgslOptionsKey(b.options)}`;
  const bindings = bufs.map((buffer) => ({ buffer, offset: 0 }));
  b.gpu.launch(key, () => compiled, bindings, plan.values);
  const out: Record<string, HostArray> = {};
  compiled.signature.tensors.forEach((t, i) => {
    if (t.access !== "read") out[t.name] = b.gpu.readSync(bufs[i]!) as HostArray;
  });
  for (const x of bufs) b.gpu.release(x);
  return out;
}

/** Rows with -inf, ties and large values, as the row tests use. */
function matrix(rng: TestRng, rows: number, n: number): Float32Array {
  const x = rng.uniform(rows * n, -8, 8);
  if (rows >= 3 && n >= 4) {
    for (let j = 0; j < n; j++) x[n + j] = Number.NEGATIVE_INFINITY;
    x[2 * n + 1] = x[2 * n + 3] = 100;
  }
  return x;
}

function checkRows(b: Build): void {
  const rng = new TestRng(71);
  for (const [rows, n] of SHAPES) {
    const what = `${b.label} [${rows}, ${n}]`;
    for (const op of ["sum", "max", "min"] as ReduceOp[]) {
      const x = op === "sum" ? rng.uniform(rows * n) : matrix(rng, rows, n);
      const got = runGpu(b, planReduceRows("wgsl", op, rows, n), {
        x,
        out: new Float32Array(rows),
      });
      const want = new Float32Array(rows);
      reference("reduceRows", { op, x: buf(x), rows, n, out: buf(want) });
      assertClose(got.out!, want, TOL, `reduceRows ${op} ${what}`);
    }
    // No NaN here: WGSL leaves max/min with a NaN operand to the implementation.
    const x = matrix(rng, rows, n);
    const arg = runGpu(b, planArgmaxRows("wgsl", rows, n), { x, out: new Int32Array(rows) });
    const wantArg = new Int32Array(rows);
    reference("argmaxRows", { x: buf(x), rows, n, out: buf(wantArg) });
    assert.deepEqual([...arg.out!], [...wantArg], `argmaxRows ${what}`);
  }
}

function checkSoftmax(b: Build): void {
  const rng = new TestRng(72);
  for (const [rows, n] of SHAPES) {
    const what = `${b.label} [${rows}, ${n}]`;
    const x = matrix(rng, rows, n);
    for (const log of [false, true]) {
      const got = runGpu(b, planSoftmax("wgsl", rows, n, log), {
        x,
        out: new Float32Array(rows * n),
      });
      const want = new Float32Array(rows * n);
      reference("softmaxRows", { x: buf(x), rows, n, out: buf(want), log });
      assertClose(got.out!, want, TOL, `softmax log=${log} ${what}`);
    }
    const lse = runGpu(b, planLogsumexp("wgsl", rows, n), { x, out: new Float32Array(rows) });
    const want = new Float32Array(rows);
    reference("logsumexpRows", { x: buf(x), rows, n, out: buf(want) });
    assertClose(lse.out!, want, TOL, `logsumexp ${what}`);
  }
}

function checkTopk(b: Build): void {
  const rng = new TestRng(73);
  for (const [rows, n, k] of [
    [1, 1, 1],
    [5, 37, 3],
    [3, 2503, 8],
  ] as const) {
    const x = rng.uniform(rows * n);
    const got = runGpu(b, planTopk("wgsl", rows, n, k), {
      x,
      values: new Float32Array(rows * k),
      indices: new Int32Array(rows * k),
    });
    const values = new Float32Array(rows * k);
    const indices = new Int32Array(rows * k);
    reference("topkRows", { x: buf(x), rows, n, k, values: buf(values), indices: buf(indices) });
    assert.deepEqual([...got.indices!], [...indices], `topk indices ${b.label} [${rows}, ${n}]`);
    assert.deepEqual([...got.values!], [...values], `topk values ${b.label} [${rows}, ${n}]`);
  }
}

/** RMSNorm forward, dx and dw in float64: y = x·r·w, r = 1/sqrt(mean(x²) + eps). */
function rmsReference(x: Float32Array, w: Float32Array, dy: Float32Array, n: number, eps: number) {
  const rows = x.length / n;
  const y = new Float64Array(rows * n);
  const rstd = new Float64Array(rows);
  const dx = new Float64Array(rows * n);
  const dw = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    let ss = 0;
    let dot = 0;
    for (let j = 0; j < n; j++) {
      ss += x[r * n + j]! ** 2;
      dot += dy[r * n + j]! * w[j]! * x[r * n + j]!;
    }
    const rs = 1 / Math.sqrt(ss / n + eps);
    rstd[r] = rs;
    for (let j = 0; j < n; j++) {
      const i = r * n + j;
      y[i] = x[i]! * rs * w[j]!;
      dx[i] = rs * dy[i]! * w[j]! - (x[i]! * rs ** 3 * dot) / n;
      dw[j] = dw[j]! + dy[i]! * x[i]! * rs;
    }
  }
  return { y, rstd, dx, dw };
}

function checkRmsNorm(b: Build): void {
  const rng = new TestRng(74);
  const eps = 1e-6;
  for (const [rows, n] of [...SHAPES, [70, 65]] as [number, number][]) {
    const what = `${b.label} [${rows}, ${n}]`;
    const x = rng.uniform(rows * n, -3, 3);
    const w = rng.uniform(n, 0.5, 1.5);
    const dy = rng.uniform(rows * n);
    const ref = rmsReference(x, w, dy, n, eps);
    const fwd = runGpu(b, planRmsNorm("wgsl", rows, n, eps, true), {
      x,
      w,
      y: new Float32Array(rows * n),
      rstd: new Float32Array(rows),
    });
    assertClose(fwd.y!, ref.y, TOL, `rmsNorm y ${what}`);
    assertClose(fwd.rstd!, ref.rstd, TOL, `rmsNorm rstd ${what}`);
    const rstd = Float32Array.from(ref.rstd);
    const dx = runGpu(b, planRmsNormDx("wgsl", rows, n, true), {
      x,
      w,
      rstd,
      dy,
      dx: new Float32Array(rows * n),
    });
    assertClose(dx.dx!, ref.dx, TOL, `rmsNorm dx ${what}`);
    // dw is Σ_rows dy·x·r with no weight: the reference's w must be ones for it.
    const refDw = rmsReference(x, new Float32Array(n).fill(1), dy, n, eps).dw;
    const dw = runGpu(b, planRmsNormDw("wgsl", rows, n), {
      x,
      rstd,
      dy,
      dw: new Float32Array(n),
    });
    assertClose(dw.dw!, refDw, TOL, `rmsNorm dw ${what}`);
  }
}

/** Attention forward (out, lse) and its delta kernel in float64, straight from the definition. */
function attentionReference(
  shape: { B: number; T: number; H: number; S: number; C: number; V: number },
  t: { q: Float32Array; kv: Float32Array; visible: Int32Array; sink: Float32Array },
  dout: Float32Array,
  scale: number,
) {
  const { B, T, H, S, C, V } = shape;
  const out = new Float64Array(B * T * H * C);
  const lse = new Float64Array(B * H * T);
  const delta = new Float64Array(B * H * T);
  const dsink = new Float64Array(H * B * T);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < T; i++)
      for (let h = 0; h < H; h++) {
        const qAt = ((b * T + i) * H + h) * C;
        const z: number[] = [];
        for (let j = 0; j < S; j++) {
          if (t.visible[((V === 1 ? 0 : b) * T + i) * S + j] === 0) continue;
          let dot = 0;
          for (let c = 0; c < C; c++) dot += t.q[qAt + c]! * t.kv[(b * S + j) * C + c]!;
          z[j] = dot * scale;
        }
        const m = Math.max(t.sink[h]!, ...z.filter((v) => v !== undefined));
        let l = Math.exp(t.sink[h]! - m);
        z.forEach((v) => {
          l += Math.exp(v - m);
        });
        let d = 0;
        for (let c = 0; c < C; c++) {
          let o = 0;
          z.forEach((v, j) => {
            o += Math.exp(v - m) * t.kv[(b * S + j) * C + c]!;
          });
          out[qAt + c] = o / l;
          d += (o / l) * dout[qAt + c]!;
        }
        lse[(b * H + h) * T + i] = m + Math.log(l);
        delta[(b * H + h) * T + i] = d;
        dsink[(h * B + b) * T + i] = -Math.exp(t.sink[h]! - (m + Math.log(l))) * d;
      }
  return { out, lse, delta, dsink };
}

function checkAttention(b: Build): void {
  const rng = new TestRng(75);
  for (const [B, T, H, S, C, V] of [
    [2, 5, 3, 37, 8, 1],
    [2, 33, 2, 7, 12, 2],
    [1, 3, 1, 5, 64, 1],
  ] as const) {
    const shape = { batch: B, queries: T, heads: H, keys: S, headDim: C, maskBatch: V };
    const inputs = {
      q: rng.uniform(B * T * H * C),
      kv: rng.uniform(B * S * C),
      visible: Int32Array.from({ length: V * T * S }, (_, i) =>
        i < S ? 0 : rng.next() < 0.6 ? 1 : 0,
      ),
      sink: rng.uniform(H),
    };
    const dout = rng.uniform(B * T * H * C);
    const scale = 1 / Math.sqrt(C);
    const ref = attentionReference({ B, T, H, S, C, V }, inputs, dout, scale);
    const what = `${b.label} B${B} T${T} H${H} S${S} C${C}`;
    const fwd = runGpu(b, planAttention("wgsl", shape, scale), {
      ...inputs,
      out: new Float32Array(B * T * H * C),
      lse: new Float32Array(B * H * T),
    });
    assertClose(fwd.out!, ref.out, ATTENTION_TOL, `attention out ${what}`);
    assertClose(fwd.lse!, ref.lse, ATTENTION_TOL, `attention lse ${what}`);
    const bwd = runGpu(b, planAttentionDelta("wgsl", shape), {
      sink: inputs.sink,
      out: Float32Array.from(ref.out),
      dout,
      lse: Float32Array.from(ref.lse),
      delta: new Float32Array(B * H * T),
      dsinkTerms: new Float32Array(H * B * T),
    });
    assertClose(bwd.delta!, ref.delta, ATTENTION_TOL, `attention delta ${what}`);
    assertClose(bwd.dsinkTerms!, ref.dsink, ATTENTION_TOL, `attention dsink ${what}`);
  }
}

/**
 * Column sums and maxima of x: [rows, cols] with a [bm, cols] fragment: the layout gives each
 * column tX = cols threads, so the partners of a column are cols lanes apart (a butterfly
 * with strides of tX inside the subgroup when cols is below its size).
 */
function columnKernel(op: ReduceOp, bm: number, cols: number, threads: number): Kernel {
  return defineKernel(
    `columns_${op}_${bm}x${cols}`,
    (k) => {
      const [rows] = k.sizes("rows");
      const x = k.tensor("x", "f32", [rows, cols]);
      const out = k.tensor("out", "f32", [cols], "write");
      k.grid([1]);
      const xFrag = k.fragment("xFrag", "f32", [bm, cols]);
      const accFrag = k.fragment("accFrag", "f32", [cols]);
      k.fill(accFrag, op === "sum" ? 0 : Number.NEGATIVE_INFINITY);
      k.serial(ceilDiv(rows, bm), (t) => {
        const pad = op === "sum" ? 0 : Number.NEGATIVE_INFINITY;
        k.copy(x.tile([t.mul(bm), 0]), xFrag, { pad });
        k.reduce(xFrag, accFrag, op, 0, { clear: false });
      });
      k.copy(accFrag, out.tile([0]));
    },
    { threads },
  );
}

function checkColumns(b: Build): void {
  const rng = new TestRng(76);
  for (const [bm, cols, threads] of [
    [64, 4, 256],
    [16, 2, 32],
    [8, 1, 8],
  ] as const) {
    for (const op of ["sum", "max"] as ReduceOp[]) {
      for (const rows of [1, 13, 131]) {
        const x = rng.uniform(rows * cols, -4, 4);
        const kernel = columnKernel(op, bm, cols, threads);
        const got = runGpu(b, { kernel, values: { rows } }, { x, out: new Float32Array(cols) });
        const want = Array.from({ length: cols }, (_, c) => {
          let acc = op === "sum" ? 0 : Number.NEGATIVE_INFINITY;
          for (let r = 0; r < rows; r++) {
            const v = x[r * cols + c]!;
            acc = op === "sum" ? acc + v : Math.max(acc, v);
          }
          return acc;
        });
        assertClose(got.out!, want, TOL, `columns ${op} ${b.label} [${rows}, ${cols}] bm ${bm}`);
      }
    }
  }
}

const CHECKS: [string, (b: Build) => void][] = [
  ["reduceRows and argmaxRows", checkRows],
  ["softmax, log-softmax and logsumexp", checkSoftmax],
  ["topk", checkTopk],
  ["rmsNorm forward, dx and dw", checkRmsNorm],
  ["attention forward and delta", checkAttention],
  ["column reductions", checkColumns],
];

describe("reductions on WebGPU with and without subgroups", () => {
  for (const [name, check] of CHECKS) {
    gpuTest(`${name}, subgroups build`, (gpu) => {
      assert.ok(gpu.features.subgroups, "the test GPU must offer subgroups (lavapipe does)");
      check({ label: "subgroups", gpu, options: { subgroups: true } });
    });
    gpuTest(`${name}, plain build on a device without optional features`, () => {
      const plain = openGpu({ features: [] });
      try {
        assert.equal(plain.features.subgroups, false);
        check({ label: "plain", gpu: plain, options: {} });
      } finally {
        plain.close();
      }
    });
  }
});

describe("WGSL subgroups build", () => {
  const reductions: [string, Kernel][] = [
    ["reduceRows", planReduceRows("wgsl", "sum", 5, 3000).kernel],
    ["argmaxRows", planArgmaxRows("wgsl", 5, 30).kernel],
    ["softmax", planSoftmax("wgsl", 5, 30, false).kernel],
    ["rmsNormDw", planRmsNormDw("wgsl", 5, 30).kernel],
    ["topk", planTopk("wgsl", 4, 100, 8).kernel],
    ["columns", columnKernel("sum", 64, 4, 256)],
  ];
  for (const [name, kernel] of reductions) {
    test(`${name}: enable subgroups only when asked for`, () => {
      const on = compileWgsl(kernel, { subgroups: true }).code;
      const off = compileWgsl(kernel).code;
      assert.match(on, /^enable subgroups;\n/);
      assert.match(on, /subgroupShuffleXor\(/);
      assert.match(on, /@builtin\(subgroup_size\)/);
      assert.doesNotMatch(off, /subgroup/);
    });
  }

  test("a kernel without reductions needs no subgroups", () => {
    const code = compileWgsl(planSwiglu("wgsl", 100, 7).kernel, { subgroups: true }).code;
    assert.doesNotMatch(code, /subgroup/);
  });

  test("the options key tells builds apart", () => {
    assert.equal(wgslOptionsKey({}), "");
    assert.equal(wgslOptionsKey({ subgroups: false }), "");
    assert.equal(wgslOptionsKey({ subgroups: true }), "+subgroups");
    assert.equal(wgslOptionsKey({ subgroups: true, f16GemmTiles: true }), "+subgroups+f16gemm");
  });
});
