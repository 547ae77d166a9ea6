/**
 * Compiles a kernel to a WGSL compute shader (see target.ts for the binding contract). Blocks
 * of the grid are workgroups; the linear block id comes from workgroup_id folded over x and y,
 * so grids beyond 65535 blocks still dispatch. Optional features (WgslOptions) add `enable`
 * directives only when the kernel's code uses them.
 */

import { signatureOf } from "../codegen/signature.ts";
import { printSource } from "../debug.ts";
import { TileError } from "../errors.ts";
import { gridSize } from "../grid.ts";
import type { Kernel } from "../ir.ts";
import { chooseLayout } from "../passes/layout.ts";
import type { CompiledWgsl, UniformField, WgslBinding, WgslOptions } from "../target.ts";
import { HELPERS, type HelperFn } from "./helpers.ts";
import { indent, WgslLowering } from "./lower.ts";
import type { TileStorage } from "./precision.ts";
import { SUBGROUP_BUILTINS, SUBGROUP_SEEN, subgroupProbe } from "./subgroups.ts";

const MAX_DIM = 65535;

function uniformFields(kernel: Kernel): UniformField[] {
  const fields: { name: string; type: UniformField["type"] }[] = [
    ...kernel.sizes.map((s) => ({ name: s.name, type: "i32" as const })),
    ...kernel.scalars.map((s) => ({ name: s.name, type: s.type })),
    ...kernel.tensors.map((t) => ({ name: `off_${t.name}`, type: "i32" as const })),
  ];
  return fields.map((f, i) => ({ ...f, offset: 4 * i }));
}

function bindings(kernel: Kernel): WgslBinding[] {
  const out: WgslBinding[] = kernel.tensors.map((t, i) => ({
    binding: i,
    name: t.name,
    kind: t.access === "read" ? "storage-read" : "storage",
    elementType: t.dtype,
  }));
  out.push({ binding: kernel.tensors.length, name: "params", kind: "uniform", elementType: "i32" });
  return out;
}

function declarations(
  kernel: Kernel,
  fields: readonly UniformField[],
  storage: TileStorage,
): string[] {
  const struct = `struct Params {\n${fields.map((f) => `  ${f.name}: ${f.type},`).join("\n")}\n}`;
  const bufs = kernel.tensors.map((t, i) => {
    const mode = t.access === "read" ? "read" : "read_write";
    return `@group(0) @binding(${i}) var<storage, ${mode}> t_${t.name}: array<${t.dtype}>;`;
  });
  const uniform = `@group(0) @binding(${kernel.tensors.length}) var<uniform> params: Params;`;
  const shared = kernel.tiles
    .filter((t) => t.scope === "shared")
    .map((t) => {
      const count = t.shape.reduce((p, d) => p * d, 1);
      return `var<workgroup> ${t.name}: array<${storage.elementType(t)}, ${count}>;`;
    });
  return [struct, ...bufs, uniform, ...shared];
}

function entry(w: WgslLowering, kernel: Kernel): string {
  const { tX, threads } = w.layout;
  // Lowered first: whether it uses subgroups decides the entry's parameters and probe.
  const main = w.blockStmts(kernel.body);
  const dims = kernel.grid.map((g, d) => `let g${d} = ${w.expr(g)};`);
  const total = kernel.grid.map((_, d) => `g${d}`).join(" * ");
  const blocks: string[] = ["var rest = blk;"];
  kernel.blockVars.forEach((v, d) => {
    const last = d === kernel.blockVars.length - 1;
    blocks.push(`let ${w.name(v)} = ${last ? "rest" : `rest % g${d}`};`);
    if (!last) blocks.push(`rest = rest / g${d};`);
  });
  const frags = kernel.tiles
    .filter((t) => t.scope === "fragment")
    .map((t) => {
      const [a, b] = w.regs(t);
      return `var ${t.name}: array<${t.dtype}, ${a * b}>;`;
    });
  if (w.usesSubgroups) w.workgroupVars.set("sg_seen", SUBGROUP_SEEN);
  const body = [
    "let lid = i32(lidx);",
    `let tx = lid % ${tX}i;`,
    `let ty = lid / ${tX}i;`,
    ...dims,
    "let blk = i32(wid.x + wid.y * nwg.x);",
    `if (blk >= ${total}) {\n  return;\n}`,
    ...(w.usesSubgroups ? [subgroupProbe()] : []),
    ...blocks,
    ...frags,
    main,
  ];
  const builtins = w.usesSubgroups ? `,\n        ${SUBGROUP_BUILTINS}` : "";
  return (
    `@compute @workgroup_size(${threads})\n` +
    `fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,\n` +
    `        @builtin(local_invocation_index) lidx: u32${builtins}) {\n` +
    `${indent(body.join("\n"))}\n}`
  );
}

/** A suffix naming the options a kernel was compiled with, for caches of compiled code. */
export function wgslOptionsKey(options: WgslOptions): string {
  return `${options.subgroups ? "+subgroups" : ""}${options.f16GemmTiles ? "+f16gemm" : ""}`;
}

/** WebGPU's default maxStorageBuffersPerShaderStage: kernels stay within it. */
const MAX_STORAGE_BUFFERS = 8;

/**
 * The WGSL source of a kernel and the facts its runtime needs. `options` name the optional
 * WebGPU features the code may use; the device running it must have them.
 */
export function compileWgsl(kernel: Kernel, options: WgslOptions = {}): CompiledWgsl {
  if (kernel.tensors.length > MAX_STORAGE_BUFFERS) {
    throw new TileError(
      `${kernel.name}: ${kernel.tensors.length} tensors exceed WebGPU's default limit of ` +
        `${MAX_STORAGE_BUFFERS} storage buffers per shader stage; split the kernel`,
      kernel.loc,
    );
  }
  const layout = chooseLayout(kernel);
  const w = new WgslLowering(kernel, layout, options);
  const fields = uniformFields(kernel);
  const main = entry(w, kernel);
  const order: HelperFn[] = ["specials", "log1p", "tanh", "pow"];
  const helpers = order.filter((h) => w.helpers.has(h)).map((h) => HELPERS[h]);
  const enables = [
    ...(w.storage.usesF16 ? ["enable f16;"] : []),
    ...(w.usesSubgroups ? ["enable subgroups;"] : []),
  ];
  const code = [
    ...(enables.length ? [enables.join("\n")] : []),
    ...declarations(kernel, fields, w.storage),
    ...w.workgroupVars.values(),
    ...helpers,
    main,
  ].join("\n\n");
  printSource("wgsl", kernel.name, () => code);
  const sharedBytes = kernel.tiles
    .filter((t) => t.scope === "shared")
    .reduce((p, t) => p + w.storage.elementBytes(t) * t.shape.reduce((q, d) => q * d, 1), 0);
  const scratchBytes = [...w.workgroupVars.keys()].reduce(
    (p, k) => p + (k.startsWith("red_") ? 4 * layout.threads : 4),
    0,
  );
  return {
    name: kernel.name,
    signature: signatureOf(kernel),
    code: `${code}\n`,
    entryPoint: "main",
    workgroupSize: [layout.threads, 1, 1],
    workgroupStorageBytes: sharedBytes + scratchBytes,
    bindings: bindings(kernel),
    uniformLayout: fields,
    uniformBytes: Math.max(16, Math.ceil((4 * fields.length) / 16) * 16),
    dispatch: (values) => {
      const total = gridSize(kernel, values);
      const x = Math.min(total, MAX_DIM);
      return [x, x === 0 ? 0 : Math.ceil(total / x), 1];
    },
  };
}
