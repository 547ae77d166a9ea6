/**
 * Cases of the shared kernel suite: for each vocabulary kernel, argument sets of awkward shapes
 * (1, primes, non-multiples of any tile, strided and broadcast views, offsets) built from seeded
 * random host data. A case builds its arguments on any device and names the outputs to compare.
 */
import type {
  BinaryOp,
  Device,
  DeviceBuffer,
  KernelArgs,
  KernelName,
  TypedArray,
  UnaryOp,
  View,
} from "../../src/backend/index.ts";
import { Rng } from "../../src/tensor/index.ts";

/** Allowed |got - want| <= atol + rtol·|want|. */
export interface Tol {
  atol: number;
  rtol: number;
}

export interface KernelCase<K extends KernelName = KernelName> {
  kernel: K;
  label: string;
  tol: Tol;
  /** f64 cases run on CPU devices only (WGSL has no f64). */
  f64?: boolean;
  /** Builds the arguments on `device`; returns them with the buffers to compare afterwards. */
  build(device: Device): { args: KernelArgs[K]; outputs: DeviceBuffer[] };
}

const EXACT: Tol = { atol: 0, rtol: 0 };
/** f32 transcendental functions differ between libraries by a few ulps. */
const ULPS: Tol = { atol: 1e-6, rtol: 4e-6 };

function contiguous(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

function view(
  buffer: DeviceBuffer,
  shape: number[],
  strides = contiguous(shape),
  offset = 0,
): View {
  return { buffer, shape, strides, offset };
}

function floats(rng: Rng, n: number, lo = -2, hi = 2): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng.uniform();
  return out;
}

function ints(rng: Rng, n: number, below: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(below);
  return out;
}

function c<K extends KernelName>(
  kernel: K,
  label: string,
  tol: Tol,
  build: (d: Device, rng: Rng) => { args: KernelArgs[K]; outputs: DeviceBuffer[] },
  f64 = false,
): KernelCase<K> {
  // Every build draws from the same seed, so each device sees the same inputs.
  const seed = [...`${kernel}/${label}`].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return { kernel, label, tol, f64, build: (d) => build(d, new Rng(seed)) };
}

const UNARY_DOMAIN: Partial<Record<UnaryOp, [number, number]>> = {
  log: [0.05, 4],
  log1p: [-0.9, 4],
  sqrt: [0, 4],
  rsqrt: [0.05, 4],
  reciprocal: [0.1, 3],
};

const UNARY_OPS: UnaryOp[] = [
  "neg",
  "exp",
  "log",
  "log1p",
  "sqrt",
  "rsqrt",
  "abs",
  "relu",
  "silu",
  "sigmoid",
  "softplus",
  "tanh",
  "sign",
  "square",
  "reciprocal",
  "floor",
];

const BINARY_OPS: BinaryOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "pow",
  "min",
  "max",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
];

const EXACT_UNARY = new Set<UnaryOp>(["neg", "abs", "relu", "sign", "square", "floor"]);

