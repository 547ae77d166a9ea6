// Reads the rotary-embedding fields in their three spellings: official (`rope_theta`,
// `compress_rope_theta`, `rope_scaling`), Hugging Face transformers (`rope_parameters`, either
// nested as {main, compress} or flat, plus `partial_rotary_factor`) and the official inference
// `ModelArgs` (`rope_factor`, `original_seq_len`, `beta_fast`, `beta_slow`, `rope_head_dim`).

import type { YarnScaling } from "./config.ts";
import {
  agree,
  type FieldSource,
  type Found,
  fail,
  isObject,
  missing,
  present,
  type RawObject,
  show,
  toInt,
  toNumber,
  toStr,
} from "./config-fields.ts";

// YaRN's usual correction range when a file names only factor and original length.
const DEFAULT_BETA_FAST = 32;
const DEFAULT_BETA_SLOW = 1;

// Spellings of "no scaling" in HF rope dictionaries.
const NO_SCALING = new Set(["default", "none"]);

/** The rotary fields of ModelConfig. */
export type RopeFields = Readonly<{
  ropeHeadDim: number;
  ropeTheta: number | undefined;
  compressRopeTheta: number | undefined;
  ropeScaling: YarnScaling | null;
}>;

type RopeParams = Readonly<{ main?: RawObject; compress?: RawObject; flat?: RawObject }>;

/**
 * Reads RoPE dims, bases and YaRN settings; `headDim` converts a `partial_rotary_factor`.
 * Bases are undefined when absent (the caller applies defaults); YaRN is null when absent.
 */
export function readRope(src: FieldSource, headDim: number): RopeFields {
  const params = ropeParameters(src);
  const thetaFound = present(src.raw, ["rope_theta"]);
  const mainTheta = params.main ?? params.flat;
  const mainLabel = params.main ? "rope_parameters.main." : "rope_parameters.";
  if (mainTheta) thetaFound.push(...present(mainTheta, ["rope_theta"], mainLabel));
  const compressFound = present(src.raw, ["compress_rope_theta"]);
  if (params.compress) {
    compressFound.push(...present(params.compress, ["rope_theta"], "rope_parameters.compress."));
  }
  if (params.main) checkMainUnscaled(src, params.main);
  return {
    ropeHeadDim: readRopeHeadDim(src, params, headDim),
    ropeTheta: agree(src, thetaFound, toNumber(src)),
    compressRopeTheta: agree(src, compressFound, toNumber(src)),
    ropeScaling: readScaling(src, params),
  };
}

function ropeParameters(src: FieldSource): RopeParams {
  const rp = src.raw.rope_parameters;
  if (rp === undefined || rp === null) return {};
  if (!isObject(rp)) return fail(src, `"rope_parameters" must be an object, got ${show(rp)}`);
  const { main, compress } = rp;
  if (main === undefined && compress === undefined) return { flat: rp };
  if (!isObject(main) || !isObject(compress)) {
    return fail(src, `"rope_parameters" must hold both "main" and "compress" objects, or neither`);
  }
  return { main, compress };
}

function checkMainUnscaled(src: FieldSource, main: RawObject): void {
  const t = ropeType(src, main, "rope_parameters.main.");
  if (t !== undefined && !NO_SCALING.has(t)) {
    fail(
      src,
      `"rope_parameters.main" rope_type "${t}" is not supported: ` +
        `sliding-only layers use plain RoPE (rope_type "default")`,
    );
  }
}

