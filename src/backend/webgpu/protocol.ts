/**
 * Messages between the WebGPU device (on the engine's thread) and the GPU host (a worker thread
 * that owns the Dawn or browser GPUDevice). Commands flow one way without answers, in order and
 * in batches (one message carries an array of commands); the few that need an answer (init,
 * pipelines, reads, stats, destroy) carry a sequence number and are answered on the reply port,
 * after which the host bumps a shared counter and notifies, so the engine thread can block for
 * the answer with Atomics.wait and take it with receiveMessageOnPort.
 */
import type { ComputeLimits } from "./limits.ts";

/** What the host is started with (plain data, so it can be posted to any worker). */
export interface HostInit {
  /** Options for the `webgpu` package's create() in Node, e.g. ["backend=vulkan"]. */
  readonly dawnOptions: readonly string[];
  /** Optional features to request when the adapter has them. */
  readonly features: readonly string[];
  readonly powerPreference: "low-power" | "high-performance" | undefined;
  /** Dispatches recorded before the host submits on its own. */
  readonly batchSize: number;
}

/** A compiled pipeline the host should build (once) under `key`. */
export interface PipelineSpec {
  readonly key: string;
  readonly label: string;
  readonly code: string;
  readonly entryPoint: string;
  /** Bind group 0, in binding order: tensors, then the uniform struct. */
  readonly bindings: readonly {
    readonly binding: number;
    readonly kind: "storage-read" | "storage" | "uniform";
  }[];
}

export type Command =
  | { readonly op: "alloc"; readonly id: number; readonly bytes: number }
  | {
      readonly op: "upload";
      readonly id: number;
      readonly bytes: number;
      readonly data: ArrayBuffer;
    }
  | {
      readonly op: "write";
      readonly id: number;
      readonly offset: number;
      readonly data: ArrayBuffer;
    }
  | { readonly op: "release"; readonly id: number }
  | { readonly op: "pipeline"; readonly seq: number; readonly spec: PipelineSpec }
  | {
      readonly op: "dispatch";
      readonly key: string;
      /** Buffer ids in binding order; the uniform struct is bound after them. */
      readonly buffers: readonly number[];
      readonly uniforms: ArrayBuffer;
      readonly groups: readonly [number, number, number];
    }
  | {
      readonly op: "copy";
      readonly src: number;
      readonly srcOffset: number;
      readonly dst: number;
      readonly dstOffset: number;
      readonly bytes: number;
    }
  | { readonly op: "clear"; readonly id: number; readonly offset: number; readonly bytes: number }
  | { readonly op: "flush" }
  | { readonly op: "read"; readonly seq: number; readonly id: number; readonly bytes: number }
  | { readonly op: "stats"; readonly seq: number }
  | { readonly op: "destroy"; readonly seq: number };

/** Adapter facts reported once, at start-up. */
export interface AdapterReport {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** The compute limits of the device as created (the adapter's own values). */
  readonly limits: ComputeLimits;
  /** Every feature the adapter offers. */
  readonly adapterFeatures: readonly string[];
  /** The features the device was created with. */
  readonly features: readonly string[];
  readonly subgroupMinSize: number | undefined;
  readonly subgroupMaxSize: number | undefined;
}

/** Counters of the host's buffer pool and batching. */
export interface HostStats {
  /** GPU buffers created and not destroyed (live and pooled). */
  readonly gpuBuffers: number;
  readonly gpuBytes: number;
  /** Of those, bytes waiting in the pool for reuse. */
  readonly pooledBytes: number;
  readonly pipelines: number;
  readonly submits: number;
  readonly dispatches: number;
}

export type Reply =
  | { readonly seq: number; readonly kind: "ready"; readonly adapter: AdapterReport }
  | { readonly seq: number; readonly kind: "data"; readonly data: ArrayBuffer }
  | { readonly seq: number; readonly kind: "stats"; readonly stats: HostStats }
  | { readonly seq: number; readonly kind: "done" }
  | { readonly seq: number; readonly kind: "error"; readonly message: string };

/** Sequence number of the start-up reply. */
export const INIT_SEQ = 0;
