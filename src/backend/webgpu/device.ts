/**
 * The WebGPU device. WebGPU is asynchronous, the engine is not: the GPUDevice lives on a host
 * thread, this object posts commands to it without waiting, and read-backs block the calling
 * thread (Atomics.wait) until the host has mapped the result, so `readSync` works like on the
 * CPU. Kernels are tile kernels compiled to WGSL; a vocabulary kernel without a tile
 * implementation is reported by `supports` and refused with an UnsupportedError, never run
 * elsewhere.
 *
 * Limits: the device is created with the adapter's real limits, and every allocation and launch
 * is checked against them here, with an error naming the size and the limit, before the GPU
 * could fail on it.
 *
 * Browsers: the same split, with the engine in a Web Worker (Atomics.wait is not allowed on a
 * page's main thread) and the host in a second one running `serve(navigator.gpu, ...)` from
 * serve.ts, which uses nothing Node-specific. The engine's end (channel.ts) takes answers with
 * Node's receiveMessageOnPort; a browser build replaces that with a SharedArrayBuffer mailbox
 * the host copies answers into. Node is what the tests run.
 */
import { wgslOptionsKey } from "../../tile/index.ts";
import { type CompiledWgsl, packUniforms } from "../../tile/target.ts";
import type { Device, DeviceBuffer, MemoryStats } from "../device.ts";
import { allocArray, type DType, dtypeOfArray, dtypeSize, type TypedArray } from "../dtype.ts";
import { DeviceError, UnsupportedError } from "../errors.ts";
import type { KernelArgs, KernelName } from "../kernels.ts";
import type {
  Binding,
  TargetFeatures,
  TileKernelSource,
  TileRunner,
  TileTable,
} from "../tiled/launch.ts";
import { wgslOptions } from "../tiled/source.ts";
import { GpuBuffer, gpuBuffer } from "./buffer.ts";
import { GpuChannel } from "./channel.ts";
import { capLimits, checkGroups, checkKernel, checkSize, describeArgs, isDense } from "./checks.ts";
import { type ComputeLimits, OPTIONAL_FEATURES, type OptionalFeature } from "./limits.ts";
import type { AdapterReport, HostStats, Reply } from "./protocol.ts";

export interface WebGpuOptions {
  /** Dawn backend ("vulkan", "metal", "d3d12", ...). Default: $TESSERA_WEBGPU_BACKEND. */
  backend?: string;
  /** Dawn adapter name, when several are present. */
  adapter?: string;
  powerPreference?: "low-power" | "high-performance";
  /** Optional features to use when offered (default: all); [] exercises the fallbacks. */
  features?: readonly OptionalFeature[];
  /** Caps below the device's limits, e.g. to test the limit errors on a large GPU. */
  limits?: Partial<ComputeLimits>;
  /** Dispatches recorded before the host submits without being asked (default 64). */
  batchSize?: number;
  /** The longest wait for an answer from the GPU host (default 10 minutes). */
  timeoutMs?: number;
  /** Tile implementations of the vocabulary kernels. */
  kernels?: TileTable;
  /**
   * "f16": the matmul kernel holds its shared A and B tiles as f16 and accumulates in f32
   * (needs the adapter's shader-f16; without it the device stays at f32 and says so in
   * `precisionNote`). Each output moves by up to about 2^-10·Σ_k |a_ik·b_kj| (operands
   * rounded to f16's 11-bit significand); values beyond ±65504 saturate.
   * Default: $TESSERA_WEBGPU_MATMUL_PRECISION, else "f32".
   */
  matmulPrecision?: MatmulPrecision;
}

export type MatmulPrecision = "f32" | "f16";

/** The longest a device closing at process exit waits for the GPU to finish. */
const EXIT_WAIT_MS = 10_000;

/** Fills up to this size are host writes; larger ones run the fill kernel when there is one. */
const SMALL_FILL_BYTES = 16 * 1024;

export class WebGpuDevice implements Device {
  readonly name = "webgpu";
  readonly canReadSync = true;
  /** Limits in force: the device's, lowered by `options.limits`. */
  readonly limits: ComputeLimits;
  readonly features: TargetFeatures;
  /** The matmul precision in force (f32 when f16 was asked for but is not available). */
  readonly matmulPrecision: MatmulPrecision;
  /** One line on the matmul precision in force and, when it differs, why. */
  readonly precisionNote: string;
  private readonly matmulFeatures: TargetFeatures;
  private readonly table: TileTable;
  private readonly compiled = new Map<string, CompiledWgsl>();
  private nextId = 1;
  private closed = false;
  private liveBuffers = 0;
  private liveBytes = 0;
  private peakBytes = 0;

