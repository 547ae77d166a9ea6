/**
 * A single-threaded executor for compiled WASM kernels: one shared memory, one instance per
 * kernel, host arrays copied in and out around each call. Tests and benchmarks use it; the
 * multi-threaded runtime follows the same calling convention (target.ts) over worker threads.
 */
import type { HostArray } from "../interpret.ts";
import type { CompiledWasm, RuntimeValues } from "../target.ts";

const PAGE = 65536;

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export class WasmRunner {
  readonly memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
  private readonly instances = new Map<Uint8Array, WebAssembly.Instance>();

  /** The exported block-range function of a kernel, instantiated once. */
  entry(kernel: CompiledWasm): (...args: number[]) => void {
    let inst = this.instances.get(kernel.module);
    if (!inst) {
      const mod = new WebAssembly.Module(kernel.module);
      inst = new WebAssembly.Instance(mod, { env: { memory: this.memory } });
      this.instances.set(kernel.module, inst);
    }
    const fn = inst.exports[kernel.exportName];
    if (typeof fn !== "function")
      throw new Error(`${kernel.name}: export ${kernel.exportName} missing`);
    return (...args: number[]) => {
      fn(...args);
    };
  }

  /** Grows the memory to at least `bytes`. */
  reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
  }

  /**
   * Copies the tensors into memory, runs every block in one call and copies "write" and
   * "readwrite" tensors back into the given arrays.
   */
  run(
    kernel: CompiledWasm,
    tensors: Readonly<Record<string, HostArray>>,
    values: RuntimeValues,
  ): void {
    const ptrs = new Map<string, number>();
    let top = 64;
    for (const t of kernel.signature.tensors) {
      const data = tensors[t.name];
      if (!data) throw new RangeError(`${kernel.name}: tensor "${t.name}" is missing`);
      ptrs.set(t.name, top);
      top = align(top + data.byteLength, 64);
    }
    const scratch = top;
    this.reserve(scratch + kernel.scratchBytes + 64);
    const bytes = new Uint8Array(this.memory.buffer);
    for (const t of kernel.signature.tensors) {
      const data = tensors[t.name]!;
      bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ptrs.get(t.name)!);
    }
    const args = kernel.params.map((p) => (p.kind === "ptr" ? ptrs.get(p.name)! : values[p.name]!));
    this.entry(kernel)(...args, scratch, 0, kernel.gridSize(values));
    const after = new Uint8Array(this.memory.buffer);
    for (const t of kernel.signature.tensors) {
      if (t.access === "read") continue;
      const data = tensors[t.name]!;
      const p = ptrs.get(t.name)!;
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(
        after.subarray(p, p + data.byteLength),
      );
    }
  }
}
