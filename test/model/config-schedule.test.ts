import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseConfig } from "../../src/model/config-parse.ts";
import { getPreset } from "../../src/model/presets.ts";
import { attentionKindOf, layerSchedule } from "../../src/model/schedule.ts";

describe("attentionKindOf", () => {
  it("maps 0 to sliding, 4 to CSA and every other ratio to HCA", () => {
    assert.equal(attentionKindOf(0), "sliding");
    assert.equal(attentionKindOf(4), "csa");
    assert.equal(attentionKindOf(128), "hca");
    assert.equal(attentionKindOf(16), "hca");
    assert.equal(attentionKindOf(2), "hca");
  });
});

describe("layerSchedule", () => {
  it("Flash: layers 0-1 sliding, even CSA from 2, odd HCA from 3, MTP sliding", () => {
    const { layers, mtp } = layerSchedule(getPreset("flash"));
    assert.equal(layers.length, 43);
    for (const p of layers) {
      const want = p.index < 2 ? "sliding" : p.index % 2 === 0 ? "csa" : "hca";
      assert.equal(p.attention, want, `layer ${p.index}`);
      assert.equal(p.ratio, { sliding: 0, csa: 4, hca: 128 }[want]);
      assert.equal(p.routing, p.index < 3 ? "hash" : "topk");
      assert.equal(p.ropeBase, want === "sliding" ? 10000 : 160000);
      assert.equal(p.yarn, want !== "sliding");
      assert.equal(p.prefix, `layers.${p.index}`);
    }
    assert.equal(layers.filter((p) => p.attention === "csa").length, 21);
    assert.equal(layers.filter((p) => p.attention === "hca").length, 20);
    assert.deepEqual(mtp, [
      {
        index: 0,
        prefix: "mtp.0",
        attention: "sliding",
        ratio: 0,
        routing: "topk",
        ropeBase: 10000,
        yarn: false,
      },
    ]);
  });

  it("Pro: layers 0-1 HCA, then CSA on even and HCA on odd layers, MTP sliding", () => {
    const { layers, mtp } = layerSchedule(getPreset("pro"));
    assert.equal(layers.length, 61);
    assert.equal(layers[0]?.attention, "hca");
    assert.equal(layers[1]?.attention, "hca");
    assert.equal(layers[2]?.attention, "csa");
    for (const p of layers.slice(2)) {
      assert.equal(p.attention, p.index % 2 === 0 ? "csa" : "hca", `layer ${p.index}`);
    }
    assert.equal(layers.filter((p) => p.attention === "csa").length, 30);
    assert.equal(layers.filter((p) => p.attention === "hca").length, 31);
    assert.equal(layers[0]?.yarn, true);
    assert.equal(layers[0]?.ropeBase, 160000);
    assert.deepEqual(layers.map((p) => p.routing).slice(0, 4), ["hash", "hash", "hash", "topk"]);
    assert.equal(mtp.length, 1);
    assert.equal(mtp[0]?.attention, "sliding");
    assert.equal(mtp[0]?.routing, "topk");
  });

  it("fixture: the table of its README §4", () => {
    const json: unknown = JSON.parse(
      readFileSync("/work/shared/fixtures/v4-tiny-a/config.json", "utf8"),
    );
    const { layers, mtp } = layerSchedule(parseConfig(json));
    const rows = [...layers, ...mtp].map(
      (p) => `${p.prefix} ${p.attention} ${p.ratio} ${p.routing}`,
    );
    assert.deepEqual(rows, [
      "layers.0 sliding 0 hash",
      "layers.1 csa 4 hash",
      "layers.2 hca 128 topk",
      "layers.3 csa 4 topk",
      "layers.4 hca 128 topk",
      "mtp.0 sliding 0 topk",
    ]);
  });

  it("no YaRN anywhere when rope_scaling is absent", () => {
    const cfg = { ...getPreset("nano"), ropeScaling: null };
    const { layers } = layerSchedule(cfg);
    assert.ok(layers.every((p) => !p.yarn));
    assert.equal(layers[1]?.ropeBase, 160000);
  });

  it("small presets have sliding, CSA and HCA layers, hash routing first and one MTP block", () => {
    for (const name of ["nano", "tiny"]) {
      const { layers, mtp } = layerSchedule(getPreset(name));
      const kinds = new Set(layers.map((p) => p.attention));
      assert.deepEqual([...kinds].sort(), ["csa", "hca", "sliding"], name);
      assert.equal(layers[0]?.routing, "hash", name);
      assert.equal(layers.at(-1)?.routing, "topk", name);
      assert.equal(mtp.length, 1, name);
    }
  });
});
