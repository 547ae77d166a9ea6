import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInspect } from "../../src/cli/inspect.ts";
import { formatInspect, withThousands } from "../../src/model/inspect.ts";
import { getPreset } from "../../src/model/presets.ts";

describe("withThousands", () => {
  it("groups digits by three", () => {
    assert.equal(withThousands(0), "0");
    assert.equal(withThousands(999), "999");
    assert.equal(withThousands(1000), "1,000");
    assert.equal(withThousands(284332240471), "284,332,240,471");
    assert.equal(withThousands(1234.5), "1,234.5");
  });
});

describe("formatInspect", () => {
  const text = formatInspect(getPreset("flash"));
  const lines = text.split("\n");

  it("summarises the config", () => {
    assert.match(text, /width 4096, 43 layers \+ 1 MTP block, vocab 129,280/);
    assert.match(text, /64 heads x 512 \(RoPE on last 64\)/);
    assert.match(text, /YaRN x16 from 65,536/);
    assert.match(text, /256 routed \+ 1 shared experts, 6 per token, d_ff 2048/);
    assert.match(text, /3 hash layers/);
    assert.match(text, /eps 1e-6/);
  });

  it("prints one schedule line per layer and MTP block", () => {
    const rows = lines.filter((l) => /^ {2}(layers|mtp)\.\d+ /.test(l));
    assert.equal(rows.length, 44);
    assert.match(rows[0] ?? "", /^ {2}layers\.0 +sliding +0 +10,000 +hash$/);
    assert.match(rows[2] ?? "", /^ {2}layers\.2 +csa +4 +160,000 \+ yarn +hash$/);
    assert.match(rows[3] ?? "", /^ {2}layers\.3 +hca +128 +160,000 \+ yarn +topk$/);
    assert.match(rows[43] ?? "", /^ {2}mtp\.0 +sliding +0 +10,000 +topk$/);
  });

  it("prints counts per group with separators, MTP in its own column", () => {
    assert.ok(lines.some((l) => /^ {2}total +284,332,240,471 +6,610,048,891$/.test(l)));
    assert.ok(lines.some((l) => /^ {2}embedding +529,530,880 +0$/.test(l)));
    assert.ok(lines.some((l) => /^ {2}mtp-proj +0 +33,554,432$/.test(l)));
    assert.ok(lines.some((l) => /^ {2}main \+ MTP +290,942,289,362$/.test(l)));
  });
});

describe("runInspect", () => {
  it("reports a config file", () => {
    let out = "";
    runInspect(["--config", "/work/shared/fixtures/v4-tiny-a/config.json"], (t) => {
      out += t;
    });
    assert.match(out, /width 64, 5 layers \+ 1 MTP block, vocab 384/);
    assert.match(out, /layers\.4 +hca +128/);
  });

  it("reports a preset", () => {
    let out = "";
    runInspect(["--preset=nano"], (t) => {
      out += t;
    });
    assert.match(out, /preset nano/);
  });

  it("rejects bad arguments and unreadable files", () => {
    assert.throws(() => runInspect([]), /give exactly one of --config and --preset/);
    assert.throws(() => runInspect(["--config"]), /--config needs a value/);
    assert.throws(() => runInspect(["--verbose"]), /unknown argument "--verbose"/);
    assert.throws(() => runInspect(["--config", "/nonexistent/c.json"]), /cannot read/);
    assert.throws(() => runInspect(["--preset", "huge"]), /unknown preset "huge"/);
  });
});
