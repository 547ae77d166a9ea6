/**
 * The engine thread's end of the GPU host: posts commands without waiting, and answers requests
 * either synchronously (Atomics.wait on the shared reply counter, then receiveMessageOnPort) or
 * as promises. Answers are routed by sequence number, so synchronous and asynchronous requests
 * can be in flight together.
 *
 * Commands travel in batches: a message costs microseconds to post and to receive, and a
 * training step issues tens of thousands of commands, so they are queued and posted together
 * when MAX_QUEUED accumulate, before any request, or at the end of the current task.
 */
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  type Worker,
} from "node:worker_threads";
import { DeviceError } from "../errors.ts";
import { spawnWorker } from "../spawn-worker.ts";
import type { AdapterReport, Command, HostInit, Reply } from "./protocol.ts";
import { INIT_SEQ } from "./protocol.ts";
import { SIGNAL } from "./signal.ts";
import type { GpuWorkerData } from "./worker.ts";

type Request = Extract<Command, { seq: number }>;

/** Commands queued before a batch is posted without waiting for the end of the task. */
const MAX_QUEUED = 256;
type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };

export class GpuChannel {
  private seq = INIT_SEQ;
  private readonly arrived = new Map<number, Reply>();
  private readonly waiting = new Map<number, Pending>();
  private queued: Command[] = [];
  private queuedTransfer: ArrayBuffer[] = [];
  private flushScheduled = false;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly signal: Int32Array,
    private readonly commands: MessagePort,
    private readonly replies: MessagePort,
    private readonly timeoutMs: number,
  ) {
    replies.on("message", (reply: Reply) => this.take(reply));
    replies.unref();
  }

  /**
   * Starts the host thread and waits for it to open the GPU. Throws a DeviceError carrying the
   * host's reason when no adapter or device could be had.
   */
  static open(init: HostInit, timeoutMs: number): { channel: GpuChannel; adapter: AdapterReport } {
    const signalBuffer = new SharedArrayBuffer(SIGNAL.words * 4);
    const commands = new MessageChannel();
    const replies = new MessageChannel();
    const data: GpuWorkerData = {
      init,
      signal: signalBuffer,
      commands: commands.port2,
      replies: replies.port2,
    };
    const worker = spawnWorker(new URL("./worker.ts", import.meta.url), data, [
      commands.port2,
      replies.port2,
    ]);
    const channel = new GpuChannel(
      worker,
      new Int32Array(signalBuffer),
      commands.port1,
      replies.port1,
      timeoutMs,
    );
    const reply = channel.waitFor(INIT_SEQ);
    if (reply.kind !== "ready") {
      channel.close();
      throw new DeviceError(`webgpu: cannot open a GPU: ${GpuChannel.reason(reply)}`);
    }
    return { channel, adapter: reply.adapter };
  }

  /** Queues a command; nothing is waited for. */
  post(cmd: Command, transfer: ArrayBuffer[] = []): void {
    if (this.closed) throw new DeviceError("webgpu: the device was closed");
    this.queued.push(cmd);
    this.queuedTransfer.push(...transfer);
    if (this.queued.length >= MAX_QUEUED) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Posts the queued commands as one message. */
  flush(): void {
    this.flushScheduled = false;
    if (this.queued.length === 0 || this.closed) return;
    this.commands.postMessage(this.queued, this.queuedTransfer);
    this.queued = [];
    this.queuedTransfer = [];
  }

  /** Sends a request and blocks until its answer arrives (or `timeoutMs` pass). */
  request(make: (seq: number) => Request, timeoutMs = this.timeoutMs): Reply {
    const seq = ++this.seq;
    this.post(make(seq));
    this.flush();
    return this.waitFor(seq, timeoutMs);
  }

  /** Sends a request; the promise settles when its answer arrives. */
  requestAsync(make: (seq: number) => Request): Promise<Reply> {
    const seq = ++this.seq;
    const answer = new Promise<Reply>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
    });
    this.replies.ref();
    this.post(make(seq));
    this.flush();
    return answer;
  }

  /** Stops the host thread (after `destroy` was answered, or to abandon it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.waiting.values()) p.reject(new DeviceError("webgpu: device closed"));
    this.waiting.clear();
    this.commands.close();
    this.replies.close();
    void this.worker.terminate();
  }

  /** The message of an error answer (or a description of an unexpected one). */
  static reason(reply: Reply): string {
    return reply.kind === "error" ? reply.message : `unexpected answer "${reply.kind}"`;
  }

  private take(reply: Reply): void {
    const pending = this.waiting.get(reply.seq);
    if (!pending) {
      this.arrived.set(reply.seq, reply);
      return;
    }
    this.waiting.delete(reply.seq);
    if (this.waiting.size === 0) this.replies.unref();
    pending.resolve(reply);
  }

  private waitFor(seq: number, timeoutMs = this.timeoutMs): Reply {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, SIGNAL.replies);
      for (let m = receiveMessageOnPort(this.replies); m; m = receiveMessageOnPort(this.replies)) {
        this.take(m.message as Reply);
      }
      const reply = this.arrived.get(seq);
      if (reply) {
        this.arrived.delete(seq);
        return reply;
      }
      if (Atomics.load(this.signal, SIGNAL.exited) !== 0) {
        this.close();
        throw new DeviceError("webgpu: the GPU host thread exited unexpectedly");
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DeviceError(`webgpu: no answer from the GPU host within ${timeoutMs} ms`);
      }
      // Sleeps until the host posts another answer (the counter moves past `seen`).
      Atomics.wait(this.signal, SIGNAL.replies, seen, Math.min(left, 1000));
    }
  }
}
