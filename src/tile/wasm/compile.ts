/**
 * Compiles a kernel to a WASM module with one exported function running a range of blocks:
 *   (tensor pointers..., sizes..., scalars..., scratch, blockStart, blockEnd) -> ()
 * See target.ts for the contract. binaryen validates and optimises the module.
 */
import type binaryen from "binaryen";
import { signatureOf } from "../codegen/signature.ts";
import { printSource } from "../debug.ts";
import { gridSize } from "../grid.ts";
import type { Kernel } from "../ir.ts";
import type { CompiledWasm, WasmParam } from "../target.ts";
import { bn } from "./binaryen.ts";
import { relaxedSimdSupported } from "./features.ts";
import { planScratch } from "./layout.ts";
import { WasmLowering, type X } from "./lower.ts";

export interface WasmOptions {
  /** Use relaxed-SIMD FMA (default: whether this runtime validates it). */
  relaxed?: boolean;
  /** Run binaryen's optimiser (default true; snapshots of readable WAT turn it off). */
  optimize?: boolean;
}

function paramsOf(kernel: Kernel): WasmParam[] {
  return [
    ...kernel.tensors.map((t): WasmParam => ({ name: t.name, kind: "ptr" })),
    ...kernel.sizes.map((s): WasmParam => ({ name: s.name, kind: "i32" })),
    ...kernel.scalars.map((s): WasmParam => ({ name: s.name, kind: s.type })),
  ];
}

function features(relaxed: boolean): number {
  const f = bn().Features;
  const base =
    f.SIMD128 | f.BulkMemory | f.NontrappingFPToInt | f.Atomics | f.SignExt | f.MutableGlobals;
  return relaxed ? base | f.RelaxedSIMD : base;
}

/** The block loop: decompose the linear block id into grid indices and run the body. */
function blockLoop(w: WasmLowering, kernel: Kernel, first: number): X {
  const m = w.m;
  // Parameters after the kernel's own: scratch (first), blockStart, blockEnd.
  const [start, end] = [first + 1, first + 2];
  const blk = w.temp(bn().i32);
  const rest = w.temp(bn().i32);
  const dims = kernel.grid.map(() => w.temp(bn().i32));
  const decompose: X[] = [m.local.set(rest, w.get(blk))];
  kernel.blockVars.forEach((v, d) => {
    const last = d === kernel.blockVars.length - 1;
    decompose.push(
      m.local.set(w.local(v), last ? w.get(rest) : m.i32.rem_u(w.get(rest), w.get(dims[d]!))),
    );
    if (!last) decompose.push(m.local.set(rest, m.i32.div_u(w.get(rest), w.get(dims[d]!))));
  });
  const done = w.label("done");
  const next = w.label("blocks");
  return m.block(null, [
    ...kernel.grid.map((g, d) => m.local.set(dims[d]!, w.expr(g))),
    m.local.set(blk, w.get(start)),
    m.block(done, [
      m.loop(
        next,
        m.block(null, [
          m.br(done, m.i32.ge_s(w.get(blk), w.get(end))),
          ...decompose,
          ...w.stmts(kernel.body),
          m.local.set(blk, m.i32.add(w.get(blk), w.i32(1))),
          m.br(next),
        ]),
      ),
    ]),
  ]);
}

function buildModule(
  kernel: Kernel,
  relaxed: boolean,
): { module: binaryen.Module; scratchBytes: number } {
  const m = new (bn().Module)();
  m.setFeatures(features(relaxed));
  m.setMemory(1, 65536, null, [], true);
  m.addMemoryImport("0", "env", "memory", true);
  const params = paramsOf(kernel);
  const types = [
    ...params.map((p) => (p.kind === "f32" ? bn().f32 : bn().i32)),
    bn().i32,
    bn().i32,
    bn().i32,
  ];
  const symParams = new Map<number, number>();
  [...kernel.sizes, ...kernel.scalars].forEach((s, i) => {
    symParams.set(s.id, kernel.tensors.length + i);
  });
  const tensorParams = new Map(kernel.tensors.map((t, i) => [t.name, i] as const));
  const plan = planScratch(kernel);
  const first = params.length;
  const w = new WasmLowering(
    kernel,
    m,
    plan,
    relaxed,
    types.length,
    tensorParams,
    first,
    symParams,
  );
  const body = blockLoop(w, kernel, first);
  m.addFunction(kernel.name, bn().createType(types), bn().none, w.locals, body);
  m.addFunctionExport(kernel.name, kernel.name);
  return { module: m, scratchBytes: plan.bytes };
}

/** Compiles `kernel` to WebAssembly; TESSERA_DEBUG=4 prints the WAT. */
export function compileWasm(kernel: Kernel, options: WasmOptions = {}): CompiledWasm {
  const relaxed = options.relaxed ?? relaxedSimdSupported();
  const { module: m, scratchBytes } = buildModule(kernel, relaxed);
  try {
    if (!m.validate()) throw new Error(`tile: generated WASM for ${kernel.name} does not validate`);
    if (options.optimize ?? true) m.optimize();
    printSource("wat", kernel.name, () => m.emitText());
    const module = new Uint8Array(m.emitBinary());
    return {
      name: kernel.name,
      signature: signatureOf(kernel),
      module,
      exportName: kernel.name,
      params: paramsOf(kernel),
      scratchBytes,
      relaxed,
      gridSize: (values) => gridSize(kernel, values),
    };
  } finally {
    m.dispose();
  }
}

/** Generated WAT of a kernel, for snapshots and inspection. */
export function wasmText(kernel: Kernel, options: WasmOptions = {}): string {
  const { module: m } = buildModule(kernel, options.relaxed ?? false);
  try {
    if (options.optimize ?? false) m.optimize();
    return m.emitText();
  } finally {
    m.dispose();
  }
}
