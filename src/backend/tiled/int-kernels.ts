/**
 * Tile kernels for the i32 cases of element-wise and row ops, which the tile library's kernels
 * (f32 compute) do not take: integer arithmetic and comparisons on ids and masks, selects
 * between i32 tensors, and integer row sums (token counts per expert). Operands are read
 * through rank-4 strided views (zero strides broadcast), as the tile library's map kernels do.
 */
import {
  ceilDiv,
  defineKernel,
  type Expr,
  type Kernel,
  max,
  min,
  select,
} from "../../tile/index.ts";
import type { BinaryOp, ReduceOp } from "../kernels.ts";

const BLOCK = 1024;
const THREADS = 256;
const RANK = 4;

/** The i32 binary ops (division and powers of integers are left to the CPU). */
export const INT_BINARY: Partial<Record<BinaryOp, (a: Expr, b: Expr) => Expr>> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  min: (a, b) => min(a, b),
  max: (a, b) => max(a, b),
  eq: (a, b) => select(a.eq(b), 1, 0),
  ne: (a, b) => select(a.ne(b), 1, 0),
  lt: (a, b) => select(a.lt(b), 1, 0),
  le: (a, b) => select(a.le(b), 1, 0),
  gt: (a, b) => select(a.gt(b), 1, 0),
  ge: (a, b) => select(a.ge(b), 1, 0),
};

const traced = new Map<string, Kernel>();

function memo(name: string, build: () => Kernel): Kernel {
  let k = traced.get(name);
  if (!k) {
    k = build();
    traced.set(name, k);
  }
  return k;
}

/** Offset of flat element g in a rank-4 view: Σ_d idx_d(g)·stride_d. */
function offsetOf(g: Expr, dims: readonly Expr[], strides: readonly Expr[]): Expr {
  let rest = g;
  let off = rest.mod(dims[RANK - 1]!).mul(strides[RANK - 1]!);
  for (let d = RANK - 2; d >= 0; d--) {
    rest = rest.div(dims[d + 1]!);
    off = off.add((d === 0 ? rest : rest.mod(dims[d]!)).mul(strides[d]!));
  }
  return off;
}

/**
 * out[g] = fn(inputs at g) over the n elements of a rank-4 shape D0..D3; each input read
 * through its strides (sizes `<name>S0..3`) and extent (`<name>Len`); out dense i32.
 */
function intMapKernel(name: string, inputs: readonly string[], fn: (v: Expr[]) => Expr): Kernel {
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const n = k.size("n");
        const dims = k.sizes("D0", "D1", "D2", "D3");
        const refs = inputs.map((t) => ({
          ref: k.tensor(t, "i32", [k.size(`${t}Len`)]),
          strides: [0, 1, 2, 3].map((d) => k.size(`${t}S${d}`)),
        }));
        const out = k.tensor("out", "i32", [n], "write");
        const [bx] = k.grid([ceilDiv(n, BLOCK)]);
        k.parallel([BLOCK], (t) => {
          const g = bx!.mul(BLOCK).add(t);
          k.when(g.lt(n), () => {
            out.set([g], fn(refs.map((r) => r.ref.at(offsetOf(g, dims, r.strides)))));
          });
        });
      },
      { threads: THREADS },
    ),
  );
}

/** out = a op b on i32 views; tensors "a", "b", "out". */
export function intBinaryKernel(op: BinaryOp): Kernel | null {
  const fn = INT_BINARY[op];
  return fn ? intMapKernel(`intBinary_${op}`, ["a", "b"], ([a, b]) => fn(a!, b!)) : null;
}

/** out = cond != 0 ? a : b on i32 views; tensors "cond", "a", "b", "out". */
export function intWhereKernel(): Kernel {
  return intMapKernel("intWhere", ["cond", "a", "b"], ([c, a, b]) => select(c!.ne(0), a!, b!));
}

/** out[r] = op over j of x[r, j] for i32 [rows, n]: one thread per row. */
export function intReduceRowsKernel(op: ReduceOp): Kernel {
  const name = `intReduceRows_${op}`;
  return memo(name, () =>
    defineKernel(
      name,
      (k) => {
        const [rows, n] = k.sizes("rows", "n");
        const x = k.tensor("x", "i32", [rows, n]);
        const out = k.tensor("out", "i32", [rows], "write");
        const [bx] = k.grid([ceilDiv(rows, THREADS)]);
        k.parallel([THREADS], (t) => {
          const r = bx!.mul(THREADS).add(t);
          k.when(r.lt(rows), () => {
            // The reference's empty-row values: 0 for a sum, ∓inf for max/min, which i32 out
            // stores as 0 (a typed-array store of an infinity).
            const acc = k.local("acc", "i32", 0);
            k.serial(n, (j) => {
              const v = x.at(r, j);
              const prev = acc.get();
              if (op === "sum") acc.set(prev.add(v));
              else acc.set(select(j.eq(0), v, op === "max" ? max(prev, v) : min(prev, v)));
            });
            out.set([r], acc.get());
          });
        });
      },
      { threads: THREADS },
    ),
  );
}