function elementwiseCases(): KernelCase[] {
  const out: KernelCase[] = [
    c("fill", "f32 [37] = 2.5", EXACT, (d) => {
      const o = d.alloc("f32", 37);
      return { args: { out: o, value: 2.5 }, outputs: [o] };
    }),
    c("fill", "i32 [5] = -7", EXACT, (d) => {
      const o = d.alloc("i32", 5);
      return { args: { out: o, value: -7 }, outputs: [o] };
    }),
    c("fill", "f32 [1] = 0", EXACT, (d) => {
      const o = d.upload(new Float32Array([3]));
      return { args: { out: o, value: 0 }, outputs: [o] };
    }),
    c("copy", "transpose [5,7] -> [7,5]", EXACT, (d, rng) => {
      const s = d.upload(floats(rng, 35));
      const o = d.alloc("f32", 35);
      return { args: { src: view(s, [7, 5], [1, 7]), dst: view(o, [7, 5]) }, outputs: [o] };
    }),
    c("copy", "slice with offset into a strided destination", EXACT, (d, rng) => {
      const s = d.upload(floats(rng, 60));
      const o = d.alloc("f32", 40);
      return {
        args: { src: view(s, [3, 4], [12, 1], 5), dst: view(o, [3, 4], [1, 10], 2) },
        outputs: [o],
      };
    }),
    c("copy", "dense run at offsets in both buffers", EXACT, (d, rng) => {
      const s = d.upload(floats(rng, 20));
      const o = d.upload(floats(rng, 15));
      return {
        args: { src: view(s, [2, 5], [5, 1], 7), dst: view(o, [2, 5], [5, 1], 3) },
        outputs: [o],
      };
    }),
    // A shift towards the start, as a window cache rolls; the reference's forward loop then
    // reads every element before overwriting it.
    c("copy", "overlapping ranges of one buffer", EXACT, (d, rng) => {
      const s = d.upload(floats(rng, 20));
      return { args: { src: view(s, [12], [1], 5), dst: view(s, [12], [1], 2) }, outputs: [s] };
    }),
    c("copy", "f32 -> i32 truncates", EXACT, (d, rng) => {
      const s = d.upload(floats(rng, 13, -9, 9));
      const o = d.alloc("i32", 13);
      return { args: { src: view(s, [13]), dst: view(o, [13]) }, outputs: [o] };
    }),
    c("copy", "i32 broadcast -> f32", EXACT, (d, rng) => {
      const s = d.upload(ints(rng, 3, 100));
      const o = d.alloc("f32", 12);
      return { args: { src: view(s, [4, 3], [0, 1]), dst: view(o, [4, 3]) }, outputs: [o] };
    }),
    c(
      "copy",
      "f64 -> f32",
      EXACT,
      (d, rng) => {
        const s = d.upload(Float64Array.from(floats(rng, 7)));
        const o = d.alloc("f32", 7);
        return { args: { src: view(s, [7]), dst: view(o, [7]) }, outputs: [o] };
      },
      true,
    ),
  ];
  for (const op of UNARY_OPS) {
    const [lo, hi] = UNARY_DOMAIN[op] ?? [-3, 3];
    const tol = EXACT_UNARY.has(op) ? EXACT : ULPS;
    out.push(
      c("unary", `${op} on a transposed [3,5]`, tol, (d, rng) => {
        const x = d.upload(floats(rng, 15, lo, hi));
        const o = d.alloc("f32", 15);
        return { args: { op, x: view(x, [5, 3], [1, 5]), out: o }, outputs: [o] };
      }),
    );
  }
  out.push(
    c("clamp", "both bounds, [11]", EXACT, (d, rng) => {
      const x = d.upload(floats(rng, 11));
      const o = d.alloc("f32", 11);
      return { args: { x: view(x, [11]), out: o, lo: -0.5, hi: 0.75 }, outputs: [o] };
    }),
    c("clamp", "upper bound only, offset view", EXACT, (d, rng) => {
      const x = d.upload(floats(rng, 11));
      const o = d.alloc("f32", 7);
      return { args: { x: view(x, [7], [1], 3), out: o, lo: null, hi: 0.25 }, outputs: [o] };
    }),
  );
  for (const op of BINARY_OPS) {
    const positive = op === "pow";
    const tol = op === "pow" || op === "div" ? ULPS : EXACT;
    out.push(
      c("binary", `${op} broadcast [4,1] x [1,6]`, tol, (d, rng) => {
        const a = d.upload(floats(rng, 4, positive ? 0.1 : -2, 2));
        // Some equal values make the comparisons non-trivial.
        const bv = floats(rng, 6, -2, 2);
        bv[2] = 1;
        const b = d.upload(bv);
        const o = d.alloc("f32", 24);
        return {
          args: { op, a: view(a, [4, 6], [1, 0]), b: view(b, [4, 6], [0, 1]), out: o },
          outputs: [o],
        };
      }),
    );
  }
  out.push(
    c("binary", "add i32 [9]", EXACT, (d, rng) => {
      const a = d.upload(ints(rng, 9, 50));
      const b = d.upload(ints(rng, 9, 50));
      const o = d.alloc("i32", 9);
      return { args: { op: "add", a: view(a, [9]), b: view(b, [9]), out: o }, outputs: [o] };
    }),
    c("binary", "eq i32 broadcast [3,1] x [1,4]", EXACT, (d) => {
      const a = d.upload(Int32Array.from([1, 5, -2]));
      const b = d.upload(Int32Array.from([5, 1, -2, 7]));
      const o = d.alloc("i32", 12);
      return {
        args: { op: "eq", a: view(a, [3, 4], [1, 0]), b: view(b, [3, 4], [0, 1]), out: o },
        outputs: [o],
      };
    }),
    c("binary", "max i32, a transposed", EXACT, (d, rng) => {
      const a = d.upload(ints(rng, 6, 100));
      const b = d.upload(ints(rng, 6, 100));
      const o = d.alloc("i32", 6);
      return {
        args: { op: "max", a: view(a, [2, 3], [1, 2]), b: view(b, [2, 3]), out: o },
        outputs: [o],
      };
    }),
    c("where", "i32 values", EXACT, (d, rng) => {
      const cond = d.upload(ints(rng, 7, 2));
      const a = d.upload(ints(rng, 7, 1000));
      const b = d.upload(Int32Array.from([-1]));
      const o = d.alloc("i32", 7);
      const args = { cond: view(cond, [7]), a: view(a, [7]), b: view(b, [7], [0]), out: o };
      return { args, outputs: [o] };
    }),
    c("where", "mask broadcast over rows", EXACT, (d, rng) => {
      const cond = d.upload(ints(rng, 5, 2));
      const a = d.upload(floats(rng, 15));
      const b = d.upload(floats(rng, 1));
      const o = d.alloc("f32", 15);
      const args = {
        cond: view(cond, [3, 5], [0, 1]),
        a: view(a, [3, 5]),
        b: view(b, [3, 5], [0, 0]),
        out: o,
      };
      return { args, outputs: [o] };
    }),
  );
  return out;
}

