/**
 * Snapshots of the generated code of core kernels (WGSL, and WAT before binaryen's optimiser
 * so the text follows the lowering): any change to the code generators shows up as a diff here.
 * UPDATE_SNAPSHOTS=1 rewrites the files in test/tile/snapshots/ after a reviewed change.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import {
  compileWgsl,
  type Kernel,
  loadWasmCompiler,
  matmulKernel,
  planAttention,
  planRmsNorm,
  planSoftmax,
  planSwiglu,
  type WgslOptions,
  wasmText,
} from "../../src/tile/index.ts";

await loadWasmCompiler();

const DIR = new URL("./snapshots/", import.meta.url);
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";

function check(file: string, text: string): void {
  const url = new URL(file, DIR);
  if (UPDATE) {
    writeFileSync(url, text);
    return;
  }
  assert.ok(
    existsSync(url),
    `snapshot ${file} is missing; run with UPDATE_SNAPSHOTS=1 to create it`,
  );
  const want = readFileSync(url, "utf8");
  if (text === want) return;
  const got = text.split("\n");
  const exp = want.split("\n");
  const line = got.findIndex((l, i) => l !== exp[i]);
  assert.fail(
    `snapshot ${file} differs at line ${line + 1}:\n  got:  ${got[line]}\n  want: ${exp[line]}\n` +
      "review the change, then run with UPDATE_SNAPSHOTS=1",
  );
}

/** Name, kernel and the optional WebGPU features of the build (none unless given). */
const WGSL: [string, Kernel, WgslOptions?][] = [
  [
    "matmul_nn_64x64x16",
    matmulKernel({ bm: 64, bn: 64, bk: 16, transA: false, transB: false, threads: 256 }),
  ],
  [
    "matmul_tt_16x64x32",
    matmulKernel({ bm: 16, bn: 64, bk: 32, transA: true, transB: true, threads: 256 }),
  ],
  ["softmax", planSoftmax("wgsl", 8, 1000, false).kernel],
  ["softmax_subgroups", planSoftmax("wgsl", 8, 1000, false).kernel, { subgroups: true }],
  [
    "matmul_nn_64x64x16_f16",
    matmulKernel({ bm: 64, bn: 64, bk: 16, transA: false, transB: false, threads: 256 }),
    { f16GemmTiles: true },
  ],
  ["rmsnorm", planRmsNorm("wgsl", 8, 1000, 1e-6, true).kernel],
  ["swiglu", planSwiglu("wgsl", 100, 7).kernel],
  [
    "attention",
    planAttention(
      "wgsl",
      { batch: 1, queries: 8, heads: 2, keys: 8, headDim: 64, maskBatch: 1 },
      0.125,
    ).kernel,
  ],
];

const WAT: [string, Kernel][] = [
  [
    "matmul_nn_128x256x64",
    matmulKernel({ bm: 128, bn: 256, bk: 64, transA: false, transB: false, threads: 256 }),
  ],
  [
    "matmul_nt_1x16x512",
    matmulKernel({ bm: 1, bn: 16, bk: 512, transA: false, transB: true, threads: 256 }),
  ],
  ["softmax", planSoftmax("wasm", 8, 1000, false).kernel],
  ["swiglu", planSwiglu("wasm", 100, 7).kernel],
];

for (const [name, kernel, options] of WGSL) {
  test(`WGSL of ${name} matches its snapshot`, () =>
    check(`${name}.wgsl`, compileWgsl(kernel, options).code));
}

for (const [name, kernel] of WAT) {
  test(`WAT of ${name} matches its snapshot`, () =>
    check(`${name}.wat`, wasmText(kernel, { relaxed: true })));
}
