/**
 * Entry of the GPU host's worker thread in Node: creates the GPU through the `webgpu` package
 * (Dawn) and serves the command port. In a browser the same `serve` runs in a Web Worker over
 * `navigator.gpu`.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { create } from "webgpu";
import type { Command, HostInit, Reply } from "./protocol.ts";
import { serve } from "./serve.ts";
import { SIGNAL } from "./signal.ts";

/** What the device passes to this worker. */
export interface GpuWorkerData {
  readonly init: HostInit;
  readonly signal: SharedArrayBuffer;
  readonly commands: MessagePort;
  readonly replies: MessagePort;
}

const data = workerData as GpuWorkerData;
const signal = new Int32Array(data.signal);
process.on("exit", () => {
  Atomics.store(signal, SIGNAL.exited, 1);
  Atomics.notify(signal, SIGNAL.replies);
});
const sink = {
  postMessage: (reply: Reply, transfer: ArrayBuffer[]) => data.replies.postMessage(reply, transfer),
};
const execute = await serve(create([...data.init.dawnOptions]), data.init, sink, signal);
if (execute) {
  data.commands.on("message", (batch: Command[]) => {
    for (const cmd of batch) {
      execute(cmd);
      if (cmd.op === "destroy") data.commands.close();
    }
  });
}
