import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Tensor, tensor, zeros } from "../../src/tensor/index.ts";
import { splitParamGroups } from "../../src/train/optim/index.ts";

// A miniature V4 parameter set (official names, shapes scaled down).
function v4Like(): Map<string, Tensor> {
  const p = (shape: number[]) => zeros(shape).requireGrad();
  return new Map<string, Tensor>([
    ["embed.weight", p([50, 8])],
    ["layers.0.attn_norm.weight", p([8])],
    ["layers.0.hc_attn_fn", p([24, 32])],
    ["layers.0.hc_attn_base", p([24])],
    ["layers.0.hc_attn_scale", p([3])],
    ["layers.0.attn.wq_a.weight", p([6, 8])],
    ["layers.0.attn.q_norm.weight", p([6])],
    ["layers.0.attn.attn_sink", p([2])],
    ["layers.0.attn.compressor.wkv.weight", p([4, 8])],
    ["layers.0.attn.compressor.ape", p([4, 4])],
    ["layers.0.attn.compressor.norm.weight", p([4])],
    ["layers.0.ffn.gate.weight", p([4, 8])],
    ["layers.0.ffn.gate.bias", p([4])],
    ["layers.0.ffn.gate.tid2eid", tensor(new Int32Array(6), [3, 2])],
    ["layers.0.ffn.experts.3.w1.weight", p([5, 8])],
    ["layers.0.ffn.shared_experts.w2.weight", p([8, 5])],
    ["norm.weight", p([8])],
    ["head.weight", p([50, 8])],
    ["hc_head_fn", p([4, 32])],
    ["hc_head_base", p([4])],
    ["hc_head_scale", p([1])],
    ["mtp.0.e_proj.weight", p([8, 8])],
    ["mtp.0.enorm.weight", p([8])],
    ["frozen.weight", zeros([3, 3])],
  ]);
}

describe("splitParamGroups", () => {
  it("sends V4's matrices to Muon and the paper's exceptions to AdamW", () => {
    const g = splitParamGroups(v4Like());
    assert.deepEqual(
      [...g.muon.keys()],
      [
        "layers.0.hc_attn_fn",
        "layers.0.attn.wq_a.weight",
        "layers.0.attn.compressor.wkv.weight",
        "layers.0.ffn.gate.weight",
        "layers.0.ffn.experts.3.w1.weight",
        "layers.0.ffn.shared_experts.w2.weight",
        "hc_head_fn",
        "mtp.0.e_proj.weight",
      ],
    );
    assert.deepEqual(
      [...g.adamw.keys()],
      [
        "embed.weight",
        "layers.0.attn_norm.weight",
        "layers.0.hc_attn_base",
        "layers.0.hc_attn_scale",
        "layers.0.attn.q_norm.weight",
        "layers.0.attn.attn_sink",
        "layers.0.attn.compressor.ape",
        "layers.0.attn.compressor.norm.weight",
        "norm.weight",
        "head.weight",
        "hc_head_base",
        "hc_head_scale",
        "mtp.0.enorm.weight",
      ],
    );
    assert.deepEqual(
      [...g.excluded],
      [
        ["layers.0.ffn.gate.bias", "routing balance bias, updated by the load rule"],
        ["layers.0.ffn.gate.tid2eid", "not floating point (i32)"],
        ["frozen.weight", "does not require grad"],
      ],
    );
  });

  it("keeps the same tensors (no copies)", () => {
    const named = v4Like();
    const g = splitParamGroups(named);
    assert.equal(g.muon.get("hc_head_fn"), named.get("hc_head_fn"));
  });

  it("recognises prefixed names", () => {
    const p = (shape: number[]) => zeros(shape).requireGrad();
    const g = splitParamGroups(
      new Map([
        ["model.embed.weight", p([4, 4])],
        ["model.head.weight", p([4, 4])],
        ["model.layers.0.ffn.gate.bias", p([4])],
        ["model.wgate.weight", p([4, 4])],
      ]),
    );
    assert.deepEqual([...g.adamw.keys()], ["model.embed.weight", "model.head.weight"]);
    assert.deepEqual([...g.muon.keys()], ["model.wgate.weight"]);
    assert.deepEqual([...g.excluded.keys()], ["model.layers.0.ffn.gate.bias"]);
  });

  it('optimizer: "adamw" puts every trained parameter in AdamW', () => {
    const g = splitParamGroups(v4Like(), { optimizer: "adamw" });
    assert.equal(g.muon.size, 0);
    assert.equal(g.adamw.size, 21);
    assert.equal(g.excluded.size, 3);
  });

  it("rejects an unknown optimizer name", () => {
    const fromConfig: string = "sgd";
    assert.throws(
      () => splitParamGroups(new Map(), { optimizer: fromConfig as "adamw" }),
      /optimizer must be "muon" or "adamw", got "sgd"/,
    );
  });
});