  private constructor(
    private readonly channel: GpuChannel,
    /** What the adapter is and offers. */
    readonly adapter: AdapterReport,
    options: WebGpuOptions,
  ) {
    this.limits = capLimits(adapter.limits, options.limits ?? {});
    this.features = {
      shaderF16: adapter.features.includes("shader-f16"),
      subgroups: adapter.features.includes("subgroups"),
      relaxedSimd: false,
    };
    const asked = matmulPrecisionOf(options);
    this.matmulPrecision = asked === "f16" && this.features.shaderF16 ? "f16" : "f32";
    this.precisionNote = precisionNote(asked, this.matmulPrecision, adapter);
    this.matmulFeatures = { ...this.features, f16GemmTiles: this.matmulPrecision === "f16" };
    this.table = options.kernels ?? {};
    process.on("exit", this.closeAtExit);
  }

  /**
   * Opens the GPU (blocking until the host thread has an adapter and a device). Throws a
   * DeviceError with the reason when there is none.
   */
  static open(options: WebGpuOptions = {}): WebGpuDevice {
    matmulPrecisionOf(options);
    const backend = options.backend ?? process.env.TESSERA_WEBGPU_BACKEND;
    const dawnOptions = [
      ...(backend ? [`backend=${backend}`] : []),
      ...(options.adapter ? [`adapter=${options.adapter}`] : []),
    ];
    const { channel, adapter } = GpuChannel.open(
      {
        dawnOptions,
        features: options.features ?? OPTIONAL_FEATURES,
        powerPreference: options.powerPreference ?? "high-performance",
        batchSize: options.batchSize ?? 64,
      },
      options.timeoutMs ?? 600_000,
    );
    return new WebGpuDevice(channel, adapter, options);
  }

  alloc(dtype: DType, length: number): DeviceBuffer {
    const bytes = checkSize(this.limits, dtype, length);
    const buffer = new GpuBuffer(this, dtype, length, this.nextId++, bytes);
    this.channel.post({ op: "alloc", id: buffer.id, bytes });
    return this.track(buffer);
  }

  upload(data: TypedArray): DeviceBuffer {
    const dtype = dtypeOfArray(data);
    const bytes = checkSize(this.limits, dtype, data.length);
    const buffer = new GpuBuffer(this, dtype, data.length, this.nextId++, bytes);
    const copy = ownedBytes(data);
    this.channel.post({ op: "upload", id: buffer.id, bytes, data: copy }, [copy]);
    return this.track(buffer);
  }

  readSync(buffer: DeviceBuffer): TypedArray {
    const b = gpuBuffer(this, buffer);
    const reply = this.channel.request((seq) => ({ op: "read", seq, id: b.id, bytes: b.bytes }));
    return this.decode(b, reply);
  }

  async read(buffer: DeviceBuffer): Promise<TypedArray> {
    const b = gpuBuffer(this, buffer);
    const reply = await this.channel.requestAsync((seq) => ({
      op: "read",
      seq,
      id: b.id,
      bytes: b.bytes,
    }));
    return this.decode(b, reply);
  }

  release(buffer: DeviceBuffer): void {
    const b = gpuBuffer(this, buffer);
    b.released = true;
    this.channel.post({ op: "release", id: b.id });
    this.liveBuffers--;
    this.liveBytes -= b.bytes;
  }

  supports(kernel: KernelName): boolean {
    return kernel === "fill" || kernel in this.table;
  }

  run<K extends KernelName>(kernel: K, args: KernelArgs[K]): void {
    if (kernel === "fill" && this.nativeFill(args as KernelArgs["fill"])) return;
    if (kernel === "copy" && this.nativeCopy(args as KernelArgs["copy"])) return;
    const impl = this.table[kernel];
    if (!impl) {
      throw new UnsupportedError(`webgpu: kernel "${kernel}" has no WGSL implementation`);
    }
    const temps: DeviceBuffer[] = [];
    // The precision option is about the vocabulary's matmul only, not every kernel with a gemm.
    const features = kernel === "matmul" ? this.matmulFeatures : this.features;
    const variant = wgslOptionsKey(wgslOptions(features));
    const runner: TileRunner = {
      target: "wgsl",
      deviceName: this.name,
      features,
      launch: (l) =>
        this.launch(
          `${l.kernel.key}${variant}`,
          () => this.compileTile(l.kernel, features),
          l.tensors,
          l.values,
        ),
      run: (k, a) => this.run(k, a),
      temp: (dtype, length) => {
        const t = this.alloc(dtype, length);
        temps.push(t);
        return t;
      },
    };
    try {
      if (!impl(args, runner)) {
        throw new UnsupportedError(
          `webgpu: kernel "${kernel}" has no WGSL implementation for these arguments ` +
            `(${describeArgs(args)})`,
        );
      }
    } finally {
      for (const t of temps) this.release(t);
    }
  }