function rowCases(): KernelCase[] {
  const out: KernelCase[] = [];
  for (const op of ["sum", "max", "min"] as const) {
    for (const [rows, n] of [
      [7, 13],
      [3, 1],
      [2, 300],
    ] as const) {
      out.push(
        c("reduceRows", `${op} [${rows},${n}]`, { atol: 1e-6, rtol: 1e-5 }, (d, rng) => {
          const x = d.upload(floats(rng, rows * n));
          const o = d.alloc("f32", rows);
          return { args: { op, x, rows, n, out: o }, outputs: [o] };
        }),
      );
    }
  }
  for (const op of ["sum", "max"] as const) {
    out.push(
      c("reduceRows", `${op} i32 [5,7]`, EXACT, (d, rng) => {
        const v = ints(rng, 35, 200);
        for (let i = 0; i < v.length; i += 3) v[i] = -v[i]!;
        const x = d.upload(v);
        const o = d.alloc("i32", 5);
        return { args: { op, x, rows: 5, n: 7, out: o }, outputs: [o] };
      }),
    );
  }
  out.push(
    c("argmaxRows", "[5,11] with ties", EXACT, (d, rng) => {
      const v = floats(rng, 55);
      v[3] = 5;
      v[7] = 5;
      const x = d.upload(v);
      const o = d.alloc("i32", 5);
      return { args: { x, rows: 5, n: 11, out: o }, outputs: [o] };
    }),
  );
  for (const log of [false, true]) {
    out.push(
      c("softmaxRows", `${log ? "log-" : ""}softmax [3,17], a row of -inf`, ULPS, (d, rng) => {
        const v = floats(rng, 51, -4, 4);
        v.fill(Number.NEGATIVE_INFINITY, 17, 34);
        const x = d.upload(v);
        const o = d.alloc("f32", 51);
        return { args: { x, rows: 3, n: 17, out: o, log }, outputs: [o] };
      }),
      c("softmaxRows", `${log ? "log-" : ""}softmax [1,1000]`, ULPS, (d, rng) => {
        const x = d.upload(floats(rng, 1000, -8, 8));
        const o = d.alloc("f32", 1000);
        return { args: { x, rows: 1, n: 1000, out: o, log }, outputs: [o] };
      }),
    );
  }
  out.push(
    c("logsumexpRows", "[6,29]", ULPS, (d, rng) => {
      const x = d.upload(floats(rng, 174, -6, 6));
      const o = d.alloc("f32", 6);
      return { args: { x, rows: 6, n: 29, out: o }, outputs: [o] };
    }),
    c("topkRows", "k=5 of [4,19]", EXACT, (d, rng) => {
      const x = d.upload(floats(rng, 76));
      const values = d.alloc("f32", 20);
      const indices = d.alloc("i32", 20);
      return { args: { x, rows: 4, n: 19, k: 5, values, indices }, outputs: [values, indices] };
    }),
    c("topkRows", "k=n=3", EXACT, (d, rng) => {
      const x = d.upload(floats(rng, 6));
      const values = d.alloc("f32", 6);
      const indices = d.alloc("i32", 6);
      return { args: { x, rows: 2, n: 3, k: 3, values, indices }, outputs: [values, indices] };
    }),
  );
  return out;
}

