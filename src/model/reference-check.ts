/**
 * Conformance against reference outputs of DeepSeek's own implementation: a directory with
 * `config.json`, `model.safetensors` and `expected.safetensors` (inputs and outputs of the
 * official code). Each expected tensor is recomputed through the same call pattern (prefill,
 * token-by-token decode, prefill then decode, MTP) and compared.
 */
import { join } from "node:path";
import { openSafetensors, type SafetensorsFile } from "../io/index.ts";
import { noGrad, type Tensor, tidy } from "../tensor/index.ts";
import { loadParams, readConfig } from "./load.ts";
import {
  createCache,
  createModel,
  decodeStep,
  forward,
  type Model,
  mtpForward,
  prefill,
} from "./model.ts";

export interface CheckRow {
  name: string;
  /** max |Δ| for values; number of disagreeing rows for index sets. */
  value: number;
  kind: "values" | "index-sets";
  tolerance: string;
  pass: boolean;
}

export interface CheckReport {
  rows: CheckRow[];
  /** Expected tensors this check does not know how to recompute. */
  unchecked: string[];
  pass: boolean;
}

const ATOL = 1e-4;
const RTOL_HIDDEN = 1e-4;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= m)) m = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return m;
}

/** Largest violation of |a − b| ≤ atol + rtol·|b|, as a ratio (≤ 1 passes). */
function worstRatio(a: ArrayLike<number>, b: ArrayLike<number>, atol: number, rtol: number) {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const r = Math.abs(a[i]! - b[i]!) / (atol + rtol * Math.abs(b[i]!));
    worst = Number.isNaN(r) ? Number.POSITIVE_INFINITY : Math.max(worst, r);
  }
  return worst;
}

function ids(file: SafetensorsFile, name: string): Int32Array {
  return file.readInt32(name);
}

/** Logits of ids decoded one token at a time from a fresh cache, after an optional prefill. */
function decodeLogits(model: Model, tokens: Int32Array, prefillLen: number): Float32Array {
  const V = model.cfg.vocabSize;
  const out = new Float32Array(tokens.length * V);
  const cache = createCache(model, 1);
  if (prefillLen > 0) {
    tidy(() => {
      const r = prefill(model, tokens.slice(0, prefillLen), 1, prefillLen, cache);
      out.set(r.logits.toArray(), 0);
    });
  }
  for (let t = prefillLen; t < tokens.length; t++) {
    tidy(() => out.set(decodeStep(model, cache, tokens.slice(t, t + 1)).logits.toArray(), t * V));
  }
  return out;
}

/** Runs every comparison the expected file supports; `log` receives one line per tensor. */
export function referenceCheck(dir: string, log: (line: string) => void = () => {}): CheckReport {
  const model = createModel(readConfig(dir), loadParams(dir));
  const expected = openSafetensors(join(dir, "expected.safetensors"));
  const rows: CheckRow[] = [];
  const checked = new Set<string>();
  const add = (row: CheckRow) => {
    rows.push(row);
    checked.add(row.name);
    log(formatRow(row));
  };
  const values = (name: string, got: ArrayLike<number>) => {
    const value = maxAbsDiff(got, expected.readFloat32(name));
    add({ name, value, kind: "values", tolerance: `${ATOL}`, pass: value <= ATOL });
  };

  try {
    for (const n of ["input_ids", "input_ids_2", "prefill_len_2"]) checked.add(n);
    if (expected.has("input_ids")) checkPrompt(model, expected, values, add);
    if (expected.has("input_ids_2")) {
      const tokens = ids(expected, "input_ids_2");
      if (expected.has("logits_prefill_2")) {
        tidy(() => {
          const r = noGrad(() => forward(model, tokens, 1, tokens.length));
          values("logits_prefill_2", r.logits.toArray());
        });
      }
      if (expected.has("logits_mixed_2") && expected.has("prefill_len_2")) {
        const p = ids(expected, "prefill_len_2")[0]!;
        values("logits_mixed_2", decodeLogits(model, tokens, p));
      }
    }
  } finally {
    expected.close();
  }
  const unchecked = expected.names.filter((n) => !checked.has(n));
  return { rows, unchecked, pass: rows.length > 0 && rows.every((r) => r.pass) };
}

function checkPrompt(
  model: Model,
  expected: SafetensorsFile,
  values: (name: string, got: ArrayLike<number>) => void,
  add: (row: CheckRow) => void,
): void {
  const tokens = ids(expected, "input_ids");
  const T = tokens.length;
  const V = model.cfg.vocabSize;
  tidy(() => {
    const r = noGrad(() => forward(model, tokens, 1, T, { collectHidden: true }));
    const logits = r.logits.toArray();
    if (expected.has("logits_prefill")) values("logits_prefill", logits);
    if (expected.has("logits_prefill_last"))
      values("logits_prefill_last", logits.slice((T - 1) * V));
    r.hidden.forEach((h, l) => {
      const name = `prefill_hidden_after_layer_${l}`;
      if (!expected.has(name)) return;
      const ratio = worstRatio(h.toArray(), expected.readFloat32(name), ATOL, RTOL_HIDDEN);
      add({
        name,
        value: maxAbsDiff(h.toArray(), expected.readFloat32(name)),
        kind: "values",
        tolerance: `${ATOL} + ${RTOL_HIDDEN}·|x|`,
        pass: ratio <= 1,
      });
    });
    for (const [l, sel] of r.selections) {
      const name = `prefill_csa_topk_layer_${l}`;
      if (!expected.has(name)) continue;
      add(
        indexSetRow(name, sel.indices, sel.k, expected.readInt32(name), expected.info(name).shape),
      );
    }
    if (expected.has("mtp_logits_prefill") && model.schedule.mtp.length > 0) {
      const last = r.hidden[r.hidden.length - 1] as Tensor;
      const m = noGrad(() => mtpForward(model, last.slice(1, 0, T - 1), tokens.slice(1), 1, T - 1));
      values("mtp_logits_prefill", m.logits[0]!.toArray());
    }
  });
  if (expected.has("logits_decode")) values("logits_decode", decodeLogits(model, tokens, 0));
}

/** Compares selected entry sets row by row (order and −1 padding carry no meaning). */
function indexSetRow(
  name: string,
  got: Int32Array,
  k: number,
  want: Int32Array,
  shape: readonly number[],
): CheckRow {
  const rows = shape[0]!;
  const width = shape[1]!;
  let bad = 0;
  for (let t = 0; t < rows; t++) {
    const a = [...got.slice(t * k, t * k + k)].filter((x) => x >= 0).sort((p, q) => p - q);
    const b = [...want.slice(t * width, t * width + width)]
      .filter((x) => x >= 0)
      .sort((p, q) => p - q);
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) bad++;
  }
  return { name, value: bad, kind: "index-sets", tolerance: "exact", pass: bad === 0 };
}

export function formatRow(row: CheckRow): string {
  const value =
    row.kind === "values" ? `max |Δ| ${row.value.toExponential(2)}` : `${row.value} rows differ`;
  const status = row.pass ? "ok  " : "FAIL";
  return `${status}  ${row.name.padEnd(32)} ${value.padEnd(22)} (tolerance ${row.tolerance})`;
}
