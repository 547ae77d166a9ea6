import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openCheckpoint } from "../../src/io/index.ts";
import { loadWeights, readConfig } from "../../src/model/load.ts";
import { createModel, forward } from "../../src/model/model.ts";
import { parameterShapes } from "../../src/model/param-shapes.ts";
import { quantizeCheckpoint } from "../../src/model/quantize-checkpoint.ts";
import { QuantizedWeight } from "../../src/nn/index.ts";
import { defaultDevice, noGrad } from "../../src/tensor/index.ts";
import { denseCheckpoint, sampleIds, tempDir } from "./quantized-fixture.ts";

const { dir: denseDir, cfg } = denseCheckpoint(3);
const quantDir = join(tempDir("quant"), "q");
const report = quantizeCheckpoint(denseDir, quantDir, { blockSize: [16, 32] });

test("quantize writes the DeepSeek layout: FP4 experts, FP8 linears, BF16/F32/I64 rest", () => {
  const ckpt = openCheckpoint(quantDir);
  try {
    const info = (n: string) => ckpt.info(n);
    const w1 = info("layers.1.ffn.experts.0.w1.weight");
    assert.equal(w1.dtype, "I8");
    assert.deepEqual(w1.shape, [cfg.moeIntermediateSize, cfg.hiddenSize / 2]);
    const s1 = info("layers.1.ffn.experts.0.w1.scale");
    assert.equal(s1.dtype, "F8_E8M0");
    assert.deepEqual(s1.shape, [cfg.moeIntermediateSize, cfg.hiddenSize / 32]);
    const wq = info("layers.0.attn.wq_a.weight");
    assert.equal(wq.dtype, "F8_E4M3");
    // [qLoraRank, hidden] = [32, 64] in 16 x 32 tiles.
    assert.deepEqual(info("layers.0.attn.wq_a.scale").shape, [2, 2]);
    assert.equal(info("layers.0.ffn.shared_experts.w2.scale").dtype, "F8_E8M0");
    assert.equal(info("layers.1.attn.indexer.wq_b.weight").dtype, "F8_E4M3");
    assert.equal(info("mtp.0.e_proj.weight").dtype, "F8_E4M3");
    assert.equal(info("embed.weight").dtype, "BF16");
    assert.equal(info("layers.0.ffn.gate.weight").dtype, "BF16");
    assert.equal(info("layers.1.attn.compressor.wkv.weight").dtype, "BF16");
    assert.equal(info("layers.0.hc_attn_fn").dtype, "F32");
    assert.equal(info("layers.1.attn.compressor.ape").dtype, "F32");
    assert.equal(info("layers.0.ffn.gate.tid2eid").dtype, "I64");
  } finally {
    ckpt.close();
  }
  const json = JSON.parse(readFileSync(join(quantDir, "config.json"), "utf8"));
  assert.deepEqual(json.quantization_config, {
    quant_method: "fp8",
    fmt: "e4m3",
    weight_block_size: [16, 32],
    scale_fmt: "ue8m0",
    activation_scheme: "dynamic",
  });
  assert.equal(json.expert_dtype, "fp4");
  assert.equal(readConfig(quantDir).quantization?.weightBlockSize[0], 16);
  assert.ok(report.bytesOut < report.bytesIn / 2);
});

test("quantize -> load packed -> forward equals forward with dequantised weights exactly", () => {
  const packed = loadWeights(quantDir, { keepPacked: true });
  const dense = loadWeights(quantDir, { keepPacked: false });
  // Every routed expert and FP8 projection stays packed, nothing else does.
  const names = new Set(parameterShapes(cfg).map((p) => p.name));
  for (const [name, w] of packed.packed) {
    assert.ok(names.has(name), name);
    assert.equal(packed.params.has(name), false, name);
    const experts = name.includes(".experts.");
    assert.equal(w.format, experts ? "mxfp4" : "fp8-block", name);
  }
  const experts = cfg.numRoutedExperts * 3 * (cfg.numLayers + cfg.numMtpLayers);
  const fp8PerBlock = 5 + 3; // attention projections + shared expert
  assert.equal(
    packed.packed.size,
    experts + fp8PerBlock * (cfg.numLayers + cfg.numMtpLayers) + 2 /* CSA indexers */ + 2,
  );
  assert.equal(dense.packed.size, 0);
  assert.equal(packed.params.size + packed.packed.size, dense.params.size);
  const ids = sampleIds(40);
  const a = noGrad(() =>
    forward(createModel(cfg, packed.params, packed.packed), ids, 2, 20, {
      mtpIds: ids,
    }),
  );
  const b = noGrad(() => forward(createModel(cfg, dense.params), ids, 2, 20, { mtpIds: ids }));
  assert.deepEqual(a.logits.toArray(), b.logits.toArray());
  assert.deepEqual(a.mtpLogits[0]!.toArray(), b.mtpLogits[0]!.toArray());
});

test("a packed model holds its weights at their packed size on the device", () => {
  const dev = defaultDevice();
  const before = dev.memory().liveBytes;
  const { params, packed } = loadWeights(quantDir, { keepPacked: true });
  const used = dev.memory().liveBytes - before;
  let packedBytes = 0;
  let logical = 0;
  for (const w of packed.values()) {
    assert.ok(w instanceof QuantizedWeight);
    // Bytes live in 4-byte words: at most 3 padding bytes per buffer.
    packedBytes += w.byteLength;
    logical += w.rows * w.cols * 4;
  }
  let dense = 0;
  for (const t of params.values()) dense += t.size * 4;
  assert.ok(used >= packedBytes + dense && used <= packedBytes + dense + 6 * packed.size);
  assert.ok(packedBytes < logical / 3.5, `${packedBytes} packed bytes for ${logical} f32 bytes`);
  for (const w of packed.values()) w.dispose();
  for (const t of params.values()) t.dispose();
});

test("createModel refuses a weight given both packed and dense", () => {
  const { params, packed } = loadWeights(quantDir, { keepPacked: true });
  const dense = loadWeights(quantDir, { keepPacked: false });
  const name = "layers.0.attn.wq_a.weight";
  params.set(name, dense.params.get(name)!);
  assert.throws(() => createModel(cfg, params, packed), /given both packed and as a tensor/);
});
