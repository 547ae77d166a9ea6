// Reads the per-layer schedule: the compress ratio of every block and the number of leading
// hash-routed layers. Official and ModelArgs files give `compress_ratios` and `num_hash_layers`
// / `n_hash_layers`; Hugging Face transformers files give `layer_types` + `compress_rates` and
// `mlp_layer_types`. Spec §14.7: when `compress_ratios` is present it decides, and `layer_types`
// is not consulted.

import { CSA_RATIO } from "./config.ts";
import {
  agree,
  type FieldSource,
  fail,
  missing,
  present,
  type RawObject,
  sameList,
  toInt,
  toIntList,
  toObject,
  toStrList,
} from "./config-fields.ts";

type LayerTypeName = "sliding" | "csa" | "hca";

/**
 * Accepted spellings of `layer_types` entries, compared after lower-casing and mapping "-" and
 * " " to "_".
 */
const LAYER_TYPE_NAMES: Readonly<Record<string, LayerTypeName>> = {
  sliding_attention: "sliding",
  sliding_window_attention: "sliding",
  sliding: "sliding",
  swa: "sliding",
  compressed_sparse_attention: "csa",
  csa: "csa",
  heavily_compressed_attention: "hca",
  hca: "hca",
};

/** Accepted spellings of `mlp_layer_types` entries (same normalisation). */
const MLP_TYPE_NAMES: Readonly<Record<string, "hash" | "topk">> = {
  hash_moe: "hash",
  hash: "hash",
  moe: "topk",
  topk_moe: "topk",
  topk: "topk",
};

const DEFAULT_HCA_RATIO = 128;

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/[- ]/g, "_");
}

/**
 * Compress ratios of the `numLayers` decoder layers followed by the `numMtp` MTP blocks.
 * A list of exactly `numLayers` entries is accepted too and the MTP blocks are then
 * sliding-only (ratio 0), which is what both released models use (spec §1.2).
 */
export function readCompressRatios(src: FieldSource, numLayers: number, numMtp: number): number[] {
  const ratios = agree(src, present(src.raw, ["compress_ratios"]), toIntList(src), sameList);
  if (ratios !== undefined)
    return withMtpEntries(src, "compress_ratios", ratios, numLayers, numMtp);
  const types = agree(src, present(src.raw, ["layer_types"]), toStrList(src));
  if (types === undefined) return missing(src, ["compress_ratios", "layer_types"]);
  const rates = readCompressRates(src);
  const fromTypes = types.map((t, i) => {
    const kind = LAYER_TYPE_NAMES[normalise(t)];
    if (kind === undefined) {
      const known = Object.keys(LAYER_TYPE_NAMES).join(", ");
      return fail(src, `"layer_types[${i}]" is "${t}": expected one of ${known}`);
    }
    return kind === "sliding" ? 0 : kind === "csa" ? rates.csa : rates.hca;
  });
  return withMtpEntries(src, "layer_types", fromTypes, numLayers, numMtp);
}

function withMtpEntries(
  src: FieldSource,
  key: string,
  ratios: number[],
  numLayers: number,
  numMtp: number,
): number[] {
  if (ratios.length === numLayers + numMtp) return ratios;
  if (ratios.length === numLayers) return [...ratios, ...new Array<number>(numMtp).fill(0)];
  return fail(
    src,
    `"${key}" has ${ratios.length} entries, expected ${numLayers + numMtp} ` +
      `(num_hidden_layers ${numLayers} + num_nextn_predict_layers ${numMtp}) or ${numLayers}`,
  );
}

/**
 * CSA and HCA ratios of an HF file: `compress_rates` {compressed_sparse_attention | csa,
 * heavily_compressed_attention | hca} or `compress_rate_csa` / `compress_rate_hca`; 4 and 128
 * when absent. The CSA rate must be 4, because the attention type is later read back from the
 * ratio alone and the official code builds the overlapping compressor and indexer only there.
 */
function readCompressRates(src: FieldSource): { csa: number; hca: number } {
  const rates: RawObject = agree(src, present(src.raw, ["compress_rates"]), toObject(src)) ?? {};
  const read = (keys: readonly string[], top: string): number | undefined =>
    agree(
      src,
      [...present(rates, keys, "compress_rates."), ...present(src.raw, [top])],
      toInt(src),
    );
  const csa = read(["compressed_sparse_attention", "csa"], "compress_rate_csa") ?? CSA_RATIO;
  const hca =
    read(["heavily_compressed_attention", "hca"], "compress_rate_hca") ?? DEFAULT_HCA_RATIO;
  if (csa !== CSA_RATIO) {
    fail(
      src,
      `"compress_rates.compressed_sparse_attention" is ${csa}: only ${CSA_RATIO} is supported ` +
        `(a CSA layer is identified by compress ratio ${CSA_RATIO})`,
    );
  }
  if (hca < 2 || hca === CSA_RATIO) {
    fail(
      src,
      `"compress_rates.heavily_compressed_attention" is ${hca}: expected an integer >= 2 ` +
        `other than ${CSA_RATIO}`,
    );
  }
  return { csa, hca };
}

/**
 * Number of leading hash-routed layers: `num_hash_layers` / `n_hash_layers`, or the length of
 * the "hash_moe" prefix of `mlp_layer_types` (hash layers after a top-k layer are rejected).
 */
export function readNumHashLayers(src: FieldSource, numLayers: number, numMtp: number): number {
  const n = agree(src, present(src.raw, ["num_hash_layers", "n_hash_layers"]), toInt(src));
  if (n !== undefined) return n;
  const types = agree(src, present(src.raw, ["mlp_layer_types"]), toStrList(src));
  if (types === undefined)
    return missing(src, ["num_hash_layers", "n_hash_layers", "mlp_layer_types"]);
  if (types.length !== numLayers && types.length !== numLayers + numMtp) {
    fail(
      src,
      `"mlp_layer_types" has ${types.length} entries, expected ${numLayers} (num_hidden_layers)`,
    );
  }
  let hash = 0;
  types.forEach((t, i) => {
    const kind = MLP_TYPE_NAMES[normalise(t)];
    if (kind === undefined) {
      const known = Object.keys(MLP_TYPE_NAMES).join(", ");
      fail(src, `"mlp_layer_types[${i}]" is "${t}": expected one of ${known}`);
    }
    if (kind === "hash" && (hash !== i || i >= numLayers)) {
      fail(
        src,
        `"mlp_layer_types[${i}]" is "${t}" after a top-k layer: ` +
          `hash-routed layers must be a prefix of the decoder layers`,
      );
    }
    if (kind === "hash") hash++;
  });
  return hash;
}
