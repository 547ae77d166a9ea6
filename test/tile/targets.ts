/**
 * Runs a planned kernel on the interpreter and on the WASM target (single thread, one shared
 * memory) from the same inputs, so a test can hold both to the reference.
 */

import {
  compileWasm,
  enableRelaxedSimd,
  interpret,
  loadWasmCompiler,
  type Plan,
  WasmRunner,
} from "../../src/tile/index.ts";
import type { HostArray } from "../../src/tile/interpret.ts";
import type { CompiledWasm } from "../../src/tile/target.ts";

await enableRelaxedSimd();
await loadWasmCompiler();

const runner = new WasmRunner();
const compiled = new Map<string, CompiledWasm>();

function clone(tensors: Readonly<Record<string, HostArray>>): Record<string, HostArray> {
  return Object.fromEntries(Object.entries(tensors).map(([k, v]) => [k, v.slice()]));
}

/** The kernel's WASM build, compiled once per test process. */
export function wasmOf(plan: Plan): CompiledWasm {
  let c = compiled.get(plan.kernel.name);
  if (!c) {
    c = compileWasm(plan.kernel);
    compiled.set(plan.kernel.name, c);
  }
  return c;
}

/** Outputs of the interpreter and of WASM, each run on its own copy of `tensors`. */
export function runTargets(
  plan: Plan,
  tensors: Readonly<Record<string, HostArray>>,
): { interp: Record<string, HostArray>; wasm: Record<string, HostArray> } {
  const interp = clone(tensors);
  interpret(plan.kernel, interp, plan.values);
  const wasm = clone(tensors);
  runner.run(wasmOf(plan), wasm, plan.values);
  return { interp, wasm };
}

/** Runs only the WASM target (for shapes too large for the interpreter to be quick). */
export function runWasm(
  plan: Plan,
  tensors: Readonly<Record<string, HostArray>>,
): Record<string, HostArray> {
  const wasm = clone(tensors);
  runner.run(wasmOf(plan), wasm, plan.values);
  return wasm;
}
