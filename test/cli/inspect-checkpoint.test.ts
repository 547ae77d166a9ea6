import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runInspect } from "../../src/cli/inspect.ts";
import { openCheckpoint, type TensorToWrite, writeSafetensors } from "../../src/io/index.ts";
import { inspectCheckpoint } from "../../src/model/checkpoint-inspect.ts";
import { countParameters } from "../../src/model/param-count.ts";
import { quantizeCheckpoint } from "../../src/model/quantize-checkpoint.ts";
import { denseCheckpoint, tempDir } from "../model/quantized-fixture.ts";

const dense = denseCheckpoint(5);
const quantDir = join(tempDir("insp"), "q");
quantizeCheckpoint(dense.dir, quantDir);

function run(dir: string): { code: number; text: string } {
  let text = "";
  const code = runInspect([dir], (t) => {
    text += t;
  });
  return { code, text };
}

test("inspect DIR lists tensors by group with dtypes and bytes, validates a clean one", () => {
  const { code, text } = run(quantDir);
  assert.equal(code, 0, text);
  assert.match(text, /Validation against config\.json: OK/);
  assert.match(text, /routed-experts\s+240\s+[\d,]+\s+[\d.]+ [KM]B\s+I8 x120, F8_E8M0 x120/);
  assert.match(text, /layers\.\*\.ffn\.experts\.\*\.w1\.weight x32\s+I8\s+\[96, 32\]/);
  assert.match(text, /embed\.weight\s+BF16\s+\[64, 64\]\s+8\.19 KB/);
  const r = inspectCheckpoint(quantDir, dense.cfg);
  // Packed FP4 counts unpacked, scales not at all: the config's own count.
  assert.equal(r.parameters, countParameters(dense.cfg).total);
  assert.equal(r.expectedParameters, r.parameters);
  // The dense checkpoint validates too.
  assert.equal(run(dense.dir).code, 0);
});

test("inspect DIR names a missing, an unexpected and a mis-shaped tensor, and bad scales", () => {
  const dir = tempDir("insp-bad");
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(quantDir, "config.json"), join(dir, "config.json"));
  const src = openCheckpoint(quantDir);
  const tensors: TensorToWrite[] = [];
  for (const name of src.names) {
    const info = src.info(name);
    const data = src.readRaw(name);
    if (name === "layers.2.attn.wkv.weight") continue; // missing (its scale stays: unexpected)
    if (name === "layers.1.ffn.experts.5.w3.scale") continue; // a packed weight without scale
    if (name === "norm.weight") {
      tensors.push({ name, dtype: "BF16", shape: [32], data: data.slice(0, 64) }); // mis-shaped
      continue;
    }
    if (name === "layers.0.attn.wq_a.scale") {
      tensors.push({ name, dtype: "F8_E8M0", shape: [1, 2], data: Uint8Array.of(127, 127) });
      continue;
    }
    tensors.push({ name, dtype: info.dtype, shape: info.shape, data });
  }
  src.close();
  tensors.push({
    name: "layers.0.attn.extra",
    dtype: "F32",
    shape: [2],
    data: new Float32Array(2),
  });
  writeSafetensors(join(dir, "model.safetensors"), tensors);

  const { code, text } = run(dir);
  assert.equal(code, 1);
  assert.match(text, /Validation against config\.json: 6 problems/);
  assert.match(
    text,
    /missing \(2\):\n {4}layers\.1\.ffn\.experts\.5\.w3\.scale\n {4}layers\.2\.attn\.wkv\.weight/,
  );
  assert.match(
    text,
    /unexpected \(2\):\n {4}layers\.2\.attn\.wkv\.scale\n {4}layers\.0\.attn\.extra/,
  );
  assert.match(text, /mis-shaped \(2\):/);
  assert.match(text, /norm\.weight: \[32\], expected \[64\]/);
  assert.match(text, /layers\.0\.attn\.wq_a\.scale: \[1, 2\], expected \[1, 1\]/);
});

test("inspect refuses a directory without config.json and mixed arguments", () => {
  assert.throws(() => runInspect([tempDir("empty")]), /config\.json not found/);
  assert.throws(() => runInspect([quantDir, "--preset", "nano"]), /give exactly one of/);
  assert.throws(() => runInspect(["/nonexistent/dir"]), /is not a directory/);
});
