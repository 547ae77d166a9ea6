/**
 * Checkpoints as Hugging Face-style directories: `config.json` (official keys),
 * `model.safetensors` (official tensor names, F32, hash tables as I64), `tokenizer.json` and
 * `tokenizer_config.json`, `generation_config.json`, and for training `optimizer.safetensors`
 * (the optimizer's moments) and `trainer_state.json`.
 *
 * Crash safety: every file is first written completely under a temporary name in the
 * directory and flushed; only then are the files renamed into place one by one, with
 * trainer_state.json last. That file records the size and sha256 of the files a resume reads
 * (config, weights, tokenizer, optimizer moments), so a checkpoint torn by a crash between two
 * renames (or a truncated file) is detected on load, naming the file, instead of resuming from
 * mixed state.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { openSafetensors, type TensorToWrite, writeSafetensors } from "../io/index.ts";
import type { ModelConfig } from "../model/config.ts";
import { toOfficialConfigJson } from "../model/config-json.ts";
import { loadParams, readConfig } from "../model/load.ts";
import { parameterShapes } from "../model/param-shapes.ts";
import type { Params } from "../model/params.ts";
import type { Tensor } from "../tensor/index.ts";
import { TrainError } from "./errors.ts";
import type { HostTensor, Optimizer, OptimizerState } from "./optim/index.ts";
import {
  type FileDigest,
  parseTrainerState,
  type TrainerState,
  trainerStateJson,
} from "./state.ts";
import type { TextTokenizer } from "./tokenizer/index.ts";

/** File names inside a checkpoint directory. */
export const FILES = Object.freeze({
  config: "config.json",
  model: "model.safetensors",
  tokenizer: "tokenizer.json",
  tokenizerConfig: "tokenizer_config.json",
  generation: "generation_config.json",
  optimizer: "optimizer.safetensors",
  state: "trainer_state.json",
});

// The files a resume reads, whose digests trainer_state.json records. The generation and
// tokenizer configs stay free to edit by hand.
const RESUME_FILES: readonly string[] = [
  FILES.config,
  FILES.model,
  FILES.tokenizer,
  FILES.optimizer,
];

/** Sampling defaults written to generation_config.json. */
export const GENERATION_DEFAULTS = Object.freeze({ temperature: 0.8, topP: 0.95 });

/** What a checkpoint holds; `training` is absent for a model-only directory. */
export interface CheckpointContents {
  cfg: ModelConfig;
  params: Params;
  tokenizer: TextTokenizer;
  training?: { optimizer: Optimizer; state: TrainerState };
}

/** A training checkpoint read back from disk. */
export interface LoadedCheckpoint {
  dir: string;
  cfg: ModelConfig;
  /** Float parameters require grad, except the routing biases. */
  params: Params;
  /** Path of the tokenizer.json (rebuilt by the caller, which knows the spec). */
  tokenizerFile: string;
  state: TrainerState;
  optimizerState: OptimizerState<HostTensor>;
}

// ---------------------------------------------------------------- writing

/** A file to produce: `write` creates it at the given (temporary) path. */
interface PendingFile {
  name: string;
  write(path: string): void;
}

function writeBytesSynced(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, "wx");
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function jsonFile(name: string, value: unknown): PendingFile {
  return { name, write: (path) => writeBytesSynced(path, `${JSON.stringify(value, null, 2)}\n`) };
}

