/**
 * The GPU host: owns one GPUDevice and executes the device's command stream. Dispatches are
 * recorded into one compute pass of one command encoder and submitted in batches: when a read
 * needs the results, when `batchSize` dispatches are queued, or when a large host write must
 * not overtake recorded work. Uniform structs and small host writes of a batch are packed into
 * one arena buffer at aligned offsets and written once, just before the batch is submitted (small
 * writes then reach their buffers by recorded copies, in order); queue order makes that write
 * land after the previous batch has consumed the same arena.
 *
 * GPU errors are asynchronous: the first one (validation, out-of-memory, lost device) is kept
 * and returned with the next answer the engine waits for.
 */
import { BufferPool, MAP_READ, type PooledBuffer, USAGE } from "./buffer-pool.ts";
import type { Command, HostStats, PipelineSpec, Reply } from "./protocol.ts";

/** Bytes of the per-batch arena holding uniform structs and small host writes. */
const ARENA = 256 * 1024;
/** Host writes up to this size travel through the arena, in order with recorded commands. */
const SMALL_WRITE = 16 * 1024;
/** Bytes of released storage buffers kept for reuse. */
const KEEP_BYTES = 1 << 30;

interface Pipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/** One tensor buffer: its pooled GPU buffer and the bytes the tensor uses of it. */
interface Entry {
  readonly buffer: PooledBuffer;
  readonly bytes: number;
}

const BINDING_TYPES: Record<PipelineSpec["bindings"][number]["kind"], GPUBufferBindingType> = {
  "storage-read": "read-only-storage",
  storage: "storage",
  uniform: "uniform",
};

export class GpuHost {
  private readonly entries = new Map<number, Entry>();
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly storage: BufferPool;
  private readonly staging: BufferPool;
  private readonly arena: GPUBuffer;
  private readonly arenaHost = new Uint8Array(ARENA);
  private readonly arenaAlign: number;
  private arenaUsed = 0;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private batch = 0;
  private recorded = 0;
  private submits = 0;
  private dispatches = 0;
  private error: string | null = null;

  /**
   * @param gpu the GPU object the device came from. The host holds it for its whole life: Dawn
   *   keeps polling that instance for pending callbacks, and polling a collected instance
   *   touches freed memory (a crash, not an error).
   */
  constructor(
    readonly gpu: GPU,
    readonly device: GPUDevice,
    private readonly batchSize: number,
  ) {
    const maxSize = device.limits.maxBufferSize;
    const storageUsage = USAGE.storage | USAGE.copySrc | USAGE.copyDst;
    this.storage = new BufferPool(device, storageUsage, maxSize, KEEP_BYTES);
    this.staging = new BufferPool(device, USAGE.mapRead | USAGE.copyDst, maxSize, KEEP_BYTES);
    this.arena = device.createBuffer({
      size: ARENA,
      usage: USAGE.uniform | USAGE.copySrc | USAGE.copyDst,
    });
    this.arenaAlign = Math.max(16, device.limits.minUniformBufferOffsetAlignment);
    device.addEventListener("uncapturederror", (ev) => {
      this.fail(`GPU error: ${(ev as GPUUncapturedErrorEvent).error.message}`);
    });
    device.lost.then((info) => {
      if (info.reason !== "destroyed") this.fail(`GPU device lost: ${info.message}`);
    });
  }

  /**
   * Executes one command. Commands needing an answer resolve to it (reads after the copy is
   * mapped); the rest resolve to null.
   */
  async handle(cmd: Command): Promise<Reply | null> {
    switch (cmd.op) {
      case "alloc":
        return this.alloc(cmd.id, cmd.bytes, null);
      case "upload":
        return this.alloc(cmd.id, cmd.bytes, cmd.data);
      case "write":
        this.write(this.entry(cmd.id).buffer, cmd.offset, cmd.data);
        return null;
      case "release":
        this.release(cmd.id);
        return null;
      case "pipeline":
        return this.createPipeline(cmd.seq, cmd.spec);
      case "dispatch":
        this.dispatch(cmd.key, cmd.buffers, cmd.uniforms, cmd.groups);
        return null;
      case "copy":
        this.copy(cmd);
        return null;
      case "clear":
        this.clear(this.entry(cmd.id).buffer, cmd.offset, cmd.bytes);
        return null;
      case "flush":
        this.flush();
        return null;
      case "read":
        return this.read(cmd.seq, cmd.id, cmd.bytes);
      case "stats":
        this.flush();
        await this.device.queue.onSubmittedWorkDone();
        return this.answer({ seq: cmd.seq, kind: "stats", stats: this.stats() });
      case "destroy":
        this.flush();
        await this.device.queue.onSubmittedWorkDone();
        this.device.destroy();
        return this.answer({ seq: cmd.seq, kind: "done" });
    }
  }

