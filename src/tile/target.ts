/**
 * The compiled-kernel contract: what the tile DSL hands to the runtimes that execute kernels
 * (the WebGPU device and the WASM worker pool). A kernel is compiled once per target and per
 * compile-time configuration; everything that varies per call (tensor dims, scalars such as
 * eps, element offsets of views) is a run-time value the runtime supplies by name.
 *
 * Naming: every run-time value has a name that is unique within the kernel. The runtime builds
 * one `Record<string, number>` per call holding
 *   - each symbolic size declared by the kernel (e.g. "M", "N", "K"), a non-negative integer;
 *   - each scalar parameter (e.g. "eps"), f32 or i32 as declared;
 *   - for WGSL only, `off_<tensor>` for each tensor: the element offset of the view inside the
 *     bound buffer (0 when the view starts at the buffer's start).
 * `KernelSignature` lists these names so a runtime can check its record before a launch.
 *
 * Tensors are dense row-major arrays of f32 or i32 (4-byte elements). Kernels state the
 * layouts they accept in their host wrappers (src/tile/kernels/*); a runtime makes strided
 * views contiguous before the call when a kernel requires it.
 *
 * Getting kernels: the host wrappers `planX(target, shape...)` in kernels/* (exported from
 * tile/index.ts) return `{ kernel, values }` for one call; compile `kernel` once per process
 * with `compileWgsl(kernel)` or `compileWasm(kernel)` (cache by `kernel.name`) and pass
 * `values` (plus WGSL `off_<tensor>`) at each call. Tensors bind by the names the wrapper's
 * doc lists. `compileWgsl(kernel, options)` may use optional WebGPU features (`WgslOptions`);
 * a cache of compiled kernels then keys on the name and `wgslOptionsKey(options)`.
 *
 * WASM runtimes, once per process before compiling: `await loadWasmCompiler()` (binaryen is
 * loaded on demand); `await enableRelaxedSimd()` (Node 20 needs a V8 flag for the FMA);
 * optionally `await preferOptimizedWasm()` (V8 otherwise runs each kernel's first calls in its
 * baseline compiler, 5-7x slower, and a call never switches to the optimised code midway).
 * Workers must run on a V8 with the same flags (flags are process-wide in Node).
 *
 * Stability: fields are only ever added. Changes:
 *   - CompiledWasm.module is Uint8Array<ArrayBuffer> (accepted by WebAssembly.Module).
 *   - compileWgsl takes WgslOptions (subgroups, f16 gemm tiles); the default is unchanged.
 */

/** Element type of a tensor or scalar as the compiled code sees it. */
export type ScalarType = "f32" | "i32" | "u32";

/** Run-time values by name: symbolic sizes, scalar parameters and (WGSL) tensor offsets. */
export type RuntimeValues = Readonly<Record<string, number>>;

/** What a kernel reads and writes, independent of the target. */
export interface KernelSignature {
  /** Global tensors in declaration order (WGSL binding order, WASM pointer-param order). */
  readonly tensors: readonly {
    readonly name: string;
    readonly dtype: "f32" | "i32";
    /** "write" tensors are fully or partly overwritten; "readwrite" ones are accumulated into. */
    readonly access: "read" | "write" | "readwrite";
  }[];
  /** Symbolic run-time sizes, in declaration order. */
  readonly sizes: readonly string[];
  /** Scalar run-time parameters, in declaration order. */
  readonly scalars: readonly { readonly name: string; readonly type: "f32" | "i32" }[];
}

/**
 * Optional WebGPU features a WGSL kernel may be compiled for; each must be one the device was
 * created with. Absent fields are false, which gives code that runs on any WebGPU device.
 */
export interface WgslOptions {
  /**
   * The "subgroups" feature: reductions combine the partials of the lanes of one subgroup in
   * registers (subgroupShuffleXor) and use the workgroup tree only across subgroups. Results
   * match the plain build up to the order of f32 additions.
   */
  readonly subgroups?: boolean;
  /**
   * The "shader-f16" feature, used for mixed precision: the shared tiles `gemm` reads are held
   * as f16 (values saturate at ±65504), products accumulate in f32. This changes results (about
   * 2^-11 relative per operand), so runtimes set it only when asked to.
   */
  readonly f16GemmTiles?: boolean;
}

/** One WGSL resource in bind group 0. */
export interface WgslBinding {
  readonly binding: number;
  /** The tensor name from the signature, or "params" for the uniform struct. */
  readonly name: string;
  /** "storage-read": var<storage, read>; "storage": var<storage, read_write>. */
  readonly kind: "storage-read" | "storage" | "uniform";
  readonly elementType: ScalarType;
}