function digest(path: string): FileDigest {
  const bytes = readFileSync(path);
  return { bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Parameters as safetensors entries: floats as F32, integer tables widened to I64. */
function paramTensors(params: Params): TensorToWrite[] {
  return [...params].map(([name, t]) => {
    const data = t.toArray();
    if (t.dtype === "i32") {
      // The official checkpoints store tid2eid as int64 (little-endian, like all safetensors).
      return {
        name,
        dtype: "I64",
        shape: t.shape,
        data: BigInt64Array.from(data, (v) => BigInt(v)),
      };
    }
    const f32 = data instanceof Float32Array ? data : Float32Array.from(data);
    return { name, dtype: "F32", shape: t.shape, data: f32 };
  });
}

function stateTensors(tensors: ReadonlyMap<string, Tensor>): TensorToWrite[] {
  return [...tensors].map(([name, t]) => {
    const data = t.toArray();
    return {
      name,
      dtype: "F32",
      shape: t.shape,
      data: data instanceof Float32Array ? data : Float32Array.from(data),
    };
  });
}

function tokenizerConfig(tok: TextTokenizer, cfg: ModelConfig): Record<string, unknown> {
  const name = (id: number | undefined) => (id === undefined ? null : tok.decode([id]));
  return {
    tokenizer_class: "PreTrainedTokenizerFast",
    bos_token: name(tok.bosId),
    eos_token: name(tok.eosId),
    pad_token: name(tok.padId),
    clean_up_tokenization_spaces: false,
    model_max_length: cfg.maxPositionEmbeddings,
  };
}

function generationConfig(cfg: ModelConfig): Record<string, unknown> {
  return {
    bos_token_id: cfg.bosTokenId,
    eos_token_id: cfg.eosTokenId,
    do_sample: true,
    temperature: GENERATION_DEFAULTS.temperature,
    top_p: GENERATION_DEFAULTS.topP,
  };
}

/**
 * Writes the checkpoint into `dir` (created if needed), replacing the files of an earlier
 * checkpoint there; other files in `dir` are left alone. See the module comment for the order
 * that makes a crash detectable. Throws with the file name when a write fails.
 */
export function saveCheckpoint(dir: string, contents: CheckpointContents): void {
  const { cfg, params, tokenizer, training } = contents;
  mkdirSync(dir, { recursive: true });
  const files: PendingFile[] = [
    jsonFile(FILES.config, toOfficialConfigJson(cfg)),
    jsonFile(FILES.tokenizer, tokenizer.toJSON()),
    jsonFile(FILES.tokenizerConfig, tokenizerConfig(tokenizer, cfg)),
    jsonFile(FILES.generation, generationConfig(cfg)),
    {
      name: FILES.model,
      write: (path) => writeSafetensors(path, paramTensors(params), { format: "pt" }),
    },
  ];
  if (training) {
    const { optimizer } = training;
    const sd = optimizer.stateDict();
    files.push({
      name: FILES.optimizer,
      write: (path) =>
        writeSafetensors(path, stateTensors(sd.tensors), {
          format: "pt",
          step: String(sd.step),
          optimizer: training.state.settings.optimizer,
        }),
    });
  }
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const temp = (name: string) => join(dir, `.${name}.tmp-${tag}`);
  const written: string[] = [];
  try {
    const digests: Record<string, FileDigest> = {};
    for (const f of files) {
      const path = temp(f.name);
      written.push(path);
      f.write(path);
      if (RESUME_FILES.includes(f.name)) digests[f.name] = digest(path);
    }
    if (training) {
      files.push(jsonFile(FILES.state, trainerStateJson(training.state, digests)));
      const path = temp(FILES.state);
      written.push(path);
      files[files.length - 1]!.write(path);
    }
    files.forEach((f, i) => {
      renameSync(written[i]!, join(dir, f.name));
    });
  } catch (err) {
    for (const path of written) rmSync(path, { force: true });
    throw new TrainError(`cannot save checkpoint in ${dir}: ${(err as Error).message}`);
  }
}

// ---------------------------------------------------------------- reading

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new TrainError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TrainError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function checkDigests(dir: string, files: Record<string, FileDigest>): void {
  for (const name of RESUME_FILES) {
    if (files[name] === undefined) {
      throw new TrainError(`${join(dir, FILES.state)}: "files" has no entry for ${name}`);
    }
  }
  for (const [name, want] of Object.entries(files)) {
    const path = join(dir, name);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined) throw new TrainError(`checkpoint file ${path} is missing`);
    const got = info.size === want.bytes ? digest(path) : { bytes: info.size, sha256: "" };
    if (got.bytes !== want.bytes || got.sha256 !== want.sha256) {
      const what =
        got.bytes !== want.bytes
          ? `has ${got.bytes} bytes where ${FILES.state} records ${want.bytes}`
          : `has other contents (sha256) than ${FILES.state} records`;
      throw new TrainError(
        `checkpoint file ${path} ${what}: the file is truncated, corrupt or from another save`,
      );
    }
  }
}

/**
 * Parameters from `dir/model.safetensors`, checked against the tensors `cfg` defines (names,
 * shapes, dtypes); float tensors are marked trainable except the routing biases.
 */
export function loadModelParams(dir: string, cfg: ModelConfig): Params {
  const path = join(dir, FILES.model);
  let params: Params;
  try {
    params = loadParams(dir);
  } catch (err) {
    throw new TrainError(`cannot load ${path}: ${(err as Error).message}`);
  }
  const fail = (message: string): never => {
    for (const t of params.values()) t.dispose();
    throw new TrainError(`${path}: ${message}`);
  };
  const expected = parameterShapes(cfg);
  for (const { name, shape, float } of expected) {
    const t = params.get(name);
    if (!t) return fail(`tensor "${name}" is missing (the config defines it)`);
    if (t.shape.join(",") !== shape.join(",")) {
      fail(`tensor "${name}" has shape [${t.shape}], the config defines [${shape}]`);
    }
    if ((t.dtype === "i32") === float) {
      fail(
        `tensor "${name}" is ${t.dtype}, expected ${float ? "a float type" : "an integer type"}`,
      );
    }
    if (float && !name.endsWith("gate.bias")) t.requireGrad();
  }
  if (params.size !== expected.length) {
    const known = new Set(expected.map((e) => e.name));
    const extra = [...params.keys()].find((n) => !known.has(n));
    fail(`unexpected tensor "${extra}" (not defined by the config)`);
  }
  return params;
}

function loadOptimizerState(dir: string): OptimizerState<HostTensor> {
  const path = join(dir, FILES.optimizer);
  try {
    const file = openSafetensors(path);
    try {
      const step = Number(file.metadata.step);
      if (!Number.isSafeInteger(step) || step < 0) {
        throw new Error(
          `metadata "step" must be an integer >= 0, got ${JSON.stringify(file.metadata.step)}`,
        );
      }
      const tensors = new Map<string, HostTensor>();
      for (const name of file.names) {
        tensors.set(name, { data: file.readFloat32(name), shape: file.info(name).shape });
      }
      return { step, tensors };
    } finally {
      file.close();
    }
  } catch (err) {
    throw new TrainError(`cannot load ${path}: ${(err as Error).message}`);
  }
}

/**
 * Reads a training checkpoint. Throws a TrainError naming the directory or file when the
 * directory does not exist, a file is missing, unreadable, malformed, or does not match the
 * digests recorded in trainer_state.json.
 */
export function loadTrainingCheckpoint(dir: string): LoadedCheckpoint {
  const info = statSync(dir, { throwIfNoEntry: false });
  if (info === undefined) throw new TrainError(`checkpoint directory ${dir} does not exist`);
  if (!info.isDirectory()) throw new TrainError(`checkpoint path ${dir} is not a directory`);
  const statePath = join(dir, FILES.state);
  if (statSync(statePath, { throwIfNoEntry: false }) === undefined) {
    throw new TrainError(
      `${statePath} is missing: ${dir} is not a training checkpoint (it cannot be resumed)`,
    );
  }
  const { state, files } = parseTrainerState(readJsonFile(statePath), statePath);
  checkDigests(dir, files);
  let cfg: ModelConfig;
  try {
    cfg = readConfig(dir);
  } catch (err) {
    throw new TrainError((err as Error).message);
  }
  const optimizerState = loadOptimizerState(dir);
  const params = loadModelParams(dir, cfg);
  return { dir, cfg, params, tokenizerFile: join(dir, FILES.tokenizer), state, optimizerState };
}