  /**
   * Queues one launch of a compiled kernel: `tensors` in signature order, `values` by name.
   * The pipeline is created on first use under `key`.
   */
  launch(
    key: string,
    compile: () => CompiledWgsl,
    tensors: readonly Binding[],
    values: Readonly<Record<string, number>>,
  ): void {
    const kernel = this.pipeline(key, compile);
    const { signature } = kernel;
    if (tensors.length !== signature.tensors.length) {
      throw new DeviceError(
        `webgpu: kernel "${kernel.name}" takes ${signature.tensors.length} tensors, ` +
          `got ${tensors.length}`,
      );
    }
    const all: Record<string, number> = { ...values };
    const ids = tensors.map((t, i) => {
      const spec = signature.tensors[i]!;
      const b = gpuBuffer(this, t.buffer);
      if (b.dtype !== spec.dtype) {
        throw new DeviceError(
          `webgpu: kernel "${kernel.name}" tensor "${spec.name}" must be ${spec.dtype}, ` +
            `got ${b.dtype}`,
        );
      }
      all[`off_${spec.name}`] = t.offset;
      return b.id;
    });
    const groups = kernel.dispatch(all);
    checkGroups(this.limits, kernel, groups);
    const uniforms = packUniforms(kernel, all);
    if (groups[0] * groups[1] * groups[2] === 0) return;
    this.channel.post({ op: "dispatch", key, buffers: ids, uniforms, groups }, [uniforms]);
  }

  /**
   * Cache keys of the kernels compiled so far: the kernel's name plus the optional features
   * its build uses ("+subgroups", "+f16gemm"), so a caller can see what runs.
   */
  compiledKernels(): string[] {
    return [...this.compiled.keys()];
  }

  /** Copies `bytes` bytes between device buffers (offsets in bytes, multiples of 4). */
  copyBytes(
    src: DeviceBuffer,
    srcOffset: number,
    dst: DeviceBuffer,
    dstOffset: number,
    bytes: number,
  ): void {
    const s = gpuBuffer(this, src);
    const d = gpuBuffer(this, dst);
    if (bytes === 0) return;
    this.channel.post({ op: "copy", src: s.id, srcOffset, dst: d.id, dstOffset, bytes });
  }

  /** Submits queued work and waits for the GPU; throws the first GPU error since the last wait. */
  sync(): HostStats {
    const reply = this.channel.request((seq) => ({ op: "stats", seq }));
    if (reply.kind !== "stats") throw new DeviceError(`webgpu: ${GpuChannel.reason(reply)}`);
    return reply.stats;
  }

  memory(): MemoryStats {
    return { liveBuffers: this.liveBuffers, liveBytes: this.liveBytes, peakBytes: this.peakBytes };
  }

  resetPeak(): void {
    this.peakBytes = this.liveBytes;
  }

  /** Waits for queued work, destroys the GPU device and stops the host thread. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.off("exit", this.closeAtExit);
    try {
      this.channel.request((seq) => ({ op: "destroy", seq }));
    } finally {
      this.channel.close();
    }
  }

  /**
   * A process leaving with GPU work still queued (an uncaught error, or no close()) would stop
   * the host thread inside Dawn's callbacks, which aborts the process; so the device closes
   * itself first, waiting at most a few seconds for the GPU.
   */
  private readonly closeAtExit = (): void => {
    if (this.closed) return;
    this.closed = true;
    try {
      this.channel.request((seq) => ({ op: "destroy", seq }), EXIT_WAIT_MS);
    } catch (err) {
      process.stderr.write(
        `webgpu: closing at exit: ${err instanceof Error ? err.message : err}\n`,
      );
    } finally {
      this.channel.close();
    }
  };

