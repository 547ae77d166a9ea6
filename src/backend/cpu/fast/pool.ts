/**
 * The kernel thread pool: `threads - 1` workers plus the calling thread, all instantiating the
 * same WASM kernels over one shared memory. A launch splits the kernel's block grid into one
 * contiguous range per thread, posts it on the job board, runs the calling thread's own range and
 * blocks (Atomics.wait) until the workers are done, so launches stay synchronous.
 */

import type { Worker } from "node:worker_threads";
import { MessageChannel, type MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { DeviceError } from "../../errors.ts";
import { spawnWorker } from "../../spawn-worker.ts";
import { CTRL, createJobBoard, type JobBoard, MAX_ARGS, MAX_THREADS, SLOT } from "./job.ts";

type KernelFn = (...args: number[]) => void;

interface Thread {
  readonly worker: Worker;
  readonly port: MessagePort;
}

/** One launch: which kernel, its leading arguments, and the grid to cover. */
export interface Launch {
  /** Id returned by `register`. */
  readonly kernel: number;
  /** Arguments before (scratch, blockStart, blockEnd), in the kernel's parameter order. */
  readonly args: readonly number[];
  readonly gridSize: number;
  /** Byte address of each thread's scratch (index 0 is the calling thread). */
  readonly scratch: readonly number[];
  /** How many threads may share the grid (at most the pool's size). */
  readonly threads: number;
}

export class KernelPool {
  private readonly board: JobBoard = createJobBoard();
  private readonly threads: Thread[] = [];
  private readonly local: KernelFn[] = [];
  private generation = 0;
  private closed = false;

  /** Starts `size - 1` workers over `memory`; `size` counts the calling thread. */
  constructor(
    private readonly memory: WebAssembly.Memory,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_THREADS) {
      throw new DeviceError(
        `cpu: thread count must be an integer in [1, ${MAX_THREADS}], got ${size}`,
      );
    }
    for (let t = 1; t < size; t++) {
      const { port1, port2 } = new MessageChannel();
      const init = { memory, board: this.board.sab, thread: t, port: port2 };
      const worker = spawnWorker(new URL("./worker.ts", import.meta.url), init, [port2]);
      this.threads.push({ worker, port: port1 });
    }
  }

  /** Compiles a kernel module once and announces it to every thread; returns its id. */
  register(module: WebAssembly.Module, exportName: string): number {
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    const fn = instance.exports[exportName];
    if (typeof fn !== "function") {
      throw new DeviceError(`cpu: kernel module has no exported function "${exportName}"`);
    }
    const id = this.local.length;
    this.local.push(fn as KernelFn);
    for (const t of this.threads) t.port.postMessage({ id, module, exportName });
    return id;
  }

  /** Runs a kernel over its whole grid and returns when every block is done. */
  run(launch: Launch): void {
    if (this.closed) throw new DeviceError("cpu: the kernel pool was closed");
    const { kernel, args, gridSize } = launch;
    const fn = this.local[kernel];
    if (!fn) throw new DeviceError(`cpu: kernel id ${kernel} was never registered`);
    if (args.length > MAX_ARGS) {
      throw new DeviceError(
        `cpu: a kernel takes at most ${MAX_ARGS} arguments, got ${args.length}`,
      );
    }
    if (gridSize <= 0) return;
    const used = Math.max(1, Math.min(launch.threads, this.size, gridSize));
    const bounds = (t: number) => Math.floor((gridSize * t) / used);
    if (used === 1) {
      fn(...args, launch.scratch[0]!, 0, gridSize);
      return;
    }
    this.post(launch, used, bounds);
    try {
      fn(...args, launch.scratch[0]!, 0, bounds(1));
    } finally {
      // The workers share the memory the failed range was writing: let them finish first.
      this.join();
    }
  }

  /** Asks the workers to exit. The pool cannot run kernels afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.board.ctrl, CTRL.stop, 1);
    Atomics.add(this.board.ctrl, CTRL.generation, 1);
    Atomics.notify(this.board.ctrl, CTRL.generation);
    for (const t of this.threads) t.port.close();
  }

  private post(launch: Launch, used: number, bounds: (t: number) => number): void {
    const { ctrl, args } = this.board;
    // Generations skip 0 and -1, which mark slots never claimed and slots already claimed.
    this.generation = this.generation >= 0x7ffffff0 ? 1 : this.generation + 1;
    const gen = this.generation;
    launch.args.forEach((v, i) => {
      args[i] = v;
    });
    ctrl[CTRL.kernel] = launch.kernel;
    ctrl[CTRL.argCount] = launch.args.length;
    ctrl[CTRL.failed] = 0;
    for (let t = 1; t < used; t++) {
      const slot = CTRL.slots + SLOT * t;
      ctrl[slot + 1] = launch.scratch[t]!;
      ctrl[slot + 2] = bounds(t);
      ctrl[slot + 3] = bounds(t + 1);
      ctrl[slot] = gen;
    }
    Atomics.store(ctrl, CTRL.pending, used - 1);
    Atomics.store(ctrl, CTRL.generation, gen);
    Atomics.notify(ctrl, CTRL.generation);
  }

  /** Waits for the workers of the current job; rethrows the first worker's failure. */
  private join(): void {
    const { ctrl } = this.board;
    for (;;) {
      const left = Atomics.load(ctrl, CTRL.pending);
      if (left === 0) break;
      Atomics.wait(ctrl, CTRL.pending, left, 1000);
    }
    if (Atomics.load(ctrl, CTRL.failed) !== 0) {
      const messages = this.threads
        .map((t) => receiveMessageOnPort(t.port)?.message)
        .filter((m) => m !== undefined);
      throw new DeviceError(`cpu: a kernel failed on a worker: ${messages.join("; ")}`);
    }
  }
}
