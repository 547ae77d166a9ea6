// Typed reads of raw config.json values. A field may be spelled several ways (official root
// config, Hugging Face transformers, the official inference `ModelArgs`); all spellings present
// must agree, and every error names the file and the key path.

import { ConfigError } from "./config.ts";

/** A JSON object as parsed, before any field is trusted. */
export type RawObject = Readonly<Record<string, unknown>>;

/** Where values come from: the file label used in messages and its top-level object. */
export type FieldSource = Readonly<{ source: string; raw: RawObject }>;

/** One spelling of a field that is present in the file: its key path and raw value. */
export type Found = Readonly<{ key: string; value: unknown }>;

/** Throws a ConfigError prefixed by the file label. */
export function fail(src: FieldSource, msg: string): never {
  throw new ConfigError(`${src.source}: ${msg}`);
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is RawObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Short rendering of a raw value for messages: `"4096" (string)`, `[1,2]`, `null`. */
export function show(v: unknown): string {
  if (typeof v === "string") return `"${v}" (string)`;
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * The spellings among `keys` that are present (null counts as absent) in `obj`, labelled with
 * `prefix` + key for messages.
 */
export function present(obj: RawObject, keys: readonly string[], prefix = ""): Found[] {
  const out: Found[] = [];
  for (const k of keys) {
    const v = obj[k];
    if (v !== undefined && v !== null) out.push({ key: prefix + k, value: v });
  }
  return out;
}

/**
 * Reduces several spellings of one field to one value: undefined when none is present, else
 * the converted first one, after checking that every other spelling converts to an equal value.
 */
export function agree<T>(
  src: FieldSource,
  found: readonly Found[],
  convert: (f: Found) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T | undefined {
  const first = found[0];
  if (first === undefined) return undefined;
  const v = convert(first);
  for (const other of found.slice(1)) {
    const w = convert(other);
    if (!equal(v, w)) {
      fail(
        src,
        `"${first.key}" (${show(first.value)}) and "${other.key}" (${show(other.value)}) disagree`,
      );
    }
  }
  return v;
}

/** Converter: an integer (JSON 64.0 is accepted as 64). */
export function toInt(src: FieldSource): (f: Found) => number {
  return (f) => {
    if (typeof f.value !== "number" || !Number.isInteger(f.value)) {
      return fail(src, `"${f.key}" must be an integer, got ${show(f.value)}`);
    }
    return f.value;
  };
}

/** Converter: a finite number. */
export function toNumber(src: FieldSource): (f: Found) => number {
  return (f) => {
    if (typeof f.value !== "number" || !Number.isFinite(f.value)) {
      return fail(src, `"${f.key}" must be a finite number, got ${show(f.value)}`);
    }
    return f.value;
  };
}

/** Converter: a boolean. */
export function toBool(src: FieldSource): (f: Found) => boolean {
  return (f) => {
    if (typeof f.value !== "boolean") {
      return fail(src, `"${f.key}" must be true or false, got ${show(f.value)}`);
    }
    return f.value;
  };
}

/** Converter: a string. */
export function toStr(src: FieldSource): (f: Found) => string {
  return (f) => {
    if (typeof f.value !== "string") {
      return fail(src, `"${f.key}" must be a string, got ${show(f.value)}`);
    }
    return f.value;
  };
}

/** Converter: an array of integers. */
export function toIntList(src: FieldSource): (f: Found) => number[] {
  return (f) => {
    if (!Array.isArray(f.value))
      return fail(src, `"${f.key}" must be a list, got ${show(f.value)}`);
    return f.value.map((v: unknown, i) => toInt(src)({ key: `${f.key}[${i}]`, value: v }));
  };
}

/** Converter: an array of strings. */
export function toStrList(src: FieldSource): (f: Found) => string[] {
  return (f) => {
    if (!Array.isArray(f.value))
      return fail(src, `"${f.key}" must be a list, got ${show(f.value)}`);
    return f.value.map((v: unknown, i) => toStr(src)({ key: `${f.key}[${i}]`, value: v }));
  };
}

/** Converter: a JSON object. */
export function toObject(src: FieldSource): (f: Found) => RawObject {
  return (f) => {
    if (!isObject(f.value)) return fail(src, `"${f.key}" must be an object, got ${show(f.value)}`);
    return f.value;
  };
}

/** Element-wise equality of two number lists. */
export function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Error for a field none of whose spellings is present. */
export function missing(src: FieldSource, keys: readonly string[]): never {
  const [main, ...alts] = keys;
  const also = alts.length > 0 ? ` (also accepted: ${alts.map((k) => `"${k}"`).join(", ")})` : "";
  return fail(src, `missing required key "${main}"${also}`);
}
