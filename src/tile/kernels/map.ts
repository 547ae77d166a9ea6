/**
 * Element-wise maps: out[i] = f(in0[i], in1[i], ...) over n elements, the building block of
 * the unary, binary, clamp, where, fill and copy kernels. Two layouts:
 *   "contiguous": every operand is a dense array of n elements;
 *   "strided": operands are rank-4 strided views (shape D0..D3, per-operand strides, zero for
 *     broadcast dims; a runtime collapses higher ranks first) and out is dense or strided.
 * Each block handles `block` consecutive output elements.
 */
import { defineKernel } from "../builder.ts";
import { ceilDiv, type Expr } from "../expr.ts";
import type { DType, Kernel } from "../ir.ts";
import type { Target } from "./plan.ts";

export type MapLayout = "contiguous" | "strided";

export interface MapSpec {
  readonly name: string;
  readonly inputs: readonly { readonly name: string; readonly dtype: DType }[];
  readonly out: { readonly name: string; readonly dtype: DType };
  /** Further dense outputs (contiguous layout only); `fn` then returns one value per output. */
  readonly extraOuts?: readonly { readonly name: string; readonly dtype: DType }[];
  readonly scalars?: readonly { readonly name: string; readonly type: DType }[];
  readonly layout: MapLayout;
  /** Output strided too (copy into a view); otherwise out is dense. */
  readonly stridedOut?: boolean;
  readonly block: number;
  readonly threads: number;
  /** The element function over the loaded inputs and the scalars. */
  readonly fn: (inputs: Expr[], scalars: Expr[]) => Expr | Expr[];
}

const RANK = 4;

/** Offset of flat element g in a rank-4 view: Σ_k idx_k(g)·stride_k. */
function stridedOffset(g: Expr, dims: readonly Expr[], strides: readonly Expr[]): Expr {
  let rest = g;
  let off: Expr | null = null;
  for (let d = RANK - 1; d >= 0; d--) {
    const idx = d === 0 ? rest : rest.mod(dims[d]!);
    const term = idx.mul(strides[d]!);
    off = off ? off.add(term) : term;
    if (d > 0) rest = rest.div(dims[d]!);
  }
  return off!;
}

/** Builds the map kernel described by `spec`. */
export function mapKernel(spec: MapSpec): Kernel {
  return defineKernel(
    spec.name,
    (k) => {
      const n = k.size("n");
      const strided = spec.layout === "strided";
      const dims = strided ? k.sizes("D0", "D1", "D2", "D3") : [];
      const extentOf = (t: string) => (strided ? k.size(`${t}Len`) : n);
      const inputs = spec.inputs.map((t) => {
        const len = extentOf(t.name);
        const strides = strided ? [0, 1, 2, 3].map((d) => k.size(`${t.name}S${d}`)) : [];
        return { ref: k.tensor(t.name, t.dtype, [len]), strides };
      });
      const outStrided = strided && (spec.stridedOut ?? false);
      const outLen = outStrided ? k.size(`${spec.out.name}Len`) : n;
      const outStrides = outStrided ? [0, 1, 2, 3].map((d) => k.size(`${spec.out.name}S${d}`)) : [];
      const out = k.tensor(spec.out.name, spec.out.dtype, [outLen], "write");
      const extras = (spec.extraOuts ?? []).map((o) => k.tensor(o.name, o.dtype, [n], "write"));
      const scalars = (spec.scalars ?? []).map((s) => k.scalar(s.name, s.type));
      const [bx] = k.grid([ceilDiv(n, spec.block)]);

      k.parallel([spec.block], (t) => {
        const g = bx.mul(spec.block).add(t);
        const body = () => {
          const vals = inputs.map(({ ref, strides }) =>
            ref.at(strided ? stridedOffset(g, dims, strides) : g),
          );
          const dst = outStrided ? stridedOffset(g, dims, outStrides) : g;
          const results = spec.fn(vals, scalars);
          const [first, ...rest] = Array.isArray(results) ? results : [results];
          out.set([dst], first!);
          rest.forEach((v, o) => {
            extras[o]!.set([g], v);
          });
        };
        // Dense operands need no guard: accesses past n fall outside the [n] tensors, where
        // loads read 0 and stores are dropped. Strided offsets past n could land inside.
        if (strided) k.when(g.lt(n), body);
        else body();
      });
    },
    { threads: spec.threads },
  );
}

/** Elements per block and threads per block for a target. */
export function mapBlock(target: Target): { block: number; threads: number } {
  return target === "wgsl" ? { block: 1024, threads: 256 } : { block: 4096, threads: 256 };
}

export interface StridedView {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

/** Pads a view to rank 4 (leading unit dims); throws when the rank is above 4. */
export function rank4(what: string, v: StridedView): { dims: number[]; strides: number[] } {
  if (v.shape.length > RANK) {
    throw new RangeError(
      `${what}: rank ${v.shape.length} views need collapsing to rank <= 4 first`,
    );
  }
  const pad = RANK - v.shape.length;
  return {
    dims: [...Array(pad).fill(1), ...v.shape],
    strides: [...Array(pad).fill(0), ...v.strides],
  };
}

/** Elements from a view's offset to its furthest element, inclusive (0 for empty views). */
export function viewExtent(v: StridedView): number {
  if (v.shape.some((d) => d === 0)) return 0;
  return 1 + v.shape.reduce((p, d, i) => p + (d - 1) * v.strides[i]!, 0);
}

/** Run-time values for a strided map: the common shape and each view's strides and extent. */
export function stridedValues(
  what: string,
  shape: readonly number[],
  views: Readonly<Record<string, StridedView>>,
): Record<string, number> {
  const n = shape.reduce((p, d) => p * d, 1);
  const values: Record<string, number> = { n };
  rank4(what, { shape, strides: shape.map(() => 0) }).dims.forEach((d, i) => {
    values[`D${i}`] = d;
  });
  for (const [name, v] of Object.entries(views)) {
    if (v.shape.join() !== shape.join() || v.strides.some((s) => s < 0 || !Number.isInteger(s))) {
      throw new RangeError(
        `${what}: view ${name} [${v.shape}] strides [${v.strides}] must have shape ` +
          `[${shape}] and strides >= 0`,
      );
    }
    rank4(what, v).strides.forEach((s, i) => {
      values[`${name}S${i}`] = s;
    });
    values[`${name}Len`] = viewExtent(v);
  }
  return values;
}
