/**
 * How the vocabulary kernels run on tile kernels. A tile implementation of a vocabulary kernel
 * receives the kernel's arguments and a runner, and issues launches: a compiled tile kernel,
 * the buffers bound to its tensors (with element offsets for views), and its run-time values.
 * The same implementation drives the WebGPU device (WGSL) and the fast CPU device (WASM); the
 * runner compiles each tile kernel for its own target once and caches it.
 */
import type { CompiledWasm, CompiledWgsl, RuntimeValues } from "../../tile/target.ts";
import type { DeviceBuffer } from "../device.ts";
import type { DType } from "../dtype.ts";
import type { KernelArgs, KernelName } from "../kernels.ts";

/** Target features a compiler may use when present. */
export interface TargetFeatures {
  /** WGSL: `enable f16;` is available. */
  readonly shaderF16: boolean;
  /** WGSL: subgroup built-ins are available. */
  readonly subgroups: boolean;
  /** WASM: relaxed-SIMD instructions validate. */
  readonly relaxedSimd: boolean;
  /**
   * WGSL: hold the shared tiles `gemm` reads as f16, accumulating in f32. Not a fact about the
   * hardware but a precision the user opted into (it needs shaderF16); absent means no.
   */
  readonly f16GemmTiles?: boolean;
}

/** A tile kernel at one specialisation, compilable for each target. */
export interface TileKernelSource {
  /** Unique per kernel and specialisation: the compiled-code cache key. */
  readonly key: string;
  wgsl?(features: TargetFeatures): CompiledWgsl;
  wasm?(features: TargetFeatures): CompiledWasm;
}

/** A tensor argument: a buffer and the element offset where the tensor starts in it. */
export interface Binding {
  readonly buffer: DeviceBuffer;
  readonly offset: number;
}

/** One launch of a tile kernel. */
export interface TileLaunch {
  readonly kernel: TileKernelSource;
  /** One binding per tensor of the kernel's signature, in signature order. */
  readonly tensors: readonly Binding[];
  readonly values: RuntimeValues;
  /**
   * About how many elementary operations the launch performs (multiply-adds of a product,
   * elements of a map). The CPU device splits a launch over its threads only when this is
   * large enough to repay waking them; absent, it counts the bound buffers' elements.
   */
  readonly cost?: number;
}

/** What a tile implementation may ask of the device running it. */
export interface TileRunner {
  /** "wgsl" or "wasm": implementations may pick tile sizes per target. */
  readonly target: "wgsl" | "wasm";
  /** The device's name, for error messages. */
  readonly deviceName: string;
  readonly features: TargetFeatures;
  launch(launch: TileLaunch): void;
  /** Runs another vocabulary kernel on the same device (a layout copy, say). */
  run<K extends KernelName>(kernel: K, args: KernelArgs[K]): void;
  /** A scratch buffer, released once the vocabulary kernel has been issued. */
  temp(dtype: DType, length: number): DeviceBuffer;
}

/**
 * A vocabulary kernel written as tile launches. Returns false, before launching anything, when
 * these arguments are outside what the tile kernels cover (an f64 tensor, say): the CPU device
 * then runs its reference kernel, the WebGPU device refuses with an UnsupportedError.
 */
export type TileImpl<K extends KernelName> = (args: KernelArgs[K], runner: TileRunner) => boolean;

/** Tile implementations by vocabulary kernel; a missing entry is a kernel the device lacks. */
export type TileTable = { readonly [K in KernelName]?: TileImpl<K> };