/** Matmul tolerance: f32 sums of k terms of size ~1 drift by about sqrt(k) ulps. */
function mmTol(k: number): Tol {
  return { atol: 2e-6 * Math.sqrt(k + 1), rtol: 1e-5 };
}

function matmulCase(
  label: string,
  batch: number,
  m: number,
  k: number,
  n: number,
  layout: { transA?: boolean; transB?: boolean; sharedB?: boolean; offset?: number } = {},
): KernelCase {
  const { transA = false, transB = false, sharedB = false, offset = 0 } = layout;
  return c("matmul", label, mmTol(k), (d, rng) => {
    const a = d.upload(floats(rng, offset + batch * m * k));
    const bCount = (sharedB ? 1 : batch) * k * n;
    const b = d.upload(floats(rng, bCount));
    const o = d.alloc("f32", batch * m * n);
    const aStrides = transA ? [m * k, 1, m] : [m * k, k, 1];
    const bStrides = transB ? [k * n, 1, k] : [k * n, n, 1];
    if (sharedB) bStrides[0] = 0;
    const args = {
      a: view(a, [batch, m, k], aStrides, offset),
      b: view(b, [batch, k, n], bStrides),
      out: o,
      batch,
      m,
      k,
      n,
    };
    return { args, outputs: [o] };
  });
}

function matmulCases(): KernelCase[] {
  return [
    matmulCase("1x1x1", 1, 1, 1, 1),
    matmulCase("primes 5x7x3, batch 2", 2, 5, 7, 3),
    matmulCase("decode row 1x67x65", 1, 1, 67, 65),
    matmulCase("67x33x65 crosses tiles", 1, 67, 33, 65),
    matmulCase("a transposed", 2, 9, 11, 13, { transA: true }),
    matmulCase("b transposed", 1, 17, 19, 23, { transB: true }),
    matmulCase("both transposed", 3, 4, 5, 6, { transA: true, transB: true }),
    matmulCase("b shared over the batch", 3, 5, 8, 7, { sharedB: true }),
    matmulCase("a at an offset", 1, 3, 4, 5, { offset: 3 }),
    matmulCase("k = 300 (several K steps)", 1, 3, 300, 5),
    c("matmul", "non-dense a (every other column)", mmTol(4), (d, rng) => {
      const a = d.upload(floats(rng, 24));
      const b = d.upload(floats(rng, 20));
      const o = d.alloc("f32", 15);
      const args = {
        a: view(a, [1, 3, 4], [24, 8, 2]),
        b: view(b, [1, 4, 5], [20, 5, 1]),
        out: o,
        batch: 1,
        m: 3,
        k: 4,
        n: 5,
      };
      return { args, outputs: [o] };
    }),
    c(
      "matmul",
      "f64 3x4x5",
      { atol: 1e-12, rtol: 1e-12 },
      (d, rng) => {
        const a = d.upload(Float64Array.from(floats(rng, 12)));
        const b = d.upload(Float64Array.from(floats(rng, 20)));
        const o = d.alloc("f64", 15);
        const args = {
          a: view(a, [1, 3, 4]),
          b: view(b, [1, 4, 5]),
          out: o,
          batch: 1,
          m: 3,
          k: 4,
          n: 5,
        };
        return { args, outputs: [o] };
      },
      true,
    ),
  ];
}

