/**
 * Which WebAssembly SIMD flavour this runtime executes, and how V8 compiles it. Relaxed SIMD
 * gives a fused multiply-add (`f32x4.relaxed_madd`), about twice the GEMM throughput of
 * mul + add. Node 20's V8 ships it behind a flag; `enableRelaxedSimd` turns the flag on in Node
 * (a run-time V8 option, honoured for modules compiled afterwards); browsers that support it
 * need nothing. V8 runs each WASM function first in a baseline compiler (5-7x slower on these
 * kernels) and swaps in optimised code compiled in the background for later calls; a call
 * never switches midway, so the first multi-millisecond kernel call runs slow, and on a busy
 * machine the switch can take seconds. `preferOptimizedWasm` makes V8 compile optimised code
 * up front instead.
 */

/** (module (func (param v128 v128 v128) (result v128) f32x4.relaxed_madd)) */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0,
  32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);

/** (module (func (param v128) (result v128) local.get 0 f32x4.abs)) */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 123, 1, 123, 3, 2, 1, 0, 10, 9, 1, 7, 0, 32, 0, 253,
  224, 1, 11,
]);

/** Whether fixed-width SIMD (v128) validates here. */
export function simdSupported(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/** Whether relaxed SIMD validates here right now. */
export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(RELAXED_PROBE);
}

/**
 * Makes relaxed SIMD available if the runtime can provide it (Node: the V8 flag); returns
 * whether it is available afterwards. Safe to call repeatedly.
 */
export async function enableRelaxedSimd(): Promise<boolean> {
  if (relaxedSimdSupported()) return true;
  if (typeof process === "undefined" || !process.versions?.v8) return false;
  const v8 = await import("node:v8");
  v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  return relaxedSimdSupported();
}

/**
 * Node only: compile WASM compiled from now on with the optimising compiler directly (V8's
 * `--no-liftoff`). Costs a few milliseconds per kernel module; returns whether it applied.
 */
export async function preferOptimizedWasm(): Promise<boolean> {
  if (typeof process === "undefined" || !process.versions?.v8) return false;
  const v8 = await import("node:v8");
  v8.setFlagsFromString("--no-liftoff");
  return true;
}
