/**
 * The reference executor: runs a kernel's IR directly, block after block, element after
 * element. It defines the DSL's semantics (tests compare the compiled targets with it and it
 * with the backend's reference kernels). f32 arithmetic rounds after every operation; `gemm`
 * accumulates each tile product in float64 and rounds once into C. Uninitialised f32 tile
 * elements read NaN, so a kernel that forgets to clear an accumulator fails its tests.
 */
import { checkValues, evalHost, gridDims } from "./grid.ts";
import type {
  BufferDecl,
  ExprNode,
  Kernel,
  Stmt,
  TensorDecl,
  TensorRegion,
  TileDecl,
} from "./ir.ts";
import { evalBinary, evalUnary } from "./scalar-math.ts";
import type { RuntimeValues } from "./target.ts";

export type HostArray = Float32Array | Int32Array;

interface State {
  readonly kernel: Kernel;
  readonly env: Map<number, number>;
  readonly tensors: Map<string, { data: HostArray; dims: number[] }>;
  readonly tiles: Map<number, HostArray>;
}

/**
 * Runs `kernel` over all its blocks. `tensors` maps tensor names to dense arrays (at least as
 * long as the tensor's shape needs); `values` holds sizes and scalars.
 */
export function interpret(
  kernel: Kernel,
  tensors: Readonly<Record<string, HostArray>>,
  values: RuntimeValues,
): void {
  checkValues(kernel, values);
  const st: State = { kernel, env: new Map(), tensors: new Map(), tiles: new Map() };
  for (const s of [...kernel.sizes, ...kernel.scalars]) st.env.set(s.id, values[s.name]!);
  for (const t of kernel.tensors) st.tensors.set(t.name, bindTensor(kernel, t, tensors, values));
  const dims = gridDims(kernel, values);
  const total = dims.reduce((p, d) => p * d, 1);
  for (let b = 0; b < total; b++) {
    let rest = b;
    kernel.blockVars.forEach((v, d) => {
      st.env.set(v.id, rest % dims[d]!);
      rest = Math.floor(rest / dims[d]!);
    });
    for (const t of kernel.tiles) st.tiles.set(t.id, newTile(t));
    run(st, kernel.body);
  }
}

function bindTensor(
  kernel: Kernel,
  t: TensorDecl,
  tensors: Readonly<Record<string, HostArray>>,
  values: RuntimeValues,
): { data: HostArray; dims: number[] } {
  const data = tensors[t.name];
  const dims = t.shape.map((d) => evalHost(d, values));
  const need = dims.reduce((p, d) => p * d, 1);
  if (!data) throw new RangeError(`${kernel.name}: tensor "${t.name}" is missing`);
  const isF32 = data instanceof Float32Array;
  if (isF32 !== (t.dtype === "f32") || data.length < need) {
    throw new RangeError(
      `${kernel.name}: tensor "${t.name}" needs ${need} ${t.dtype} elements [${dims}], ` +
        `got ${data.length} ${isF32 ? "f32" : "i32"}`,
    );
  }
  return { data, dims };
}

function newTile(t: TileDecl): HostArray {
  const n = t.shape.reduce((p, d) => p * d, 1);
  return t.dtype === "f32" ? new Float32Array(n).fill(Number.NaN) : new Int32Array(n);
}

function run(st: State, stmts: readonly Stmt[]): void {
  for (const s of stmts) exec(st, s);
}

function exec(st: State, s: Stmt): void {
  switch (s.kind) {
    case "for": {
      const n = ev(st, s.extent);
      for (let i = 0; i < n; i++) {
        st.env.set(s.v.id, i);
        run(st, s.body);
      }
      return;
    }
    case "parallel":
      forEachIndex(s.extents, (idx) => {
        s.vars.forEach((v, d) => {
          st.env.set(v.id, idx[d]!);
        });
        run(st, s.body);
      });
      return;
    case "if":
      run(st, ev(st, s.cond) ? s.thenBody : s.elseBody);
      return;
    case "let":
    case "local":
    case "assign":
      st.env.set(s.v.id, ev(st, s.value));
      return;
    case "uniformLoad":
      st.env.set(
        s.v.id,
        loadTensor(
          st,
          s.tensor,
          s.index.map((n) => ev(st, n)),
        ),
      );
      return;
    case "store":
      store(
        st,
        s.buf,
        s.index.map((n) => ev(st, n)),
        ev(st, s.value),
        s.loc,
      );
      return;
    case "fill":
      tile(st, s.tile).fill(ev(st, s.value));
      return;
    case "copy":
      copy(st, s.src, s.dst, s.pad);
      return;
    case "gemm":
      gemm(st, s);
      return;
    case "reduce":
      reduce(st, s);
      return;
  }
}

function forEachIndex(extents: readonly number[], fn: (idx: number[]) => void): void {
  const total = extents.reduce((p, d) => p * d, 1);
  const idx = extents.map(() => 0);
  for (let k = 0; k < total; k++) {
    let rest = k;
    for (let d = extents.length - 1; d >= 0; d--) {
      idx[d] = rest % extents[d]!;
      rest = Math.floor(rest / extents[d]!);
    }
    fn(idx);
  }
}