  /** Records a failure to report with the next answer (the first one wins). */
  fail(message: string): void {
    this.error ??= message;
  }

  /** An error answer to request `seq` carrying the recorded failure. */
  takeError(seq: number): Reply {
    return this.answer({ seq, kind: "error", message: "the GPU host failed without a message" });
  }

  private answer(reply: Reply): Reply {
    if (this.error === null) return reply;
    const message = this.error;
    this.error = null;
    return { seq: reply.seq, kind: "error", message };
  }

  private entry(id: number): Entry {
    const e = this.entries.get(id);
    if (!e) throw new Error(`webgpu host: unknown buffer id ${id}`);
    return e;
  }

  private alloc(id: number, bytes: number, data: ArrayBuffer | null): null {
    const { buffer, fresh } = this.storage.take(bytes);
    this.entries.set(id, { buffer, bytes });
    // New GPU buffers are zero-initialised by WebGPU; recycled ones are cleared in order.
    if (data) this.write(buffer, 0, data);
    if (!fresh) {
      const from = data ? Math.ceil(data.byteLength / 4) * 4 : 0;
      const end = Math.ceil(bytes / 4) * 4;
      if (from < end) this.clear(buffer, from, end - from);
    }
    return null;
  }

  private write(buffer: PooledBuffer, offset: number, data: ArrayBuffer): void {
    const bytes = Math.ceil(data.byteLength / 4) * 4;
    if (bytes === 0) return;
    if (bytes <= SMALL_WRITE) {
      const from = this.stage(new Uint8Array(data), bytes);
      buffer.lastBatch = this.batch;
      this.transferEncoder().copyBufferToBuffer(this.arena, from, buffer.gpu, offset, bytes);
      this.recorded++;
      return;
    }
    // queue.writeBuffer runs before anything still being recorded: submit that first if it
    // touches this buffer.
    if (buffer.lastBatch === this.batch && this.recorded > 0) this.flush();
    const whole = Math.floor(data.byteLength / 4) * 4;
    this.device.queue.writeBuffer(buffer.gpu, offset, data, 0, whole);
    if (whole < data.byteLength) {
      const padded = new Uint8Array(4);
      padded.set(new Uint8Array(data, whole));
      this.device.queue.writeBuffer(buffer.gpu, offset + whole, padded);
    }
  }

  /** Copies `data` into the arena (zero-padded to `bytes`); returns its offset there. */
  private stage(data: Uint8Array, bytes: number): number {
    const span = Math.ceil(bytes / this.arenaAlign) * this.arenaAlign;
    if (this.arenaUsed + span > ARENA) this.flush();
    const offset = this.arenaUsed;
    this.arenaHost.fill(0, offset, offset + span);
    this.arenaHost.set(data, offset);
    this.arenaUsed += span;
    return offset;
  }

  private release(id: number): void {
    const e = this.entry(id);
    this.entries.delete(id);
    this.storage.give(e.buffer);
  }

