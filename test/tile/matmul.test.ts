/**
 * Matmul (every transpose combination, batched) and the MoE grouped GEMM through the
 * interpreter and WASM against the CPU reference matmul. Shapes cover 1, primes and sizes
 * that are not multiples of the tiles; the WASM-only cases use the production tile sizes on
 * products large enough to need several blocks and K steps. Tolerance 1e-5 (f32 accumulation
 * against float64).
 */
import { describe, test } from "node:test";
import {
  compileWasm,
  matmulKernel,
  planGroupedGemm,
  planMatmul,
  WasmRunner,
} from "../../src/tile/index.ts";
import { assertClose, buf, reference, TestRng, transposedView, view } from "./helpers.ts";
import { runTargets, runWasm } from "./targets.ts";

const TOL = { atol: 1e-5, rtol: 1e-5 };

function refMatmul(
  a: Float32Array,
  b: Float32Array,
  s: { batch: number; m: number; k: number; n: number; transA: boolean; transB: boolean },
): Float32Array {
  const { batch, m, k, n } = s;
  const out = new Float32Array(batch * m * n);
  const av = s.transA ? transposedView(a, [batch, m, k]) : view(a, [batch, m, k]);
  const bv = s.transB ? transposedView(b, [batch, k, n]) : view(b, [batch, k, n]);
  reference("matmul", { a: av, b: bv, out: buf(out), batch, m, k, n });
  return out;
}

describe("matmul", () => {
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      const op = `${transA ? "Aᵀ" : "A"}·${transB ? "Bᵀ" : "B"}`;
      test(`${op} on small tiles (interpreter and wasm)`, () => {
        const rng = new TestRng(51);
        const kernel = matmulKernel({ bm: 8, bn: 8, bk: 4, transA, transB, threads: 64 });
        for (const [batch, m, k, n] of [
          [1, 1, 1, 1],
          [2, 5, 7, 3],
          [1, 17, 13, 9],
          [3, 8, 9, 16],
        ]) {
          const s = { batch: batch!, m: m!, k: k!, n: n!, transA, transB };
          const a = rng.uniform(batch! * m! * k!);
          const b = rng.uniform(batch! * k! * n!);
          const plan = { kernel, values: { B: batch!, M: m!, N: n!, K: k! } };
          const { interp, wasm } = runTargets(plan, {
            a,
            b,
            out: new Float32Array(batch! * m! * n!),
          });
          const want = refMatmul(a, b, s);
          assertClose(interp.out!, want, TOL, `interpreter ${JSON.stringify(s)}`);
          assertClose(wasm.out!, want, TOL, `wasm ${JSON.stringify(s)}`);
        }
      });

      test(`${op} on production tiles (wasm)`, () => {
        const rng = new TestRng(52);
        for (const [batch, m, k, n] of [
          [1, 1, 300, 131],
          [2, 3, 65, 70],
          [2, 8, 1030, 37],
          [1, 131, 257, 263],
        ]) {
          const s = { batch: batch!, m: m!, k: k!, n: n!, transA, transB };
          const a = rng.uniform(batch! * m! * k!);
          const b = rng.uniform(batch! * k! * n!);
          const got = runWasm(planMatmul("wasm", s), {
            a,
            b,
            out: new Float32Array(batch! * m! * n!),
          });
          assertClose(got.out!, refMatmul(a, b, s), TOL, `wasm ${JSON.stringify(s)}`);
        }
      });
    }
  }
});

describe("SIMD fallback", () => {
  // A wide product (outer-product micro-kernel) and a decode product over a weight stored
  // [out, in] (dot-product kernel reading the weight in place).
  for (const m of [9, 1]) {
    test(`without relaxed SIMD (mul + add instead of FMA) the products agree, m = ${m}`, () => {
      const rng = new TestRng(54);
      const s = { batch: 1, m, k: m === 1 ? 520 : 33, n: 20, transA: false, transB: true };
      const a = rng.uniform(s.m * s.k);
      const b = rng.uniform(s.k * s.n);
      const plan = planMatmul("wasm", s);
      const compiled = compileWasm(plan.kernel, { relaxed: false });
      const tensors = { a, b, out: new Float32Array(s.m * s.n) };
      new WasmRunner().run(compiled, tensors, plan.values);
      assertClose(tensors.out, refMatmul(a, b, s), TOL, "mul + add");
    });
  }
});

describe("grouped gemm", () => {
  for (const transW of [false, true]) {
    test(`experts over sorted tokens${transW ? " with transposed weights" : ""}`, () => {
      const rng = new TestRng(53);
      const [N, D, F, E] = [70, 19, 23, 5];
      const counts = [0, 31, 1, 24, 9];
      const offsets = Int32Array.from([
        0,
        ...counts.map((_, e) => counts.slice(0, e + 1).reduce((p, c) => p + c, 0)),
      ]);
      const x = rng.uniform(N * D);
      const w = rng.uniform(E * D * F);
      const plan = planGroupedGemm("wasm", { rows: N, inDim: D, outDim: F, experts: E, transW });
      const untouched = -7;
      const { interp, wasm } = runTargets(plan, {
        x,
        w,
        offsets,
        out: new Float32Array(N * F).fill(untouched),
      });
      const want = new Float32Array(N * F).fill(untouched);
      for (let e = 0; e < E; e++) {
        const [r0, r1] = [offsets[e]!, offsets[e + 1]!];
        if (r1 === r0) continue;
        const we = w.subarray(e * D * F, (e + 1) * D * F);
        const part = refMatmul(x.subarray(r0 * D, r1 * D), we, {
          batch: 1,
          m: r1 - r0,
          k: D,
          n: F,
          transA: false,
          transB: transW,
        });
        want.set(part, r0 * F);
      }
      assertClose(interp.out!, want, TOL, "interpreter");
      assertClose(wasm.out!, want, TOL, "wasm");
    });
  }
});
