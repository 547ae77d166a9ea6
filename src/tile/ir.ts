/**
 * The tile IR: plain data produced by tracing a kernel builder and consumed by the passes and
 * the three executors (interpreter, WGSL, WASM). A kernel is a grid of blocks over symbolic
 * run-time sizes; every block runs the same statement list with its own block indices.
 *
 * Memory scopes: `tensor` = global memory (run-time shape, bounds-checked accesses);
 * `shared` tile = block-wide scratch (compile-time shape); `fragment` tile = accumulators that a
 * target may spread over the block's threads (registers on GPUs).
 */

/** Element types of tensors and tiles. */
export type DType = "f32" | "i32";
/** Types of expressions: element types plus the result of comparisons. */
export type ExprType = DType | "bool";

/**
 * A named scalar: a run-time size or scalar parameter, a block index, a loop counter, an
 * immutable binding (`let`) or a mutable local. `uniform` symbols have one value across the
 * whole block, which is what block-level control flow may depend on.
 */
export interface Sym {
  readonly id: number;
  readonly kind: "size" | "scalar" | "block" | "loop" | "let" | "local";
  readonly name: string;
  readonly type: DType;
  readonly uniform: boolean;
}

/** A global tensor: dense row-major, shape given by expressions over sizes. */
export interface TensorDecl {
  readonly kind: "tensor";
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly ExprNode[];
  readonly access: "read" | "write" | "readwrite";
  readonly loc: string;
}

/** A compile-time-shaped tile living in one block. */
export interface TileDecl {
  readonly kind: "tile";
  readonly id: number;
  readonly name: string;
  readonly scope: "shared" | "fragment";
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly loc: string;
}

export type BufferDecl = TensorDecl | TileDecl;

export type UnaryFn =
  | "neg"
  | "abs"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "rsqrt"
  | "floor"
  | "tanh"
  | "not"
  | "toF32"
  | "toI32";

export type BinaryFn =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "mod"
  | "min"
  | "max"
  | "pow"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "eq"
  | "ne"
  | "and"
  | "or";

export type ExprNode =
  | { readonly op: "const"; readonly type: ExprType; readonly value: number }
  | { readonly op: "sym"; readonly type: DType; readonly sym: Sym }
  | { readonly op: "unary"; readonly type: ExprType; readonly fn: UnaryFn; readonly a: ExprNode }
  | {
      readonly op: "binary";
      readonly type: ExprType;
      readonly fn: BinaryFn;
      readonly a: ExprNode;
      readonly b: ExprNode;
    }
  | {
      readonly op: "select";
      readonly type: ExprType;
      readonly cond: ExprNode;
      readonly a: ExprNode;
      readonly b: ExprNode;
    }
  | {
      /** Tensor loads read `0` outside the tensor; tile loads must be in bounds. */
      readonly op: "load";
      readonly type: DType;
      readonly buf: BufferDecl;
      readonly index: readonly ExprNode[];
    };

/**
 * A window of a tensor with a tile's shape: tile dim k runs along tensor dim dims[k] (dims
 * increasing); every other tensor dim is fixed at its start (a batch or head index, say).
 * By default the tile dims are the tensor's trailing dims.
 */
export interface TensorRegion {
  readonly kind: "region";
  readonly tensor: TensorDecl;
  readonly start: readonly ExprNode[];
  readonly shape: readonly number[];
  readonly dims: readonly number[];
}

export type ReduceOp = "sum" | "max" | "min";

interface At {
  /** file:line:col of the DSL call that made the statement. */
  readonly loc: string;
}

export type Stmt = At &
  (
    | {
        /** A loop; at block level the extent is uniform. `pipelined` marks a K loop. */
        readonly kind: "for";
        readonly v: Sym;
        readonly extent: ExprNode;
        readonly pipelined: boolean;
        readonly body: readonly Stmt[];
      }
    | {
        /** Independent iterations over a compile-time index space. */
        readonly kind: "parallel";
        readonly vars: readonly Sym[];
        readonly extents: readonly number[];
        readonly body: readonly Stmt[];
      }
    | {
        readonly kind: "if";
        readonly cond: ExprNode;
        readonly thenBody: readonly Stmt[];
        readonly elseBody: readonly Stmt[];
      }
    | { readonly kind: "let"; readonly v: Sym; readonly value: ExprNode }
    | {
        /** A block-level read of one tensor element that every thread of the block sees. */
        readonly kind: "uniformLoad";
        readonly v: Sym;
        readonly tensor: TensorDecl;
        readonly index: readonly ExprNode[];
      }
    | { readonly kind: "local"; readonly v: Sym; readonly value: ExprNode }
    | { readonly kind: "assign"; readonly v: Sym; readonly value: ExprNode }
    | {
        /** Tensor stores outside the tensor are dropped; tile stores must be in bounds. */
        readonly kind: "store";
        readonly buf: BufferDecl;
        readonly index: readonly ExprNode[];
        readonly value: ExprNode;
      }
    | {
        /** Tensor -> tile (outside elements read `pad`) or tile -> tensor (clipped). */
        readonly kind: "copy";
        readonly src: TileDecl | TensorRegion;
        readonly dst: TileDecl | TensorRegion;
        readonly pad: number;
      }
    | { readonly kind: "fill"; readonly tile: TileDecl; readonly value: ExprNode }
    | {
        /** c += op(a) @ op(b), op = transpose when the flag is set. */
        readonly kind: "gemm";
        readonly a: TileDecl;
        readonly b: TileDecl;
        readonly c: TileDecl;
        readonly transA: boolean;
        readonly transB: boolean;
      }
    | {
        /** dst = reduce(src, axis) (clear) or dst = op(dst, reduce(src, axis)). */
        readonly kind: "reduce";
        readonly src: TileDecl;
        readonly dst: TileDecl;
        readonly op: ReduceOp;
        readonly axis: 0 | 1;
        readonly clear: boolean;
      }
  );

export type StmtKind = Stmt["kind"];

export interface Kernel {
  /** Unique per configuration; used as cache key, WGSL/WASM entry name and in messages. */
  readonly name: string;
  readonly sizes: readonly Sym[];
  readonly scalars: readonly Sym[];
  readonly tensors: readonly TensorDecl[];
  /** Blocks per grid dim; dim 0 varies fastest in the linearised block id. */
  readonly grid: readonly ExprNode[];
  readonly blockVars: readonly Sym[];
  readonly tiles: readonly TileDecl[];
  readonly body: readonly Stmt[];
  /** Threads per block on targets that have them (WGSL workgroup size). */
  readonly threads: number;
  readonly loc: string;
}
