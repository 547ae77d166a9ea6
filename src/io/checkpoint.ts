import * as fs from "node:fs";
import * as nodePath from "node:path";
import { SafetensorsError, type TensorInfo } from "./safetensors-header.ts";
import { openSafetensors, type SafetensorsFile } from "./safetensors-read.ts";
import type { TensorSource } from "./tensor-source.ts";

/** Name of the shard index of a sharded checkpoint. */
export const INDEX_FILE = "model.safetensors.index.json";
/** Name of the single file of an unsharded checkpoint. */
export const SINGLE_FILE = "model.safetensors";

/** Tensors of a checkpoint directory, possibly spread over several safetensors shards. */
export class Checkpoint implements TensorSource {
  readonly dir: string;
  readonly names: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  /** The index file's own "metadata" object (e.g. total_size); empty when unsharded. */
  readonly indexMetadata: Readonly<Record<string, unknown>>;
  /** Open shard files by file name. */
  readonly shards: ReadonlyMap<string, SafetensorsFile>;
  private readonly route: Map<string, SafetensorsFile>;

  constructor(
    dir: string,
    names: string[],
    route: Map<string, SafetensorsFile>,
    shards: Map<string, SafetensorsFile>,
    indexMetadata: Record<string, unknown>,
  ) {
    this.dir = dir;
    this.names = names;
    this.route = route;
    this.shards = shards;
    this.indexMetadata = indexMetadata;
    const merged: Record<string, string> = {};
    for (const s of shards.values()) Object.assign(merged, s.metadata);
    this.metadata = merged;
  }

  has(name: string): boolean {
    return this.route.has(name);
  }

  info(name: string): TensorInfo {
    return this.shard(name).info(name);
  }

  readRaw(name: string): Uint8Array {
    return this.shard(name).readRaw(name);
  }

  readFloat32(name: string): Float32Array {
    return this.shard(name).readFloat32(name);
  }

  readInt32(name: string): Int32Array {
    return this.shard(name).readInt32(name);
  }

  close(): void {
    for (const s of this.shards.values()) s.close();
  }

  private shard(name: string): SafetensorsFile {
    const s = this.route.get(name);
    if (s === undefined) {
      throw new SafetensorsError(
        this.dir,
        `checkpoint has no tensor named "${name}" (${this.names.length} tensors)`,
      );
    }
    return s;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function missingCheckpointHint(dir: string): string {
  const files = fs.readdirSync(dir);
  const st = files.filter((f) => f.endsWith(".safetensors"));
  if (st.length > 0) return `; safetensors files present: ${st.slice(0, 5).join(", ")}`;
  if (files.some((f) => f.endsWith(".bin") || f.endsWith(".pt"))) {
    return "; found PyTorch .bin/.pt files, which must be converted to safetensors";
  }
  return "";
}

/**
 * Opens the checkpoint in directory `dir`: with `model.safetensors.index.json` present, its
 * weight_map (tensor name -> shard file name in `dir`) decides which shard holds each tensor and
 * every listed shard is opened (headers only) and checked to contain its tensors; otherwise
 * `model.safetensors` is opened. The result exposes the single-file API across all shards.
 */
export function openCheckpoint(dir: string): Checkpoint {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SafetensorsError(dir, "checkpoint path is not a directory");
  }
  const indexPath = nodePath.join(dir, INDEX_FILE);
  if (!fs.existsSync(indexPath)) {
    const single = nodePath.join(dir, SINGLE_FILE);
    if (!fs.existsSync(single)) {
      throw new SafetensorsError(
        dir,
        `found neither ${INDEX_FILE} nor ${SINGLE_FILE}${missingCheckpointHint(dir)}`,
      );
    }
    const f = openSafetensors(single);
    const route = new Map(f.names.map((n) => [n, f] as const));
    return new Checkpoint(dir, [...f.names], route, new Map([[SINGLE_FILE, f]]), {});
  }

  let index: unknown;
  try {
    index = JSON.parse(fs.readFileSync(indexPath, "utf8"));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SafetensorsError(indexPath, `index is not valid JSON (${reason})`);
  }
  if (!isPlainObject(index) || !isPlainObject(index.weight_map)) {
    throw new SafetensorsError(indexPath, 'index must be an object with a "weight_map" object');
  }
  const indexMetadata = isPlainObject(index.metadata) ? index.metadata : {};
  const weightMap = index.weight_map;
  const shards = new Map<string, SafetensorsFile>();
  try {
    const route = new Map<string, SafetensorsFile>();
    for (const [name, file] of Object.entries(weightMap)) {
      if (typeof file !== "string" || file === "" || nodePath.basename(file) !== file) {
        throw new SafetensorsError(
          indexPath,
          `weight_map entry "${name}" must name a shard file inside the checkpoint directory, ` +
            `got ${JSON.stringify(file)}`,
        );
      }
      let shard = shards.get(file);
      if (shard === undefined) {
        const shardPath = nodePath.join(dir, file);
        if (!fs.existsSync(shardPath)) {
          throw new SafetensorsError(
            indexPath,
            `shard "${file}" (holding "${name}") does not exist in ${dir}`,
          );
        }
        shard = openSafetensors(shardPath);
        shards.set(file, shard);
      }
      if (!shard.has(name)) {
        throw new SafetensorsError(
          indexPath,
          `weight_map maps "${name}" to "${file}", but that shard has no such tensor`,
        );
      }
      route.set(name, shard);
    }
    return new Checkpoint(dir, [...route.keys()], route, shards, indexMetadata);
  } catch (e) {
    for (const s of shards.values()) s.close();
    throw e;
  }
}
