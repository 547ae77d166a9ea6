import assert from "node:assert/strict";
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { describe, it } from "node:test";
import { parseConfig } from "../../src/model/config-parse.ts";
import { countParameters, numel } from "../../src/model/param-count.ts";
import { PARAM_GROUPS, parameterShapes } from "../../src/model/param-shapes.ts";
import { getPreset } from "../../src/model/presets.ts";

const FIXTURE = "/work/shared/fixtures/v4-tiny-a";

// Header of a safetensors file: 8-byte little-endian length, then that many bytes of JSON.
function readSafetensorsHeader(path: string): Map<string, { dtype: string; shape: number[] }> {
  const fd = openSync(path, "r");
  try {
    const len = Buffer.alloc(8);
    readSync(fd, len, 0, 8, 0);
    const n = Number(len.readBigUInt64LE(0));
    const json = Buffer.alloc(n);
    readSync(fd, json, 0, n, 8);
    const header = JSON.parse(json.toString("utf8")) as Record<string, unknown>;
    const out = new Map<string, { dtype: string; shape: number[] }>();
    for (const [name, info] of Object.entries(header)) {
      if (name === "__metadata__") continue;
      out.set(name, info as { dtype: string; shape: number[] });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

describe("countParameters: released models (spec §1.3)", () => {
  it("Flash: 284,332,240,471 + 6,610,048,891 MTP", () => {
    const c = countParameters(getPreset("flash"));
    assert.equal(c.mainTotal, 284_332_240_471);
    assert.equal(c.mtpTotal, 6_610_048_891);
    assert.equal(c.total, 284_332_240_471 + 6_610_048_891);
  });

  it("Pro: 1,572,997,201,763 + 25,840,145,979 MTP", () => {
    const c = countParameters(getPreset("pro"));
    assert.equal(c.mainTotal, 1_572_997_201_763);
    assert.equal(c.mtpTotal, 25_840_145_979);
  });

  it("activated per token is about 13.8 B (Flash) and 49.8 B (Pro)", () => {
    const flash = countParameters(getPreset("flash"));
    const pro = countParameters(getPreset("pro"));
    // All but (E - k) routed experts per layer: exact value from the shapes.
    const flashIdle = 43 * (256 - 6) * 3 * 2048 * 4096;
    assert.equal(flash.activatedMain, flash.mainTotal - flashIdle);
    assert.ok(Math.abs(flash.activatedMain - 13.8e9) < 0.05e9, `${flash.activatedMain}`);
    assert.ok(Math.abs(pro.activatedMain - 49.8e9) < 0.05e9, `${pro.activatedMain}`);
  });

  it("groups hold the spec §10.1 tensors of Flash", () => {
    const c = countParameters(getPreset("flash"));
    const d = 4096;
    assert.equal(c.main.embedding, 129280 * d);
    assert.equal(c.main.head, 129280 * d);
    assert.equal(c.main["routed-experts"], 43 * 256 * 3 * 2048 * d);
    assert.equal(c.main["shared-experts"], 43 * 3 * 2048 * d);
    // 3 hash layers have no gate.bias.
    assert.equal(c.main.router, 43 * 256 * d + 40 * 256);
    assert.equal(c.main.norms, 43 * 2 * d + d);
    assert.equal(c.mtp["mtp-proj"], 2 * d * d);
    assert.equal(c.mtp.embedding, 0);
    // HCA compressor: wkv + wgate [512, d], ape [128, 512], norm [512], 20 layers.
    // CSA compressor: wkv + wgate [1024, d], ape [4, 1024], norm [512], 21 layers.
    const hca = 2 * 512 * d + 128 * 512 + 512;
    const csa = 2 * 1024 * d + 4 * 1024 + 512;
    assert.equal(c.main.compressor, 20 * hca + 21 * csa);
  });
});

describe("parameterShapes", () => {
  it("sums to countParameters and counts no tid2eid", () => {
    for (const name of ["nano", "tiny", "flash"]) {
      const cfg = getPreset(name);
      const shapes = parameterShapes(cfg);
      const floats = shapes.filter((p) => p.float).reduce((n, p) => n + numel(p.shape), 0);
      assert.equal(floats, countParameters(cfg).total, name);
      const tables = shapes.filter((p) => !p.float);
      assert.equal(tables.length, cfg.numHashLayers, name);
      assert.ok(
        tables.every((p) => p.name.endsWith(".ffn.gate.tid2eid")),
        name,
      );
      assert.equal(new Set(shapes.map((p) => p.name)).size, shapes.length, `${name} unique names`);
      assert.ok(
        shapes.every((p) => PARAM_GROUPS.includes(p.group)),
        name,
      );
    }
  });

  it("uses the official Flash names and shapes", () => {
    const byName = new Map(parameterShapes(getPreset("flash")).map((p) => [p.name, p]));
    const shape = (name: string): readonly number[] | undefined => byName.get(name)?.shape;
    assert.deepEqual(shape("embed.weight"), [129280, 4096]);
    assert.deepEqual(shape("hc_head_fn"), [4, 16384]);
    assert.deepEqual(shape("layers.0.hc_attn_fn"), [24, 16384]);
    assert.deepEqual(shape("layers.0.hc_ffn_scale"), [3]);
    assert.deepEqual(shape("layers.2.attn.wq_b.weight"), [32768, 1024]);
    assert.deepEqual(shape("layers.2.attn.wo_a.weight"), [8192, 4096]);
    assert.deepEqual(shape("layers.2.attn.wo_b.weight"), [4096, 8192]);
    assert.deepEqual(shape("layers.2.attn.compressor.ape"), [4, 1024]);
    assert.deepEqual(shape("layers.3.attn.compressor.ape"), [128, 512]);
    assert.deepEqual(shape("layers.2.attn.indexer.wq_b.weight"), [8192, 1024]);
    assert.deepEqual(shape("layers.2.attn.indexer.compressor.wkv.weight"), [256, 4096]);
    assert.deepEqual(shape("layers.2.attn.indexer.compressor.norm.weight"), [128]);
    assert.deepEqual(shape("layers.2.ffn.gate.tid2eid"), [129280, 6]);
    assert.deepEqual(shape("layers.3.ffn.gate.bias"), [256]);
    assert.deepEqual(shape("layers.3.ffn.experts.255.w2.weight"), [4096, 2048]);
    assert.deepEqual(shape("layers.3.ffn.shared_experts.w1.weight"), [2048, 4096]);
    assert.deepEqual(shape("mtp.0.e_proj.weight"), [4096, 4096]);
    assert.deepEqual(shape("mtp.0.hc_head_base"), [4]);
    assert.deepEqual(shape("mtp.0.ffn.gate.bias"), [256]);
    assert.equal(byName.has("layers.0.attn.compressor.wkv.weight"), false);
    assert.equal(byName.has("layers.3.attn.indexer.wq_b.weight"), false);
    assert.equal(byName.has("layers.2.ffn.gate.bias"), false);
    assert.equal(byName.has("layers.43.attn_norm.weight"), false);
    assert.equal(byName.has("mtp.0.embed.weight"), false);
    assert.equal(byName.get("mtp.0.attn.wq_a.weight")?.block, "mtp");
  });

  it("omits head.weight for tied embeddings", () => {
    const cfg = { ...getPreset("nano"), tieWordEmbeddings: true };
    assert.equal(
      parameterShapes(cfg).some((p) => p.name === "head.weight"),
      false,
    );
  });

  it("matches the names, shapes and dtypes of the fixture's model.safetensors exactly", () => {
    const cfg = parseConfig(JSON.parse(readFileSync(`${FIXTURE}/config.json`, "utf8")));
    const header = readSafetensorsHeader(`${FIXTURE}/model.safetensors`);
    const shapes = parameterShapes(cfg);
    assert.deepEqual(shapes.map((p) => p.name).sort(), [...header.keys()].sort(), "tensor names");
    for (const p of shapes) {
      const t = header.get(p.name);
      assert.deepEqual(p.shape, t?.shape, p.name);
      assert.equal(t?.dtype, p.float ? "F32" : "I64", p.name);
    }
    assert.equal(header.size, 312);
  });
});
