/**
 * The GPU host's side of the channel, shared by the Node worker and a browser Web Worker: opens
 * the adapter and device, announces them, then executes commands as they arrive and posts the
 * answers the engine thread is waiting for.
 */
import { GpuHost } from "./host.ts";
import { computeLimits } from "./limits.ts";
import type { AdapterReport, Command, HostInit, Reply } from "./protocol.ts";
import { INIT_SEQ } from "./protocol.ts";
import { SIGNAL } from "./signal.ts";

/** Where answers go: a port plus the shared counter the engine thread sleeps on. */
export interface ReplySink {
  postMessage(value: Reply, transfer: ArrayBuffer[]): void;
}

/** Posts an answer, then wakes the engine thread. */
function send(sink: ReplySink, signal: Int32Array, reply: Reply): void {
  sink.postMessage(reply, reply.kind === "data" ? [reply.data] : []);
  Atomics.add(signal, SIGNAL.replies, 1);
  Atomics.notify(signal, SIGNAL.replies);
}

async function openDevice(
  gpu: GPU,
  init: HostInit,
): Promise<{ device: GPUDevice; report: AdapterReport }> {
  const adapter = await gpu.requestAdapter(
    init.powerPreference ? { powerPreference: init.powerPreference } : undefined,
  );
  if (!adapter) {
    const how = init.dawnOptions.length > 0 ? ` with options [${init.dawnOptions.join(", ")}]` : "";
    throw new Error(`no GPU adapter found${how}`);
  }
  const adapterFeatures = [...adapter.features].map(String).sort();
  const offered = (f: string): f is GPUFeatureName => adapter.features.has(f);
  const device = await adapter.requestDevice({
    requiredFeatures: init.features.filter(offered),
    requiredLimits: computeLimits(adapter.limits),
  });
  const info = adapter.info;
  const report: AdapterReport = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    limits: computeLimits(device.limits),
    adapterFeatures,
    features: [...device.features].map(String).sort(),
    subgroupMinSize: info.subgroupMinSize,
    subgroupMaxSize: info.subgroupMaxSize,
  };
  return { device, report };
}

/**
 * Runs the host: opens the device on `gpu`, answers the start-up request, then executes each
 * command delivered to the returned function. `signal` is the Int32Array the engine sleeps on.
 */
export async function serve(
  gpu: GPU,
  init: HostInit,
  sink: ReplySink,
  signal: Int32Array,
): Promise<((cmd: Command) => void) | null> {
  let host: GpuHost;
  try {
    const { device, report } = await openDevice(gpu, init);
    host = new GpuHost(gpu, device, init.batchSize);
    send(sink, signal, { seq: INIT_SEQ, kind: "ready", adapter: report });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    send(sink, signal, { seq: INIT_SEQ, kind: "error", message });
    return null;
  }
  return (cmd) => {
    host.handle(cmd).then(
      (reply) => {
        if (reply) send(sink, signal, reply);
      },
      (err: unknown) => {
        host.fail(err instanceof Error ? err.message : String(err));
        if ("seq" in cmd) send(sink, signal, host.takeError(cmd.seq));
      },
    );
  };
}
