// `tessera devices`: what this machine offers to compute on. The CPU line gives the kernel
// threads and the WebAssembly SIMD flavours; the WebGPU line opens the GPU for real and gives
// the adapter's name, the features the device uses (and what the kernels use them for) and its
// compute limits, or the reason why there is none.

import { availableParallelism } from "node:os";
import { WebGpuDevice } from "../backend/index.ts";
import { enableRelaxedSimd, relaxedSimdSupported, simdSupported } from "../tile/index.ts";
import { type ArgSpecs, argHelp, parseCommandArgs } from "./args.ts";

const USAGE = "usage: tessera devices [--backend NAME] [--json]";

const SPECS: ArgSpecs = {
  backend: {
    type: "string",
    value: "NAME",
    help: "Dawn backend for WebGPU: vulkan, metal, d3d12, ... ($TESSERA_WEBGPU_BACKEND)",
  },
  json: { type: "boolean", help: "print one JSON object instead of text" },
};

/** What `devices` found, as printed with --json. */
export interface DevicesReport {
  cpu: {
    threads: number;
    simd: boolean;
    /** Whether relaxed SIMD validates without help, and whether it does once enabled. */
    relaxedSimdNative: boolean;
    relaxedSimd: boolean;
  };
  webgpu:
    | {
        available: true;
        vendor: string;
        architecture: string;
        device: string;
        description: string;
        features: readonly string[];
        adapterFeatures: readonly string[];
        limits: Readonly<Record<string, number>>;
        /** The matmul precision the device runs at, and why when f16 was asked for but not. */
        precisionNote?: string;
      }
    | { available: false; reason: string };
}

/** Probes the CPU and the GPU; opening the GPU may take a few seconds. */
export async function probeDevices(backend: string | undefined): Promise<DevicesReport> {
  const relaxedSimdNative = relaxedSimdSupported();
  const cpu = {
    threads: availableParallelism(),
    simd: simdSupported(),
    relaxedSimdNative,
    relaxedSimd: relaxedSimdNative || (await enableRelaxedSimd()),
  };
  try {
    const gpu = WebGpuDevice.open({ ...(backend ? { backend } : {}), timeoutMs: 60_000 });
    const a = gpu.adapter;
    const { precisionNote } = gpu;
    gpu.close();
    return {
      cpu,
      webgpu: {
        available: true,
        vendor: a.vendor,
        architecture: a.architecture,
        device: a.device,
        description: a.description,
        features: a.features,
        adapterFeatures: a.adapterFeatures,
        limits: a.limits,
        precisionNote,
      },
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { cpu, webgpu: { available: false, reason } };
  }
}

/** What the generated WGSL does with each optional feature the device has. */
function featureUses(features: readonly string[]): string[] {
  const uses: string[] = [];
  if (features.includes("subgroups")) {
    uses.push("subgroups: reductions (softmax, norms, argmax, attention) combine in registers");
  }
  if (features.includes("shader-f16")) {
    uses.push("shader-f16: f16 matmul operand tiles, opt-in: TESSERA_WEBGPU_MATMUL_PRECISION=f16");
  }
  return uses;
}

/** The report as text, one block per device kind. */
export function formatDevices(r: DevicesReport): string {
  const yes = (b: boolean) => (b ? "yes" : "no");
  const relaxed = r.cpu.relaxedSimdNative
    ? "yes"
    : r.cpu.relaxedSimd
      ? "yes (enabled through the V8 flag --experimental-wasm-relaxed-simd)"
      : "no";
  const lines = [
    "cpu       fast CPU device: WASM tile kernels on a thread pool over one shared memory",
    `          threads: ${r.cpu.threads}`,
    `          WASM SIMD: ${yes(r.cpu.simd)}; relaxed SIMD (FMA): ${relaxed}`,
    "cpu-ref   reference CPU device: plain TypeScript kernels, float64 accumulation",
  ];
  const g = r.webgpu;
  if (!g.available) {
    lines.push(`webgpu    unavailable: ${g.reason}`);
  } else {
    const name = g.description || g.device || "(unnamed adapter)";
    lines.push(`webgpu    ${name}`);
    lines.push(`          vendor: ${g.vendor || "?"}; architecture: ${g.architecture || "?"}`);
    lines.push(`          features in use: ${g.features.join(", ") || "none"}`);
    for (const use of featureUses(g.features)) lines.push(`            ${use}`);
    if (g.precisionNote) lines.push(`          ${g.precisionNote}`);
    lines.push(`          adapter features: ${g.adapterFeatures.join(", ") || "none"}`);
    lines.push("          limits:");
    for (const [k, v] of Object.entries(g.limits)) lines.push(`            ${k.padEnd(36)}${v}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `devices`; returns the exit code (0 also when there is no GPU: that is a finding). */
export async function runDevices(
  argv: readonly string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const args = parseCommandArgs("tessera devices", argv, SPECS);
  if (!args) {
    write(argHelp(USAGE, SPECS));
    return 0;
  }
  const report = await probeDevices(args.string("backend"));
  write(args.bool("json") ? `${JSON.stringify(report, null, 2)}\n` : formatDevices(report));
  return 0;
}
