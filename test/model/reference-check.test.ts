// Conformance with DeepSeek's own inference code on fixture A (tiny random V4 model): prefill,
// decode, prefill-then-decode across open compression windows, MTP, hidden streams and the
// indexer's selected sets must all agree. A perturbed copy of the weights must fail.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openSafetensors, writeSafetensors } from "../../src/io/index.ts";
import { referenceCheck } from "../../src/model/reference-check.ts";

const FIXTURE = new URL("../fixtures/v4-tiny-a", import.meta.url).pathname;

test("fixture A: every expected tensor agrees with the reference", () => {
  const report = referenceCheck(FIXTURE);
  assert.deepEqual(report.unchecked, []);
  const names = report.rows.map((r) => r.name);
  for (const n of ["logits_prefill", "logits_decode", "logits_mixed_2", "mtp_logits_prefill"]) {
    assert.ok(names.includes(n), `${n} was checked`);
  }
  assert.ok(
    names.includes("prefill_csa_topk_layer_1") && names.includes("prefill_csa_topk_layer_3"),
  );
  for (const row of report.rows) {
    assert.ok(row.pass, `${row.name}: ${row.value} (tolerance ${row.tolerance})`);
    if (row.kind === "values") assert.ok(row.value < 2e-5, `${row.name} is at fp32 noise level`);
  }
  assert.equal(report.pass, true);
});

test("fixture A with the attention sinks of layer 2 shifted fails the check", () => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-refcheck-"));
  try {
    for (const f of ["config.json", "expected.safetensors"])
      copyFileSync(join(FIXTURE, f), join(dir, f));
    const src = openSafetensors(join(FIXTURE, "model.safetensors"));
    const tensors = src.names.map((name) => {
      const { dtype, shape } = src.info(name);
      const data = src.readRaw(name).slice();
      if (name === "layers.2.attn.attn_sink") {
        const f32 = new Float32Array(data.buffer);
        for (let i = 0; i < f32.length; i++) f32[i]! += 1;
      }
      return { name, dtype, shape, data };
    });
    src.close();
    writeSafetensors(join(dir, "model.safetensors"), tensors);
    const report = referenceCheck(dir);
    assert.equal(report.pass, false);
    assert.ok(report.rows.find((r) => r.name === "logits_prefill")!.value > 1e-3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