function readRopeHeadDim(src: FieldSource, params: RopeParams, headDim: number): number {
  const direct = present(src.raw, ["qk_rope_head_dim", "rope_head_dim"]);
  const factors = present(src.raw, ["partial_rotary_factor"]);
  for (const [obj, label] of [
    [params.main, "rope_parameters.main."],
    [params.compress, "rope_parameters.compress."],
    [params.flat, "rope_parameters."],
  ] as const) {
    if (obj) factors.push(...present(obj, ["partial_rotary_factor"], label));
  }
  const fromFactor = (f: Found): number => {
    const dims = toNumber(src)(f) * headDim;
    // A factor like 0.125 of 512 is exact in binary; tolerate float noise from other factors.
    const rounded = Math.round(dims);
    if (Math.abs(dims - rounded) > 1e-6) {
      fail(
        src,
        `"${f.key}" (${show(f.value)}) x head_dim ${headDim} is not a whole number of dims`,
      );
    }
    return rounded;
  };
  const convert = (f: Found): number =>
    f.key.endsWith("partial_rotary_factor") ? fromFactor(f) : toInt(src)(f);
  const dims = agree(src, [...direct, ...factors], convert);
  if (dims === undefined)
    return missing(src, ["qk_rope_head_dim", "rope_head_dim", "partial_rotary_factor"]);
  return dims;
}

function readScaling(src: FieldSource, params: RopeParams): YarnScaling | null {
  const found: Found[] = present(src.raw, ["rope_scaling"]);
  if (params.compress) found.push({ key: "rope_parameters.compress", value: params.compress });
  if (params.flat) found.push({ key: "rope_parameters", value: params.flat });
  const argsForm = modelArgsScaling(src);
  const convert = (f: Found): YarnScaling | null => {
    if (f.key === "rope_factor") return argsForm;
    if (!isObject(f.value)) return fail(src, `"${f.key}" must be an object, got ${show(f.value)}`);
    return yarnFrom(src, f.value, `${f.key}.`);
  };
  if (argsForm !== null) found.push({ key: "rope_factor", value: src.raw.rope_factor });
  return agree(src, found, convert, sameYarn) ?? null;
}

function ropeType(src: FieldSource, obj: RawObject, label: string): string | undefined {
  const t = agree(src, present(obj, ["rope_type", "type"], label), toStr(src));
  return t?.toLowerCase();
}

function yarnFrom(src: FieldSource, obj: RawObject, label: string): YarnScaling | null {
  const t = ropeType(src, obj, label);
  if (t === undefined || NO_SCALING.has(t)) return null;
  if (t !== "yarn") {
    return fail(src, `"${label}type" "${t}" is not supported: DeepSeek-V4 uses "yarn" or none`);
  }
  const num = (k: string): number | undefined =>
    agree(src, present(obj, [k], label), toNumber(src));
  const attn = num("attention_factor");
  // V4 keeps cos/sin unscaled (spec §4.2); a magnitude factor other than 1 is a different model.
  if (attn !== undefined && attn !== 1) {
    fail(src, `"${label}attention_factor" (${attn}) is not supported: DeepSeek-V4 uses 1`);
  }
  const factor = num("factor") ?? missing(src, [`${label}factor`]);
  const orig =
    agree(src, present(obj, ["original_max_position_embeddings"], label), toInt(src)) ??
    missing(src, [`${label}original_max_position_embeddings`]);
  return {
    type: "yarn",
    factor,
    originalMaxPositionEmbeddings: orig,
    betaFast: num("beta_fast") ?? DEFAULT_BETA_FAST,
    betaSlow: num("beta_slow") ?? DEFAULT_BETA_SLOW,
  };
}

function modelArgsScaling(src: FieldSource): YarnScaling | null {
  const raw = src.raw;
  const factor = agree(src, present(raw, ["rope_factor"]), toNumber(src));
  if (factor === undefined) return null;
  const orig =
    agree(src, present(raw, ["original_seq_len"]), toInt(src)) ??
    missing(src, ["original_seq_len"]);
  return {
    type: "yarn",
    factor,
    originalMaxPositionEmbeddings: orig,
    betaFast: agree(src, present(raw, ["beta_fast"]), toNumber(src)) ?? DEFAULT_BETA_FAST,
    betaSlow: agree(src, present(raw, ["beta_slow"]), toNumber(src)) ?? DEFAULT_BETA_SLOW,
  };
}

function sameYarn(a: YarnScaling | null, b: YarnScaling | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.factor === b.factor &&
    a.originalMaxPositionEmbeddings === b.originalMaxPositionEmbeddings &&
    a.betaFast === b.betaFast &&
    a.betaSlow === b.betaSlow
  );
}