  /** Builds a pipeline; answers once the shader is known to compile (or with its errors). */
  private async createPipeline(seq: number, spec: PipelineSpec): Promise<Reply> {
    if (this.pipelines.has(spec.key)) return this.answer({ seq, kind: "done" });
    const { device } = this;
    device.pushErrorScope("validation");
    const module = device.createShaderModule({ code: spec.code, label: spec.label });
    const layout = device.createBindGroupLayout({
      label: spec.label,
      entries: spec.bindings.map((b) => ({
        binding: b.binding,
        visibility: 4, // GPUShaderStage.COMPUTE
        buffer: { type: BINDING_TYPES[b.kind] },
      })),
    });
    const pipeline = device.createComputePipeline({
      label: spec.label,
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: spec.entryPoint },
    });
    const err = await device.popErrorScope();
    if (err)
      return {
        seq,
        kind: "error",
        message: `kernel "${spec.label}" did not compile: ${err.message}`,
      };
    this.pipelines.set(spec.key, { pipeline, layout });
    return this.answer({ seq, kind: "done" });
  }

  private computePass(): GPUComputePassEncoder {
    if (!this.pass) this.pass = this.commandEncoder().beginComputePass();
    return this.pass;
  }

  private commandEncoder(): GPUCommandEncoder {
    this.encoder ??= this.device.createCommandEncoder();
    return this.encoder;
  }

  /** The encoder with no compute pass open, for copies and clears. */
  private transferEncoder(): GPUCommandEncoder {
    this.pass?.end();
    this.pass = null;
    return this.commandEncoder();
  }

  private dispatch(
    key: string,
    ids: readonly number[],
    uniforms: ArrayBuffer,
    groups: readonly [number, number, number],
  ): void {
    const p = this.pipelines.get(key);
    if (!p) throw new Error(`webgpu host: pipeline "${key}" was never created`);
    const offset = this.stage(new Uint8Array(uniforms), Math.max(uniforms.byteLength, 16));
    const entries: GPUBindGroupEntry[] = ids.map((id, binding) => {
      const e = this.entry(id);
      e.buffer.lastBatch = this.batch;
      return { binding, resource: { buffer: e.buffer.gpu, size: Math.max(4, e.bytes) } };
    });
    entries.push({
      binding: ids.length,
      resource: { buffer: this.arena, offset, size: Math.max(uniforms.byteLength, 16) },
    });
    const group = this.device.createBindGroup({ layout: p.layout, entries });
    const pass = this.computePass();
    pass.setPipeline(p.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
    this.recorded++;
    this.dispatches++;
    if (this.recorded >= this.batchSize) this.flush();
  }

  private copy(cmd: Extract<Command, { op: "copy" }>): void {
    const src = this.entry(cmd.src).buffer;
    const dst = this.entry(cmd.dst).buffer;
    src.lastBatch = this.batch;
    dst.lastBatch = this.batch;
    const enc = this.transferEncoder();
    enc.copyBufferToBuffer(src.gpu, cmd.srcOffset, dst.gpu, cmd.dstOffset, cmd.bytes);
    this.recorded++;
  }

  private clear(buffer: PooledBuffer, offset: number, bytes: number): void {
    buffer.lastBatch = this.batch;
    this.transferEncoder().clearBuffer(buffer.gpu, offset, bytes);
    this.recorded++;
  }

  /** Submits everything recorded so far, with the batch's uniforms written just before. */
  private flush(): void {
    if (!this.encoder) return;
    this.pass?.end();
    this.pass = null;
    if (this.arenaUsed > 0) {
      this.device.queue.writeBuffer(this.arena, 0, this.arenaHost, 0, this.arenaUsed);
    }
    this.device.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.arenaUsed = 0;
    this.recorded = 0;
    this.batch++;
    this.submits++;
  }

  private async read(seq: number, id: number, bytes: number): Promise<Reply> {
    const e = this.entry(id);
    const size = Math.ceil(Math.max(bytes, 4) / 4) * 4;
    const { buffer: staging } = this.staging.take(size);
    e.buffer.lastBatch = this.batch;
    this.transferEncoder().copyBufferToBuffer(e.buffer.gpu, 0, staging.gpu, 0, size);
    this.recorded++;
    this.flush();
    try {
      await staging.gpu.mapAsync(MAP_READ, 0, size);
    } catch (err) {
      this.fail(`reading a buffer back failed: ${err instanceof Error ? err.message : err}`);
      return this.answer({ seq, kind: "done" });
    }
    const data = staging.gpu.getMappedRange(0, size).slice(0, bytes);
    staging.gpu.unmap();
    this.staging.give(staging);
    return this.answer({ seq, kind: "data", data });
  }

  private stats(): HostStats {
    const s = this.storage.stats();
    const t = this.staging.stats();
    return {
      gpuBuffers: s.buffers + t.buffers,
      gpuBytes: s.bytes + t.bytes,
      pooledBytes: s.pooledBytes + t.pooledBytes,
      pipelines: this.pipelines.size,
      submits: this.submits,
      dispatches: this.dispatches,
    };
  }
}