function tile(st: State, t: TileDecl): HostArray {
  return st.tiles.get(t.id)!;
}

function tileOffset(t: TileDecl, idx: readonly number[], loc: string): number {
  let off = 0;
  t.shape.forEach((d, k) => {
    const i = idx[k]!;
    if (!(i >= 0 && i < d)) {
      throw new RangeError(`tile ${t.name} [${t.shape}]: index [${idx}] out of bounds at ${loc}`);
    }
    off = off * d + i;
  });
  return off;
}

/** Linear offset of a tensor element, or -1 when any index is outside the tensor. */
function tensorOffset(dims: readonly number[], idx: readonly number[]): number {
  let off = 0;
  for (let k = 0; k < dims.length; k++) {
    const i = idx[k]!;
    if (!(i >= 0 && i < dims[k]!)) return -1;
    off = off * dims[k]! + i;
  }
  return off;
}

function loadTensor(st: State, t: TensorDecl, idx: readonly number[]): number {
  const { data, dims } = st.tensors.get(t.name)!;
  const off = tensorOffset(dims, idx);
  return off < 0 ? 0 : data[off]!;
}

function store(st: State, buf: BufferDecl, idx: readonly number[], v: number, loc: string): void {
  if (buf.kind === "tile") {
    tile(st, buf)[tileOffset(buf, idx, loc)] = v;
    return;
  }
  const { data, dims } = st.tensors.get(buf.name)!;
  const off = tensorOffset(dims, idx);
  if (off >= 0) data[off] = v;
}

function ev(st: State, n: ExprNode): number {
  switch (n.op) {
    case "const":
      return n.value;
    case "sym":
      return st.env.get(n.sym.id)!;
    case "unary":
      return evalUnary(n.fn, n.type, ev(st, n.a));
    case "binary":
      return evalBinary(n.fn, n.a.type, ev(st, n.a), ev(st, n.b));
    case "select":
      return ev(st, n.cond) ? ev(st, n.a) : ev(st, n.b);
    case "load": {
      const idx = n.index.map((x) => ev(st, x));
      if (n.buf.kind === "tile") return tile(st, n.buf)[tileOffset(n.buf, idx, st.kernel.name)]!;
      return loadTensor(st, n.buf, idx);
    }
  }
}

/** Tensor index of element `t` of a region's window. */
function regionIndex(st: State, r: TensorRegion, t: readonly number[]): number[] {
  return r.start.map((s, d) => {
    const k = r.dims.indexOf(d);
    return ev(st, s) + (k >= 0 ? t[k]! : 0);
  });
}

function copy(
  st: State,
  src: TileDecl | TensorRegion,
  dst: TileDecl | TensorRegion,
  pad: number,
): void {
  const shape = src.kind === "tile" ? src.shape : (dst as TileDecl).shape;
  forEachIndex(shape, (t) => {
    let v: number;
    if (src.kind === "tile") v = tile(st, src)[tileOffset(src, t, "copy")]!;
    else {
      const { data, dims } = st.tensors.get(src.tensor.name)!;
      const off = tensorOffset(dims, regionIndex(st, src, t));
      v = off < 0 ? pad : data[off]!;
    }
    if (dst.kind === "tile") tile(st, dst)[tileOffset(dst, t, "copy")] = v;
    else {
      const { data, dims } = st.tensors.get(dst.tensor.name)!;
      const off = tensorOffset(dims, regionIndex(st, dst, t));
      if (off >= 0) data[off] = v;
    }
  });
}

function gemm(st: State, s: Extract<Stmt, { kind: "gemm" }>): void {
  const a = tile(st, s.a);
  const b = tile(st, s.b);
  const c = tile(st, s.c);
  const [m, n] = s.c.shape as [number, number];
  const k = s.transA ? s.a.shape[0]! : s.a.shape[1]!;
  const aAt = (i: number, p: number) => (s.transA ? a[p * m + i]! : a[i * k + p]!);
  const bAt = (p: number, j: number) => (s.transB ? b[j * k + p]! : b[p * n + j]!);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += aAt(i, p) * bAt(p, j);
      c[i * n + j] = Math.fround(c[i * n + j]! + acc);
    }
  }
}

function reduce(st: State, s: Extract<Stmt, { kind: "reduce" }>): void {
  const src = tile(st, s.src);
  const dst = tile(st, s.dst);
  const [rows, cols] = s.src.shape as [number, number];
  const [outer, inner] = s.axis === 1 ? [rows, cols] : [cols, rows];
  const type = s.src.dtype;
  for (let o = 0; o < outer; o++) {
    let acc =
      s.op === "sum" ? 0 : s.op === "max" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (let q = 0; q < inner; q++) {
      const v = s.axis === 1 ? src[o * cols + q]! : src[q * cols + o]!;
      acc = combine(s.op, type, acc, v);
    }
    dst[o] = s.clear ? acc : combine(s.op, type, dst[o]!, acc);
  }
}

function combine(op: "sum" | "max" | "min", type: "f32" | "i32", a: number, b: number): number {
  return evalBinary(op === "sum" ? "add" : op, type, a, b);
}
