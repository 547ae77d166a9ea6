/**
 * A kernel worker: instantiates each announced kernel module over the shared memory, then sleeps
 * on the job board and runs its share of the blocks of every job it is given.
 */
import { receiveMessageOnPort, workerData } from "node:worker_threads";
import { CTRL, type KernelMessage, SLOT, viewJobBoard, type WorkerInit } from "./job.ts";

type KernelFn = (...args: number[]) => void;

const init = workerData as WorkerInit;
const board = viewJobBoard(init.board);
const kernels = new Map<number, KernelFn>();
const slot = CTRL.slots + SLOT * init.thread;

function instantiate(message: KernelMessage): void {
  const instance = new WebAssembly.Instance(message.module, { env: { memory: init.memory } });
  const fn = instance.exports[message.exportName];
  if (typeof fn !== "function") {
    throw new Error(`kernel module ${message.id} has no exported function "${message.exportName}"`);
  }
  kernels.set(message.id, fn as KernelFn);
}

/** The kernel of the current job, taking announcements off the port until it has arrived. */
function kernel(id: number): KernelFn {
  for (;;) {
    const known = kernels.get(id);
    if (known) return known;
    const received = receiveMessageOnPort(init.port);
    if (!received) throw new Error(`kernel ${id} was never announced to thread ${init.thread}`);
    instantiate(received.message as KernelMessage);
  }
}

/** Runs this thread's range of job `generation` if it has one and has not run it yet. */
function runJob(generation: number): void {
  const { ctrl, args } = board;
  if (Atomics.compareExchange(ctrl, slot, generation, -1) !== generation) return;
  const start = ctrl[slot + 2]!;
  const end = ctrl[slot + 3]!;
  try {
    const count = ctrl[CTRL.argCount]!;
    const call: number[] = new Array(count + 3);
    for (let i = 0; i < count; i++) call[i] = args[i]!;
    call[count] = ctrl[slot + 1]!;
    call[count + 1] = start;
    call[count + 2] = end;
    kernel(ctrl[CTRL.kernel]!)(...call);
  } catch (err) {
    init.port.postMessage(`thread ${init.thread}: ${err instanceof Error ? err.message : err}`);
    Atomics.store(ctrl, CTRL.failed, 1);
  }
  if (Atomics.sub(ctrl, CTRL.pending, 1) === 1) Atomics.notify(ctrl, CTRL.pending);
}

// Starting from 0 rather than the current generation: a job posted while this worker was still
// loading is then found by the first pass, and the ticket decides whether it is ours.
let seen = 0;
while (Atomics.load(board.ctrl, CTRL.stop) === 0) {
  Atomics.wait(board.ctrl, CTRL.generation, seen);
  const now = Atomics.load(board.ctrl, CTRL.generation);
  if (now === seen) continue;
  seen = now;
  if (Atomics.load(board.ctrl, CTRL.stop) !== 0) break;
  runJob(now);
}