/** One 4-byte field of the uniform struct. */
export interface UniformField {
  /** A size, a scalar, or `off_<tensor>` (element offset of that tensor's view). */
  readonly name: string;
  readonly type: ScalarType;
  /** Byte offset inside the struct. */
  readonly offset: number;
}

/**
 * A kernel compiled to WGSL. Bind group 0 holds one storage buffer per tensor (bindings 0..n-1,
 * signature order) and the uniform struct at the last binding (n). Blocks of the kernel's grid
 * are workgroups; the grid is linearised, so `dispatch` may fold a large grid into x and y and
 * the shader skips the overshoot.
 */
export interface CompiledWgsl {
  readonly name: string;
  readonly signature: KernelSignature;
  /** Complete WGSL module source. */
  readonly code: string;
  readonly entryPoint: string;
  readonly workgroupSize: readonly [number, number, number];
  /** Bytes of var<workgroup> storage the shader declares (for maxComputeWorkgroupStorageSize). */
  readonly workgroupStorageBytes: number;
  readonly bindings: readonly WgslBinding[];
  /** The single uniform struct at the last binding; every field is 4 bytes. */
  readonly uniformLayout: readonly UniformField[];
  /** Size of the uniform struct in bytes, a multiple of 16 (at least 16). */
  readonly uniformBytes: number;
  /** Workgroup counts for the given run-time values; each count is at most 65535. */
  dispatch(values: RuntimeValues): [number, number, number];
}

/** One parameter of the exported WASM function, in call order. */
export interface WasmParam {
  readonly name: string;
  /**
   * "ptr": i32 byte address in the shared memory of the tensor's first element (the view's
   * offset already applied), 4-byte aligned; "i32"/"f32": a size or scalar by that name.
   */
  readonly kind: "ptr" | "i32" | "f32";
}

/**
 * A kernel compiled to WebAssembly (SIMD128, relaxed-SIMD FMA when `relaxed` is true).
 *
 * The module imports `env.memory`, a shared memory (declared min 1, max 65536 pages, so any
 * shared WebAssembly.Memory fits), and exports one function, `exportName`, with signature
 *   (...params, scratch: i32, blockStart: i32, blockEnd: i32) -> ()
 * It runs the blocks [blockStart, blockEnd) of the linearised grid (0 <= blockStart <=
 * blockEnd <= gridSize). Blocks never write the same output element (except kernels whose
 * signature has a "readwrite" tensor, which document their own rule), so a runtime may split
 * [0, gridSize) into ranges and run them on different threads over one memory.
 * `scratch` is the byte address of `scratchBytes` bytes private to the calling thread,
 * 64-byte aligned; its contents need not be preserved between calls.
 */
export interface CompiledWasm {
  readonly name: string;
  readonly signature: KernelSignature;
  /** The binary module; compile once per process and instantiate once per thread. */
  readonly module: Uint8Array<ArrayBuffer>;
  readonly exportName: string;
  readonly params: readonly WasmParam[];
  readonly scratchBytes: number;
  /** Whether the module uses relaxed-SIMD instructions (valid only where those validate). */
  readonly relaxed: boolean;
  /** Number of blocks of the linearised grid for the given run-time values. */
  gridSize(values: RuntimeValues): number;
}

/**
 * Packs run-time values into the uniform struct of a WGSL kernel.
 * Throws naming the kernel and field when a value is missing or not representable.
 */
export function packUniforms(kernel: CompiledWgsl, values: RuntimeValues): ArrayBuffer {
  const buf = new ArrayBuffer(kernel.uniformBytes);
  const view = new DataView(buf);
  for (const f of kernel.uniformLayout) {
    const v = values[f.name] ?? (f.name.startsWith("off_") ? 0 : undefined);
    if (v === undefined || !Number.isFinite(v)) {
      throw new RangeError(`${kernel.name}: uniform "${f.name}" needs a finite number, got ${v}`);
    }
    if (f.type === "f32") view.setFloat32(f.offset, v, true);
    else if (f.type === "i32") view.setInt32(f.offset, checkInt(kernel.name, f.name, v), true);
    else view.setUint32(f.offset, checkInt(kernel.name, f.name, v), true);
  }
  return buf;
}

function checkInt(kernel: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 32) {
    throw new RangeError(`${kernel}: uniform "${name}" must be a 32-bit integer, got ${v}`);
  }
  return v;
}
