/**
 * Cases of the shared kernel suite: for each vocabulary kernel, argument sets of awkward shapes
 * (1, primes, non-multiples of any tile, strided and broadcast views, offsets) built from seeded
 * random host data. A case builds its arguments on any device and names the outputs to compare.
 */
import type { BinaryOp, KernelName, TypedArray, UnaryOp } from "../../src/backend/index.ts";

import {
  c,
  EXACT,
  floats,
  ints,
  type KernelCase,
  type Tol,
  ULPS,
  view,
} from "./kernel-case-helpers.ts";
import { fusedCases } from "./kernel-cases-fused.ts";
import { indexingCases, matmulCases, quantCases } from "./kernel-cases-gemm.ts";

export type { KernelCase, Tol } from "./kernel-case-helpers.ts";

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
export function kernelCases(): KernelCase[] {
  return [
    ...elementwiseCases(),
    ...rowCases(),
    ...matmulCases(),
    ...indexingCases(),
    ...quantCases(),
    ...fusedCases(),
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