function indexingCases(): KernelCase[] {
  const [outer, n, inner, m] = [2, 7, 3, 5];
  return [
    c("indexSelect", "[2,7,3] rows [5]", EXACT, (d, rng) => {
      const x = d.upload(floats(rng, outer * n * inner));
      const index = d.upload(ints(rng, m, n));
      const o = d.alloc("f32", outer * m * inner);
      return { args: { x, index, out: o, outer, n, inner, m }, outputs: [o] };
    }),
    c("indexAdd", "[2,5,3] into [2,7,3] with repeats", ULPS, (d, rng) => {
      const src = d.upload(floats(rng, outer * m * inner));
      const index = d.upload(Int32Array.from([1, 4, 1, 6, 0]));
      const o = d.upload(floats(rng, outer * n * inner));
      return { args: { src, index, out: o, outer, n, inner, m }, outputs: [o] };
    }),
    c("gather", "[2,7,3] at [2,5,3]", EXACT, (d, rng) => {
      const x = d.upload(floats(rng, outer * n * inner));
      const index = d.upload(ints(rng, outer * m * inner, n));
      const o = d.alloc("f32", outer * m * inner);
      return { args: { x, index, out: o, outer, n, inner, m }, outputs: [o] };
    }),
    c("scatterAdd", "[2,5,3] into [2,7,3]", ULPS, (d, rng) => {
      const src = d.upload(floats(rng, outer * m * inner));
      const index = d.upload(ints(rng, outer * m * inner, n));
      const o = d.alloc("f32", outer * n * inner);
      return { args: { src, index, out: o, outer, n, inner, m }, outputs: [o] };
    }),
  ];
}

function quantCases(): KernelCase[] {
  const [m, k, n, rowStart] = [3, 64, 5, 2];
  const rows = rowStart + n;
  const bytesToWords = (bytes: Uint8Array) => new Int32Array(bytes.buffer.slice(0));
  return [
    c("matmulMxfp4", "x [3,64] · W[2:7]^T", mmTol(k), (d, rng) => {
      const x = d.upload(floats(rng, m * k));
      const packed = new Uint8Array((rows * k) / 2);
      for (let i = 0; i < packed.length; i++) packed[i] = rng.int(256);
      // E8M0 exponents near 127 keep the products in a sane range.
      const scales = new Uint8Array(Math.ceil((rows * k) / 32 / 4) * 4);
      for (let i = 0; i < scales.length; i++) scales[i] = 124 + rng.int(6);
      const o = d.alloc("f32", m * n);
      const args = {
        x: view(x, [m, k]),
        packed: d.upload(bytesToWords(packed)),
        scales: d.upload(bytesToWords(scales)),
        out: o,
        m,
        k,
        n,
        rowStart,
      };
      return { args, outputs: [o] };
    }),
    c("matmulFp8Block", "x [3,64] · W[2:7]^T, f32 block scales", mmTol(k), (d, rng) => {
      const x = d.upload(floats(rng, m * k));
      const data = new Uint8Array(rows * k);
      // 0x7f and 0xff are the E4M3FN NaNs; any other byte is a number.
      for (let i = 0; i < data.length; i++) data[i] = rng.int(0x7f) | (rng.int(2) << 7);
      const o = d.alloc("f32", m * n);
      const args = {
        x: view(x, [m, k]),
        data: d.upload(bytesToWords(data)),
        scales: d.upload(floats(rng, 2 * 2, 0.5, 2)),
        scaleFormat: "f32" as const,
        blockRows: 4,
        blockCols: 32,
        out: o,
        m,
        k,
        n,
        rowStart,
      };
      return { args, outputs: [o] };
    }),
  ];
}

/** Every case of the suite, grouped by kernel. */
export function kernelCases(): KernelCase[] {
  return [
    ...elementwiseCases(),
    ...rowCases(),
    ...matmulCases(),
    ...indexingCases(),
    ...quantCases(),
  ];
}

/** The largest violation of `tol` between two arrays (0 when within), with its index. */
export function compare(
  got: TypedArray,
  want: TypedArray,
  tol: Tol,
): { excess: number; at: number } {
  let excess = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) && Number.isNaN(g)) continue;
    if (g === w) continue;
    const over = Math.abs(g - w) - (tol.atol + tol.rtol * Math.abs(w));
    if (!(over <= 0) && (at < 0 || over > excess || Number.isNaN(over))) {
      excess = Number.isNaN(over) ? Number.POSITIVE_INFINITY : over;
      at = i;
    }
  }
  return { excess, at };
}

export type { KernelName };
