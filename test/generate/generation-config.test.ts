import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseGenerationConfig, readGenerationConfig } from "../../src/model/generation-config.ts";
import { tempDir } from "./fixture.ts";

describe("generation_config.json", () => {
  it("reads the sampling defaults and special ids", () => {
    const json = {
      temperature: 0.6,
      top_p: 0.95,
      top_k: 40,
      do_sample: true,
      bos_token_id: 0,
      eos_token_id: [1, 7],
      transformers_version: "4.46.0",
    };
    assert.deepEqual(parseGenerationConfig(json, "g.json"), {
      temperature: 0.6,
      topP: 0.95,
      topK: 40,
      doSample: true,
      bosTokenId: 0,
      eosTokenIds: [1, 7],
    });
    assert.deepEqual(parseGenerationConfig({ eos_token_id: 2, top_k: null }, "g.json"), {
      eosTokenIds: [2],
    });
  });

  it("names the file and the field when a value has the wrong type", () => {
    const bad: Array<[unknown, RegExp]> = [
      [[], /g\.json: expected a JSON object/],
      [{ temperature: "hot" }, /g\.json: "temperature" must be a number, got "hot"/],
      [{ top_k: 2.5 }, /"top_k" must be a non-negative integer, got 2\.5/],
      [{ do_sample: "yes" }, /"do_sample" must be a boolean/],
      [{ eos_token_id: [1, -2] }, /"eos_token_id" must be an id or a list of ids/],
      [{ bos_token_id: "0" }, /"bos_token_id" must be a non-negative integer/],
    ];
    for (const [json, message] of bad) {
      assert.throws(() => parseGenerationConfig(json, "g.json"), { name: "ModelError", message });
    }
  });

  it("is optional in a directory, but must be JSON when present", () => {
    const dir = tempDir();
    assert.equal(readGenerationConfig(dir), null);
    writeFileSync(join(dir, "generation_config.json"), "{ temperature: 1 }");
    assert.throws(() => readGenerationConfig(dir), /generation_config\.json is not valid JSON/);
    writeFileSync(join(dir, "generation_config.json"), '{ "top_p": 0.5 }');
    assert.deepEqual(readGenerationConfig(dir), { topP: 0.5 });
  });
});
