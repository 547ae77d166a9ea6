/**
 * Starting a worker thread whose entry is one of our TypeScript modules. The package ships
 * TypeScript run through tsx, and a worker thread does not inherit the parent's loader hooks
 * (neither `--import tsx` nor `register()` reach it on Node 20), so the worker starts from a
 * two-line bootstrap that registers tsx first and then imports the entry module. Compiled
 * JavaScript entries are started directly.
 */
import { type Transferable, Worker } from "node:worker_threads";

/**
 * A new worker running the module at `entry` (a file URL), with `workerData` as its
 * `workerData` (objects in `transfer`, such as message ports, are moved rather than copied).
 * The worker is unref'd: it never keeps the process alive on its own.
 */
export function spawnWorker(
  entry: URL,
  workerData: unknown,
  transfer: readonly Transferable[] = [],
): Worker {
  const transferList = [...transfer];
  let worker: Worker;
  if (entry.pathname.endsWith(".ts")) {
    const api = import.meta.resolve("tsx/esm/api");
    const boot =
      `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); ` +
      `return import(${JSON.stringify(entry.href)}); });`;
    worker = new Worker(boot, { eval: true, workerData, transferList });
  } else {
    worker = new Worker(entry, { workerData, transferList });
  }
  worker.unref();
  return worker;
}
