/**
 * A whole training step (forward, loss, backward) and a whole decode step (prefill, then one
 * token) of the nano model on the fast CPU device and on the WebGPU device, against the
 * reference CPU device from the same seed. Tolerances: the loss to 1e-4 relative; each
 * parameter's gradient to 2e-3 of that gradient's largest magnitude (f32 sums in other orders,
 * and WGSL's exp/log, move low bits that the backward amplifies through softmax and the mHC
 * Sinkhorn iterations); decode logits to 1e-4 of the largest logit, as the decode-consistency
 * invariant asks of the reference itself. Shapes are small: lavapipe runs about 1 GFLOP/s.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Device } from "../../src/backend/index.ts";
import { ReferenceCpuDevice, TILE_KERNELS } from "../../src/backend/select.ts";
import { disposeCache } from "../../src/model/cache.ts";
import { initParams } from "../../src/model/init.ts";
import { createCache, createModel, decodeStep, prefill } from "../../src/model/model.ts";
import { getPreset, withVocabSize } from "../../src/model/presets.ts";
import { trainingLoss } from "../../src/model/training-loss.ts";
import { Rng, setDefaultDevice, tidy } from "../../src/tensor/index.ts";
import {
  closeTestDevices,
  gpuTest,
  prepareWasmKernels,
  testFastCpu,
  useTileKernels,
} from "../helpers/devices.ts";

await prepareWasmKernels();
useTileKernels(TILE_KERNELS);
after(closeTestDevices);

const VOCAB = 53;
const cfg = withVocabSize(getPreset("nano"), VOCAB);
const SEQ = 20;
const rng = new Rng(11);
const tokens = Int32Array.from({ length: SEQ + 2 }, () => rng.int(VOCAB));

interface StepResult {
  loss: number;
  grads: Map<string, Float32Array>;
  logits: Float32Array;
}

/** One training step and one decode step on `device`, everything read back to the host. */
function stepOn(device: Device): StepResult {
  const previous = setDefaultDevice(device);
  try {
    const params = initParams(cfg, 7);
    const model = createModel(cfg, params);
    const grads = new Map<string, Float32Array>();
    let loss = 0;
    tidy(() => {
      const parts = trainingLoss(model, {
        batch: 1,
        seq: SEQ,
        inputs: tokens.slice(0, SEQ),
        targets: tokens.slice(1, SEQ + 1),
        mtpTargets: tokens.slice(2, SEQ + 2),
      });
      parts.total.backward();
      loss = parts.total.item();
    });
    for (const [name, p] of params) {
      if (p.grad) grads.set(name, Float32Array.from(p.grad.toArray()));
    }
    const cache = createCache(model, 1);
    const logits = tidy(() => {
      prefill(model, tokens.slice(0, 9), 1, 9, cache);
      return Float32Array.from(decodeStep(model, cache, tokens.slice(9, 10)).logits.toArray());
    });
    disposeCache(cache);
    for (const p of params.values()) {
      p.grad?.dispose();
      p.dispose();
    }
    return { loss, grads, logits };
  } finally {
    setDefaultDevice(previous);
  }
}

let expected: StepResult | undefined;
function reference(): StepResult {
  expected ??= stepOn(new ReferenceCpuDevice());
  return expected;
}

function maxAbs(a: Float32Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

/** Checks `got` against the reference step, naming the worst parameter on failure. */
function agree(got: StepResult): void {
  const want = reference();
  assert.ok(Number.isFinite(got.loss), `loss is ${got.loss}`);
  assert.ok(
    Math.abs(got.loss - want.loss) <= 1e-4 * Math.abs(want.loss),
    `loss ${got.loss} vs reference ${want.loss}`,
  );
  assert.deepEqual([...got.grads.keys()].sort(), [...want.grads.keys()].sort());
  for (const [name, w] of want.grads) {
    const g = got.grads.get(name)!;
    const scale = Math.max(maxAbs(w), 1e-6);
    let worst = 0;
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(g[i]! - w[i]!));
    assert.ok(worst <= 2e-3 * scale, `grad of ${name}: max error ${worst} vs scale ${scale}`);
  }
  const scale = maxAbs(want.logits);
  let worst = 0;
  for (let i = 0; i < want.logits.length; i++) {
    worst = Math.max(worst, Math.abs(got.logits[i]! - want.logits[i]!));
  }
  assert.ok(worst <= 1e-4 * scale, `decode logits: max error ${worst} vs scale ${scale}`);
}

describe("the nano model on every device", () => {
  test("fast cpu: a training step and a decode step agree with the reference", () => {
    agree(stepOn(testFastCpu()));
  });

  gpuTest(
    "a training step and a decode step agree with the reference",
    (gpu) => {
      const before = gpu.memory().liveBuffers;
      agree(stepOn(gpu));
      assert.equal(gpu.memory().liveBuffers, before, "every tensor of the step was released");
    },
    { timeout: 600_000 },
  );
});
