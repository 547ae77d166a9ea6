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

export function matmulCases(): KernelCase[] {
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

export function indexingCases(): KernelCase[] {
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

export function quantCases(): KernelCase[] {
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
