/**
 * Tile kernels for the vocabulary's gather and scatter ops, which the tile library has no
 * kernels for (it covers the compute hot paths). Written with the DSL like any other kernel;
 * the GPU runs them, the CPU keeps its reference versions (memory-bound loops that also
 * validate every index).
 *
 * Gathers map over output elements. Scatter-adds give each thread one column (a, c) of the
 * output and walk the source rows j in order, so that rows hitting the same output row are
 * added by one thread in the reference's order: no atomics, and deterministic results.
 * Indices outside [0, n) read 0 and drop their writes (the DSL's rule for out-of-range
 * accesses); the reference kernels reject them.
 */
import { ceilDiv, type DType, defineKernel, type Kernel } from "../../tile/index.ts";

/** Output elements per block of a gather, columns per block of a scatter-add. */
const GATHER_BLOCK = 1024;
const SCATTER_BLOCK = 256;
const THREADS = 256;

const traced = new Map<string, Kernel>();

function memo(name: string, build: () => Kernel): Kernel {
  let k = traced.get(name);
  if (!k) {
    k = build();
    traced.set(name, k);
  }
  return k;
}

/**
 * out[a, j, c] = x[a, index[j], c] (rowIndex) or x[a, index[a, j, c], c] (elementIndex).
 * x: [outer, n, inner], index: i32 [m] | [outer, m, inner] -> out: [outer, m, inner]
 */
export function gatherKernel(dtype: DType, perElement: boolean): Kernel {
  const name = `${perElement ? "gather" : "indexSelect"}_${dtype}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [outer, n, inner, m] = k.sizes("outer", "n", "inner", "m");
        const x = k.tensor("x", dtype, [outer, n, inner]);
        const index = perElement
          ? k.tensor("index", "i32", [outer, m, inner])
          : k.tensor("index", "i32", [m]);
        const out = k.tensor("out", dtype, [outer, m, inner], "write");
        const total = outer.mul(m).mul(inner);
        const [bx] = k.grid([ceilDiv(total, GATHER_BLOCK)]);
        k.parallel([GATHER_BLOCK], (t) => {
          const g = bx!.mul(GATHER_BLOCK).add(t);
          k.when(g.lt(total), () => {
            const c = g.mod(inner);
            const j = g.div(inner).mod(m);
            const a = g.div(inner.mul(m));
            const i = perElement ? index.at(a, j, c) : index.at(j);
            out.set([a, j, c], x.at(a, i, c));
          });
        });
      },
      { threads: THREADS },
    ),
  );
}

/**
 * out[a, index[j], c] += src[a, j, c] (rowIndex) or out[a, index[a, j, c], c] += src[a, j, c]
 * (elementIndex), rows j in ascending order.
 * src: [outer, m, inner], index: i32 [m] | [outer, m, inner]; out: [outer, n, inner] updated
 */
export function scatterAddKernel(perElement: boolean): Kernel {
  const name = perElement ? "scatterAdd_f32" : "indexAdd_f32";
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [outer, n, inner, m] = k.sizes("outer", "n", "inner", "m");
        const src = k.tensor("src", "f32", [outer, m, inner]);
        const index = perElement
          ? k.tensor("index", "i32", [outer, m, inner])
          : k.tensor("index", "i32", [m]);
        const out = k.tensor("out", "f32", [outer, n, inner], "readwrite");
        const columns = outer.mul(inner);
        const [bx] = k.grid([ceilDiv(columns, SCATTER_BLOCK)]);
        k.parallel([SCATTER_BLOCK], (t) => {
          const g = bx!.mul(SCATTER_BLOCK).add(t);
          k.when(g.lt(columns), () => {
            const a = g.div(inner);
            const c = g.mod(inner);
            k.serial(m, (j) => {
              const i = k.let("row", perElement ? index.at(a, j, c) : index.at(j));
              out.set([a, i, c], out.at(a, i, c).add(src.at(a, j, c)));
            });
          });
        });
      },
      { threads: THREADS },
    ),
  );
}
