import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { openCheckpoint, writeSafetensors } from "../../src/io/index.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-ckpt-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
function freshDir(): string {
  const d = path.join(root, `c${n++}`);
  fs.mkdirSync(d);
  return d;
}

const f32 = (...v: number[]) => new Float32Array(v);

function writeIndex(dir: string, weightMap: Record<string, unknown>): void {
  const index = { metadata: { total_size: 20 }, weight_map: weightMap };
  fs.writeFileSync(path.join(dir, "model.safetensors.index.json"), JSON.stringify(index));
}

function shardedDir(): string {
  const dir = freshDir();
  writeSafetensors(
    path.join(dir, "model-00001-of-00002.safetensors"),
    [
      { name: "embed.weight", dtype: "F32", shape: [2], data: f32(1, 2) },
      { name: "norm.weight", dtype: "F32", shape: [1], data: f32(3) },
    ],
    { format: "pt" },
  );
  writeSafetensors(path.join(dir, "model-00002-of-00002.safetensors"), [
    { name: "head.weight", dtype: "BF16", shape: [2], data: new Uint16Array([0x3f80, 0x4000]) },
    {
      name: "layers.0.ffn.gate.tid2eid",
      dtype: "I64",
      shape: [2],
      data: new BigInt64Array([4n, 5n]),
    },
  ]);
  writeIndex(dir, {
    "embed.weight": "model-00001-of-00002.safetensors",
    "head.weight": "model-00002-of-00002.safetensors",
    "layers.0.ffn.gate.tid2eid": "model-00002-of-00002.safetensors",
    "norm.weight": "model-00001-of-00002.safetensors",
  });
  return dir;
}

test("sharded checkpoint: the index routes every tensor to its shard", () => {
  const ckpt = openCheckpoint(shardedDir());
  try {
    assert.deepEqual(ckpt.names, [
      "embed.weight",
      "head.weight",
      "layers.0.ffn.gate.tid2eid",
      "norm.weight",
    ]);
    assert.equal(ckpt.shards.size, 2);
    assert.deepEqual(ckpt.indexMetadata, { total_size: 20 });
    assert.deepEqual(ckpt.metadata, { format: "pt" });
    assert.deepEqual([...ckpt.readFloat32("embed.weight")], [1, 2]);
    assert.deepEqual([...ckpt.readFloat32("norm.weight")], [3]);
    assert.deepEqual([...ckpt.readFloat32("head.weight")], [1, 2]);
    assert.deepEqual([...ckpt.readInt32("layers.0.ffn.gate.tid2eid")], [4, 5]);
    assert.equal(ckpt.info("head.weight").dtype, "BF16");
    assert.deepEqual([...ckpt.readRaw("head.weight")], [0x80, 0x3f, 0x00, 0x40]);
    assert.ok(ckpt.has("norm.weight") && !ckpt.has("missing"));
    assert.throws(() => ckpt.readRaw("missing"), /checkpoint has no tensor named "missing"/);
  } finally {
    ckpt.close();
  }
});

test("unsharded checkpoint: model.safetensors alone", () => {
  const dir = freshDir();
  writeSafetensors(path.join(dir, "model.safetensors"), [
    { name: "w", dtype: "F32", shape: [1, 2], data: f32(5, 6) },
  ]);
  const ckpt = openCheckpoint(dir);
  assert.deepEqual(ckpt.names, ["w"]);
  assert.deepEqual([...ckpt.readFloat32("w")], [5, 6]);
  ckpt.close();
});

test("broken checkpoints give specific errors", () => {
  const empty = freshDir();
  assert.throws(
    () => openCheckpoint(empty),
    /found neither model\.safetensors\.index\.json nor model\.safetensors/,
  );
  fs.writeFileSync(path.join(empty, "pytorch_model.bin"), "PK");
  assert.throws(() => openCheckpoint(empty), /PyTorch \.bin\/\.pt files/);
  assert.throws(() => openCheckpoint(path.join(root, "nope")), /is not a directory/);

  const missingTensor = shardedDir();
  writeIndex(missingTensor, { "ghost.weight": "model-00001-of-00002.safetensors" });
  assert.throws(
    () => openCheckpoint(missingTensor),
    /maps "ghost\.weight" to "model-00001-of-00002\.safetensors", but that shard has no such/,
  );
  const missingShard = shardedDir();
  writeIndex(missingShard, { "embed.weight": "model-00009.safetensors" });
  assert.throws(() => openCheckpoint(missingShard), /shard "model-00009\.safetensors".*not exist/);
  const outside = shardedDir();
  writeIndex(outside, { "embed.weight": "../x.safetensors" });
  assert.throws(() => openCheckpoint(outside), /must name a shard file inside the checkpoint/);
  const badJson = freshDir();
  fs.writeFileSync(path.join(badJson, "model.safetensors.index.json"), "{");
  assert.throws(() => openCheckpoint(badJson), /index is not valid JSON/);
  const noMap = freshDir();
  fs.writeFileSync(path.join(noMap, "model.safetensors.index.json"), "{}");
  assert.throws(() => openCheckpoint(noMap), /"weight_map" object/);
});
