import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type TensorToWrite, writeSafetensors } from "../../src/io/index.ts";
import { toOfficialConfigJson } from "../../src/model/config-json.ts";
import { loadParams, loadWeights } from "../../src/model/load.ts";
import { dequantizeWeight, quantLinear } from "../../src/nn/index.ts";
import { tensor } from "../../src/tensor/index.ts";
import { nanoConfig, tempDir } from "./quantized-fixture.ts";

const E = "layers.3.ffn.experts.0.w1";
const Q = "layers.3.attn.wq_a";
const S = "layers.3.attn.wkv";

// Expert row 0: bytes 0x21, 0xF7 then zeros with scale byte 128 (= 2) -> 1, 2, 12, -12, 0...
// Row 1: all codes 0x7 (6) with scale byte 126 (= 0.5) -> 3 everywhere.
function fp4Tensors(): TensorToWrite[] {
  const packed = new Uint8Array(2 * 16);
  packed[0] = 0x21;
  packed[1] = 0xf7;
  packed.fill(0x77, 16);
  return [
    { name: `${E}.weight`, dtype: "I8", shape: [2, 16], data: packed },
    { name: `${E}.scale`, dtype: "F8_E8M0", shape: [2, 1], data: Uint8Array.of(128, 126) },
  ];
}

// wq_a [3, 5] in 2 x 4 tiles with E8M0 scales; wkv [2, 3] with one f32 scale 0.1.
function fp8Tensors(): TensorToWrite[] {
  const data = new Uint8Array(15).fill(0x38); // 1.0
  data[0] = 0x3c; // 1.5
  data[14] = 0xc0; // -2
  return [
    { name: `${Q}.weight`, dtype: "F8_E4M3", shape: [3, 5], data },
    // tiles [[2^0, 2^1], [2^-1, 2^2]]
    {
      name: `${Q}.scale`,
      dtype: "F8_E8M0",
      shape: [2, 2],
      data: Uint8Array.of(127, 128, 126, 129),
    },
    { name: `${S}.weight`, dtype: "F8_E4M3", shape: [2, 3], data: new Uint8Array(6).fill(0x38) },
    { name: `${S}.scale`, dtype: "F32", shape: [1, 1], data: Float32Array.of(0.1) },
  ];
}

function writeDir(tensors: TensorToWrite[], block?: [number, number]): string {
  const dir = tempDir("qload");
  writeSafetensors(join(dir, "model.safetensors"), tensors);
  if (block) {
    // Any valid config.json will do; the loader reads only quantization_config from it.
    const qc = { quant_method: "fp8", fmt: "e4m3", weight_block_size: block, scale_fmt: "ue8m0" };
    const json = { ...toOfficialConfigJson(nanoConfig()), quantization_config: qc };
    writeFileSync(join(dir, "config.json"), JSON.stringify(json));
  }
  return dir;
}

test("an I8 weight with an E8M0 scale loads as MXFP4 (packed bytes [0x21, 0xF7], scale 2)", () => {
  const { packed, params } = loadWeights(writeDir(fp4Tensors()), { keepPacked: true });
  const w = packed.get(`${E}.weight`)!;
  assert.equal(w.format, "mxfp4");
  assert.deepEqual(w.shape, [2, 32]);
  assert.equal(params.has(`${E}.scale`), false);
  const values = Array.from(dequantizeWeight(w).toArray());
  assert.deepEqual(values.slice(0, 5), [1, 2, 12, -12, 0]);
  assert.deepEqual(values.slice(32), new Array(32).fill(3));
  // The kernel computes with the packed bytes: x = e_0 + e_3 picks 1 - 12 and 3 + 3.
  const x = new Float32Array(32);
  x[0] = 1;
  x[3] = 1;
  assert.deepEqual(Array.from(quantLinear(tensor(x, [1, 32]), w).toArray()), [-11, 6]);
  // Dequantised loading gives the same values as an f32 tensor.
  const dense = loadParams(writeDir(fp4Tensors()));
  assert.deepEqual(Array.from(dense.get(`${E}.weight`)!.toArray()), values);
});

test("F8_E4M3 weights: E8M0 scales in the config's weight_block_size, and F32 scales", () => {
  const dir = writeDir(fp8Tensors(), [2, 4]);
  const { packed } = loadWeights(dir, { keepPacked: true });
  const q = packed.get(`${Q}.weight`)!;
  assert.equal(q.format, "fp8-block");
  assert.deepEqual(
    Array.from(dequantizeWeight(q).toArray()),
    [1.5, 1, 1, 1, 2, 1, 1, 1, 1, 2, 0.5, 0.5, 0.5, 0.5, -8],
  );
  const s = packed.get(`${S}.weight`)!;
  assert.equal(s.layout.format === "fp8-block" && s.layout.scaleFormat, "f32");
  assert.deepEqual(Array.from(dequantizeWeight(s).toArray()), new Array(6).fill(Math.fround(0.1)));
  const dense = loadParams(dir);
  assert.deepEqual(
    Array.from(dense.get(`${Q}.weight`)!.toArray()),
    Array.from(dequantizeWeight(q).toArray()),
  );
});

test("the loader rejects inconsistent quantized tensors by name", () => {
  const [w, scale] = fp4Tensors() as [TensorToWrite, TensorToWrite];
  assert.throws(
    () => loadWeights(writeDir([w])),
    /"layers\.3\.ffn\.experts\.0\.w1\.weight" is I8 but has no "[^"]*w1\.scale"/,
  );
  const badShape = { ...scale, shape: [1, 2] };
  assert.throws(
    () => loadWeights(writeDir([w, badShape])),
    /its scale .* is \[1, 2\], expected \[2, 32\/32\]/,
  );
  const badDtype = { ...scale, dtype: "F32" as const, data: new Float32Array(2) };
  assert.throws(() => loadWeights(writeDir([w, badDtype])), /is F32; expected F8_E8M0/);
  // 128 x 128 blocks (no config) do not fit the 2 x 2 scale of a [3, 5] weight.
  assert.throws(
    () => loadWeights(writeDir(fp8Tensors().slice(0, 2)), { keepPacked: true }),
    /needs a scale of \[1, 1\], but "layers\.3\.attn\.wq_a\.scale" is \[2, 2\]/,
  );
});

test("I64 hash tables load as i32, F8_E4M3 without a scale and BF16 as f32", () => {
  const dir = writeDir([
    {
      name: "layers.0.ffn.gate.tid2eid",
      dtype: "I64",
      shape: [2, 2],
      data: BigInt64Array.of(0n, 3n, 2n, 1n),
    },
    { name: "x.fp8", dtype: "F8_E4M3", shape: [2], data: Uint8Array.of(0x38, 0x7e) },
    { name: "norm.weight", dtype: "BF16", shape: [2], data: Uint16Array.of(0x3f80, 0xc000) },
  ]);
  const p = loadParams(dir);
  assert.equal(p.get("layers.0.ffn.gate.tid2eid")!.dtype, "i32");
  assert.deepEqual(Array.from(p.get("layers.0.ffn.gate.tid2eid")!.toArray()), [0, 3, 2, 1]);
  assert.deepEqual(Array.from(p.get("x.fp8")!.toArray()), [1, 448]);
  assert.deepEqual(Array.from(p.get("norm.weight")!.toArray()), [1, -2]);
});
