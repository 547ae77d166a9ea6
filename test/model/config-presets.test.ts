import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../src/model/config.ts";
import { countParameters } from "../../src/model/param-count.ts";
import { getPreset, PRESET_NAMES, withVocabSize } from "../../src/model/presets.ts";

describe("getPreset", () => {
  it("knows flash, pro, nano and tiny", () => {
    assert.deepEqual([...PRESET_NAMES], ["flash", "pro", "nano", "tiny"]);
    assert.equal(getPreset("flash").hiddenSize, 4096);
    assert.equal(getPreset("pro").hiddenSize, 7168);
    assert.equal(getPreset("flash"), getPreset("flash"));
  });

  it("rejects an unknown name and lists the known ones", () => {
    assert.throws(
      () => getPreset("large"),
      (err: unknown) =>
        err instanceof ConfigError &&
        /unknown preset "large"; known presets: flash, pro, nano, tiny/.test(err.message),
    );
  });

  it("nano has 0.5-2 M and tiny 5-20 M parameters (MTP included)", () => {
    const nano = countParameters(getPreset("nano")).total;
    const tiny = countParameters(getPreset("tiny")).total;
    assert.ok(nano >= 0.5e6 && nano <= 2e6, `nano ${nano}`);
    assert.ok(tiny >= 5e6 && tiny <= 20e6, `tiny ${tiny}`);
  });

  it("small presets switch every feature on", () => {
    for (const name of ["nano", "tiny"]) {
      const cfg = getPreset(name);
      assert.equal(cfg.hcMult, 4, name);
      assert.equal(cfg.hcSinkhornIters, 20, name);
      assert.equal(cfg.numMtpLayers, 1, name);
      assert.ok(cfg.numSharedExperts >= 1 && cfg.numRoutedExperts > cfg.numExpertsPerTok, name);
      assert.ok(cfg.numHashLayers >= 1, name);
      assert.ok(cfg.slidingWindow >= 16 && cfg.slidingWindow <= 32, name);
      assert.ok(cfg.compressRatios.includes(4) && cfg.compressRatios.includes(16), name);
      // A 64-token sequence already yields more CSA entries than the indexer keeps.
      assert.ok(cfg.indexTopk < 64 / 4, name);
      assert.notEqual(cfg.ropeScaling, null, name);
      assert.ok(Object.isFrozen(cfg), name);
    }
  });
});

describe("withVocabSize", () => {
  it("returns a frozen copy with the new vocabulary and a matching parameter count", () => {
    const nano = getPreset("nano");
    const cfg = withVocabSize(nano, 1000);
    assert.equal(cfg.vocabSize, 1000);
    assert.equal(nano.vocabSize, 256);
    assert.ok(Object.isFrozen(cfg));
    const grown = countParameters(cfg).mainTotal - countParameters(nano).mainTotal;
    assert.equal(grown, 2 * (1000 - 256) * nano.hiddenSize);
  });

  it("rejects sizes that are not positive integers or drop BOS/EOS", () => {
    const nano = getPreset("nano");
    assert.throws(
      () => withVocabSize(nano, 0),
      /withVocabSize\(0\): "vocab_size" must be a positive/,
    );
    assert.throws(() => withVocabSize(nano, 12.5), /"vocab_size" must be a positive integer/);
    assert.throws(
      () => withVocabSize(nano, 1),
      /"eos_token_id" \(1\) must be < "vocab_size" \(1\)/,
    );
  });
});
