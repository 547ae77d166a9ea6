/**
 * The job board shared by the main thread and the kernel workers: one SharedArrayBuffer holding
 * a control block of i32 words and the current job's arguments as f64 (exact for every i32 and
 * f32 value). The main thread writes a job and bumps the generation; each worker runs its block
 * range and decrements `pending`; the last one wakes the main thread.
 */
import type { MessagePort } from "node:worker_threads";

/** Index of each control word in the Int32Array view. */
export const CTRL = {
  /** Incremented for every job; workers sleep on it. */
  generation: 0,
  /** Workers still running the current job. */
  pending: 1,
  /** Non-zero when a worker failed the current job (its message follows on its port). */
  failed: 2,
  /** Which registered kernel the job runs. */
  kernel: 3,
  /** Number of kernel arguments before (scratch, blockStart, blockEnd). */
  argCount: 4,
  /** Set to ask the workers to exit. */
  stop: 5,
  /**
   * Per-thread slots of SLOT words start here: (ticket, scratch, blockStart, blockEnd). A worker
   * runs a job only after claiming its ticket (equal to the job's generation), so a worker that
   * wakes late can never run a range twice or run a range of the wrong job.
   */
  slots: 8,
} as const;

/** Words per thread slot. */
export const SLOT = 4;

/** The most threads a job board serves (main thread included). */
export const MAX_THREADS = 256;
/** The most kernel arguments (tensors, sizes and scalars) of one kernel. */
export const MAX_ARGS = 64;

const CTRL_WORDS = CTRL.slots + SLOT * MAX_THREADS;

/** Views over one job board. */
export interface JobBoard {
  readonly sab: SharedArrayBuffer;
  readonly ctrl: Int32Array;
  readonly args: Float64Array;
}

/** A fresh job board. */
export function createJobBoard(): JobBoard {
  const sab = new SharedArrayBuffer(CTRL_WORDS * 4 + MAX_ARGS * 8);
  return viewJobBoard(sab);
}

/** Views over a job board received from another thread. */
export function viewJobBoard(sab: SharedArrayBuffer): JobBoard {
  return {
    sab,
    ctrl: new Int32Array(sab, 0, CTRL_WORDS),
    args: new Float64Array(sab, CTRL_WORDS * 4, MAX_ARGS),
  };
}

/** What a worker is started with. */
export interface WorkerInit {
  readonly memory: WebAssembly.Memory;
  readonly board: SharedArrayBuffer;
  /** This worker's thread index (the main thread is 0). */
  readonly thread: number;
  /** Kernel modules arrive on this port, errors leave by it. */
  readonly port: MessagePort;
}

/** A kernel module announced to the workers before its first job. */
export interface KernelMessage {
  readonly id: number;
  readonly module: WebAssembly.Module;
  readonly exportName: string;
}
