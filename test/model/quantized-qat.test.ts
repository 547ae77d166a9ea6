import assert from "node:assert/strict";
import { test } from "node:test";
import { initParams } from "../../src/model/init.ts";
import { createModel, forward } from "../../src/model/model.ts";
import { packWeights } from "../../src/model/pack-weights.ts";
import type { Params } from "../../src/model/params.ts";
import { storageRole } from "../../src/model/precision.ts";
import { dequantizeMxfp4, quantizeMxfp4 } from "../../src/quant/index.ts";
import { noGrad, tensor } from "../../src/tensor/index.ts";
import { nanoConfig, sampleIds } from "./quantized-fixture.ts";

const cfg = nanoConfig();
const params = initParams(cfg, 11);
const ids = sampleIds(32);

// The same weights with every routed expert replaced by its MXFP4 quantize-dequantize.
function fakeQuantisedExperts(p: Params): Params {
  const out: Params = new Map();
  for (const [name, t] of p) {
    if (storageRole(name) !== "routed-expert") {
      out.set(name, t);
      continue;
    }
    const [rows, cols] = t.shape as [number, number];
    const q = dequantizeMxfp4(quantizeMxfp4(Float32Array.from(t.toArray()), rows, cols));
    out.set(name, tensor(q, t.shape));
  }
  return out;
}

test("QAT experts forward = forward with MXFP4-dequantised experts = packed MXFP4 experts", () => {
  const qat = noGrad(() =>
    forward(createModel(cfg, params), ids, 2, 16, { qat: { experts: true, indexer: false } }),
  );
  const fq = noGrad(() => forward(createModel(cfg, fakeQuantisedExperts(params)), ids, 2, 16));
  const { params: dense, packed } = packWeights(params);
  assert.equal(packed.size, cfg.numRoutedExperts * 3 * (cfg.numLayers + cfg.numMtpLayers));
  const real = noGrad(() => forward(createModel(cfg, dense, packed), ids, 2, 16));
  const plain = noGrad(() => forward(createModel(cfg, params), ids, 2, 16));
  assert.deepEqual(qat.logits.toArray(), fq.logits.toArray());
  assert.deepEqual(real.logits.toArray(), fq.logits.toArray());
  // The quantisation is visible: full precision differs.
  assert.notDeepEqual(plain.logits.toArray(), qat.logits.toArray());
});

test("under QAT the expert and indexer masters receive straight-through gradients", () => {
  const model = createModel(cfg, params);
  const out = forward(model, ids, 2, 16, {
    qat: { experts: true, indexer: true },
    trainIndexer: true,
  });
  out.logits.square().mean().add(out.indexerLoss!).backward();
  const grad = (name: string) => params.get(name)!.grad;
  // Some routed expert of layer 1 received tokens, so its master has a gradient.
  const experts = Array.from({ length: cfg.numRoutedExperts }, (_, e) =>
    grad(`layers.1.ffn.experts.${e}.w1.weight`),
  );
  assert.ok(experts.some((g) => g?.toArray().some((v) => v !== 0)));
  const wq = grad("layers.1.attn.indexer.wq_b.weight");
  assert.ok(wq?.toArray().some((v) => v !== 0 && Number.isFinite(v)));
  for (const t of params.values()) t.grad = null;
});

test("the indexer's FP4 path perturbs its scores slightly, not wholesale", () => {
  const model = createModel(cfg, params);
  const plain = noGrad(() => forward(model, ids, 2, 16, { trainIndexer: true }));
  const fp4 = noGrad(() =>
    forward(model, ids, 2, 16, { trainIndexer: true, qat: { experts: false, indexer: true } }),
  );
  const a = plain.indexerLoss!.item();
  const b = fp4.indexerLoss!.item();
  // FP4 with 1 x 32 blocks perturbs the scores a little, not wholesale.
  assert.notEqual(a, b);
  assert.ok(Math.abs(a - b) < 0.25 * Math.abs(a), `${a} vs ${b}`);
});