  /**
   * Fills without a kernel where that is cheaper: zeros by clearing the buffer, small fills as
   * a host write of the pattern (it travels in the batch's arena, in order with the kernels).
   * Returns false for large fills with a value, which the tile kernel does on the GPU.
   */
  private nativeFill({ out, value }: KernelArgs["fill"]): boolean {
    const b = gpuBuffer(this, out);
    if (value === 0 || b.length === 0) {
      if (b.bytes > 0) this.channel.post({ op: "clear", id: b.id, offset: 0, bytes: b.bytes });
      return true;
    }
    if (b.bytes > SMALL_FILL_BYTES && this.table.fill) return false;
    const data = ownedBytes(allocArray(b.dtype, b.length).fill(value));
    this.channel.post({ op: "write", id: b.id, offset: 0, data }, [data]);
    return true;
  }

  /**
   * A copy between dense views of one dtype in two buffers is a buffer-to-buffer copy, no
   * shader needed (WebGPU forbids such a copy within one buffer).
   */
  private nativeCopy({ src, dst }: KernelArgs["copy"]): boolean {
    if (src.buffer === dst.buffer || src.buffer.dtype !== dst.buffer.dtype) return false;
    if (!isDense(src) || !isDense(dst)) return false;
    const size = dtypeSize(src.buffer.dtype);
    const count = src.shape.reduce((p, d) => p * d, 1);
    this.copyBytes(src.buffer, src.offset * size, dst.buffer, dst.offset * size, count * size);
    return true;
  }

  private compileTile(kernel: TileKernelSource, features: TargetFeatures): CompiledWgsl {
    if (!kernel.wgsl) {
      throw new UnsupportedError(`webgpu: tile kernel "${kernel.key}" has no WGSL version`);
    }
    return kernel.wgsl(features);
  }

  private pipeline(key: string, compile: () => CompiledWgsl): CompiledWgsl {
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const kernel = compile();
    checkKernel(this.limits, kernel);
    // Waiting for the compiler here (once per kernel) puts a shader error on the launch that
    // caused it, with the kernel's name, instead of on some later read.
    const reply = this.channel.request((seq) => ({
      op: "pipeline",
      seq,
      spec: {
        key,
        label: kernel.name,
        code: kernel.code,
        entryPoint: kernel.entryPoint,
        bindings: kernel.bindings.map((b) => ({ binding: b.binding, kind: b.kind })),
      },
    }));
    if (reply.kind !== "done") throw new DeviceError(`webgpu: ${GpuChannel.reason(reply)}`);
    this.compiled.set(key, kernel);
    return kernel;
  }

  private decode(buffer: GpuBuffer, reply: Reply): TypedArray {
    if (reply.kind !== "data") {
      throw new DeviceError(`webgpu: reading a buffer back failed: ${GpuChannel.reason(reply)}`);
    }
    const { data } = reply;
    switch (buffer.dtype) {
      case "f32":
        return new Float32Array(data, 0, buffer.length);
      case "i32":
        return new Int32Array(data, 0, buffer.length);
      case "f64":
        return new Float64Array(data, 0, buffer.length);
    }
  }

  private track(buffer: GpuBuffer): GpuBuffer {
    this.liveBuffers++;
    this.liveBytes += buffer.bytes;
    this.peakBytes = Math.max(this.peakBytes, this.liveBytes);
    return buffer;
  }
}

/** The matmul precision asked for, checked (the option, else the environment, else f32). */
function matmulPrecisionOf(options: WebGpuOptions): MatmulPrecision {
  const env = process.env.TESSERA_WEBGPU_MATMUL_PRECISION;
  const asked = options.matmulPrecision ?? (env || "f32");
  if (asked !== "f32" && asked !== "f16") {
    const from = options.matmulPrecision ? "matmulPrecision" : "$TESSERA_WEBGPU_MATMUL_PRECISION";
    throw new DeviceError(`webgpu: ${from} must be "f32" or "f16", got "${asked}"`);
  }
  return asked;
}

function precisionNote(
  asked: MatmulPrecision,
  used: MatmulPrecision,
  adapter: AdapterReport,
): string {
  if (used === "f16") return "matmul: f16 shared A/B tiles, f32 accumulation (shader-f16)";
  if (asked === "f32") return "matmul: f32";
  const why = adapter.adapterFeatures.includes("shader-f16")
    ? "shader-f16 was not requested (features option)"
    : "the adapter does not offer shader-f16";
  return `matmul: f32, not the f16 asked for: ${why}`;
}

/** A copy of the array's bytes in a fresh ArrayBuffer, ready to be transferred. */
function ownedBytes(data: TypedArray): ArrayBuffer {
  const out = new ArrayBuffer(data.byteLength);
  new Uint8Array(out).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return out;
}
