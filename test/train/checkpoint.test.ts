// Checkpoint directories: a save/load round trip keeps every tensor and the configuration,
// the tokenizer file loads with the Hugging Face library, hash tables are stored as I64, and
// damaged or missing files are refused with messages that name them.
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openSafetensors } from "../../src/io/index.ts";
import { readConfig } from "../../src/model/load.ts";
import {
  loadTokenizer,
  loadTrainingCheckpoint,
  newTrainer,
  resumeTrainer,
  type Trainer,
} from "../../src/train/index.ts";
import { microConfig, tempDir, writeCorpus } from "./micro.ts";

const tmp = tempDir();
let trainer: Trainer;
const dir = join(tmp.dir, "ckpt");

before(async () => {
  trainer = await newTrainer({
    data: writeCorpus(tmp.dir),
    tokenizer: "char",
    model: { config: microConfig(), label: "micro" },
    budget: { kind: "steps", steps: 10 },
    settings: { batch: 2, seq: 8, optimizer: "muon" },
  });
  trainer.trainStep();
  trainer.trainStep();
  trainer.save(dir);
});
after(() => {
  trainer.dispose();
  tmp.cleanup();
});

/** A copy of the checkpoint directory to damage. */
function copy(name: string): string {
  const target = join(tmp.dir, name);
  cpSync(dir, target, { recursive: true });
  return target;
}

test("save then load gives identical tensors, config and optimizer state", () => {
  const loaded = loadTrainingCheckpoint(dir);
  assert.deepEqual(loaded.cfg, trainer.cfg);
  assert.equal(loaded.params.size, trainer.model.params.size);
  for (const [name, t] of trainer.model.params) {
    const back = loaded.params.get(name);
    assert.ok(back, `missing ${name}`);
    assert.equal(back.dtype, t.dtype, name);
    assert.deepEqual(back.shape, t.shape, name);
    assert.deepEqual(back.toArray(), t.toArray(), name);
    assert.equal(back.requiresGrad, t.requiresGrad, name);
  }
  const sd = trainer.optimizer.stateDict();
  assert.equal(loaded.optimizerState.step, 2);
  assert.equal(loaded.optimizerState.tensors.size, sd.tensors.size);
  for (const [name, t] of sd.tensors) {
    assert.deepEqual(loaded.optimizerState.tensors.get(name)?.data, t.toArray(), name);
  }
  assert.equal(loaded.state.step, 2);
  assert.deepEqual(loaded.state.losses, [...trainer.lossHistory]);
  for (const t of loaded.params.values()) t.dispose();
});

test("config.json parses back to the same ModelConfig with official keys", () => {
  assert.deepEqual(readConfig(dir), trainer.cfg);
  const json = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  assert.equal(json.model_type, "deepseek_v4");
  assert.equal(json.vocab_size, trainer.tokenizer.vocabSize);
  const gen = JSON.parse(readFileSync(join(dir, "generation_config.json"), "utf8"));
  assert.equal(gen.bos_token_id, 0);
  assert.equal(gen.eos_token_id, 1);
});

test("tokenizer.json loads with loadTokenizer and encodes like the trained tokenizer", async () => {
  const tok = await loadTokenizer(join(dir, "tokenizer.json"));
  const text = "abc abd. cab";
  assert.deepEqual([...tok.encode(text)], [...trainer.tokenizer.encode(text)]);
  assert.equal(tok.vocabSize, trainer.tokenizer.vocabSize);
  assert.equal(tok.bosId, 0);
});

test("model.safetensors uses official names, F32 weights and I64 hash tables", () => {
  const f = openSafetensors(join(dir, "model.safetensors"));
  try {
    assert.equal(f.info("embed.weight").dtype, "F32");
    assert.equal(f.info("layers.0.ffn.gate.tid2eid").dtype, "I64");
    assert.equal(f.info("layers.1.attn.indexer.wq_b.weight").dtype, "F32");
    const table = f.readInt32("layers.0.ffn.gate.tid2eid");
    const mine = trainer.model.params.get("layers.0.ffn.gate.tid2eid")!.toArray();
    assert.deepEqual(Array.from(table), Array.from(mine));
  } finally {
    f.close();
  }
});

test("a truncated model.safetensors is refused, naming the file", () => {
  const bad = copy("truncated");
  truncateSync(join(bad, "model.safetensors"), 1000);
  assert.throws(
    () => loadTrainingCheckpoint(bad),
    /checkpoint file .*truncated[/\\]model\.safetensors has 1000 bytes where trainer_state\.json records \d+/,
  );
});

test("a model.safetensors from another save is refused", () => {
  const bad = copy("mixed");
  const path = join(bad, "model.safetensors");
  const bytes = readFileSync(path);
  const last = bytes.length - 1;
  bytes[last] = bytes[last]! ^ 0xff; // same size, one flipped byte
  writeFileSync(path, bytes);
  assert.throws(
    () => loadTrainingCheckpoint(bad),
    /model\.safetensors has other contents \(sha256\) than trainer_state\.json records/,
  );
});

test("missing directory, missing state and corrupt state are clear errors", async () => {
  await assert.rejects(
    resumeTrainer(join(tmp.dir, "nowhere")),
    /checkpoint directory .*nowhere does not exist/,
  );
  const noState = copy("nostate");
  rmSync(join(noState, "trainer_state.json"));
  assert.throws(() => loadTrainingCheckpoint(noState), /trainer_state\.json is missing/);
  const corrupt = copy("corrupt");
  writeFileSync(join(corrupt, "trainer_state.json"), "{ not json");
  assert.throws(() => loadTrainingCheckpoint(corrupt), /trainer_state\.json is not valid JSON/);
  const wrong = copy("wrong");
  const state = JSON.parse(readFileSync(join(dir, "trainer_state.json"), "utf8"));
  writeFileSync(join(wrong, "trainer_state.json"), JSON.stringify({ ...state, step: -1 }));
  assert.throws(() => loadTrainingCheckpoint(wrong), /"step" must be an integer >= 0, got -1/);
  const noOpt = copy("noopt");
  rmSync(join(noOpt, "optimizer.safetensors"));
  assert.throws(() => loadTrainingCheckpoint(noOpt), /optimizer\.safetensors is missing/);
});

test("no temporary files are left behind", () => {
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes(".tmp-")),
    [],
  );
});
