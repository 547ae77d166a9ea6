/**
 * Loading binaryen, the WebAssembly compiler library the WASM code generator emits through.
 * It is a 15 MB module, so it is loaded on demand (`loadWasmCompiler`) rather than with the
 * DSL: tensor code that never compiles WASM never pays for it.
 *
 * The module is imported through its resolved file URL carrying a `tsx-namespace` query no
 * loader registers: TypeScript dev loaders (tsx) then leave the file to Node's own loader
 * instead of re-writing it, which takes ~12 s for this file against ~0.5 s. Node's loader
 * ignores the query.
 */
import type binaryen from "binaryen";

export type Binaryen = typeof binaryen;

let lib: Binaryen | null = null;
let loading: Promise<Binaryen> | null = null;

function resolvedUrl(): string | null {
  const resolve = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof resolve !== "function") return null;
  const url = resolve("binaryen");
  return url.startsWith("file:") ? `${url}?tsx-namespace=tile-binaryen` : url;
}

/** Loads binaryen once; later calls return the same promise. Needed before `compileWasm`. */
export function loadWasmCompiler(): Promise<Binaryen> {
  loading ??= (async () => {
    const url = resolvedUrl();
    const mod: { default: Binaryen } = url ? await import(url) : await import("binaryen");
    lib = mod.default;
    return lib;
  })();
  return loading;
}

/** The loaded binaryen module; throws when `loadWasmCompiler` has not completed. */
export function bn(): Binaryen {
  if (!lib) {
    throw new Error("tile: the WASM compiler is not loaded; await loadWasmCompiler() once first");
  }
  return lib;
}

interface TernaryApi {
  SIMDTernary: { setOp(expr: number, op: number): void };
  RelaxedMaddVecF32x4: number;
}

function hasTernaryApi(x: unknown): x is TernaryApi {
  const t = (x as { SIMDTernary?: { setOp?: unknown } }).SIMDTernary;
  return typeof t?.setOp === "function";
}

/**
 * f32x4.relaxed_madd(a, b, c) = a·b + c. binaryen's JS API has no constructor for it, so a
 * ternary SIMD node of the same arity (bitselect) is built and its opcode switched.
 */
export function relaxedMadd(m: binaryen.Module, a: number, b: number, c: number): number {
  const lib = bn();
  if (!hasTernaryApi(lib)) throw new Error("tile: this binaryen build lacks SIMDTernary.setOp");
  const e = m.v128.bitselect(a, b, c);
  lib.SIMDTernary.setOp(e, lib.RelaxedMaddVecF32x4);
  return e;
}
