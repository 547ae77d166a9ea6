/**
 * Text form of a checkpoint inspection (`tessera inspect DIR`): a summary, one line per group,
 * the tensors of each group with layer and expert numbers folded into `*` (so a model with
 * thousands of experts prints one line per distinct tensor kind), and the validation result.
 */
import type { CheckpointReport, ReportGroup, StoredInfo } from "./checkpoint-inspect.ts";
import { withThousands } from "./inspect.ts";
import { PARAM_GROUPS } from "./param-shapes.ts";

/** `1234567` bytes -> `"1.23 MB"` (decimal units). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${bytes} B` : `${v.toFixed(2)} ${units[u]}`;
}

const GROUPS: readonly ReportGroup[] = [...PARAM_GROUPS, "unexpected"];

// Names listed per validation category before the rest is summarised as a count.
const LIST_LIMIT = 200;

// `layers.12.ffn.experts.7.w1.weight` -> `layers.*.ffn.experts.*.w1.weight`.
function pattern(name: string): string {
  return name.replace(/(^|\.)(layers|experts|mtp)\.\d+(?=\.)/g, "$1$2.*");
}

function dtypeCounts(tensors: readonly StoredInfo[]): string {
  const counts = new Map<string, number>();
  for (const t of tensors) counts.set(t.dtype, (counts.get(t.dtype) ?? 0) + 1);
  return [...counts].map(([d, n]) => `${d} x${n}`).join(", ");
}

function groupLines(group: ReportGroup, tensors: readonly StoredInfo[]): string[] {
  const kinds = new Map<string, { t: StoredInfo; count: number; bytes: number }>();
  for (const t of tensors) {
    const key = `${pattern(t.name)}|${t.dtype}|${t.shape.join(",")}`;
    const k = kinds.get(key);
    if (k) {
      k.count++;
      k.bytes += t.bytes;
    } else kinds.set(key, { t, count: 1, bytes: t.bytes });
  }
  const lines = [...kinds.values()].map(({ t, count, bytes }) => {
    const name = count > 1 ? `${pattern(t.name)} x${count}` : t.name;
    const shape = `[${t.shape.join(", ")}]`;
    const size = formatBytes(bytes).padStart(10);
    return `    ${name.padEnd(46)} ${t.dtype.padEnd(8)} ${shape.padEnd(14)} ${size}`;
  });
  return [`  ${group}`, ...lines];
}

/** The multi-line report of `r` (see the module comment). */
export function formatCheckpointReport(r: CheckpointReport): string {
  const k = withThousands;
  const byGroup = new Map<ReportGroup, StoredInfo[]>();
  for (const t of r.tensors) byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t]);
  const present = GROUPS.filter((g) => byGroup.has(g));
  const row = (cells: readonly string[]) =>
    `  ${cells[0]!.padEnd(18)}${cells[1]!.padStart(8)}${cells[2]!.padStart(16)}` +
    `${cells[3]!.padStart(12)}  ${cells[4]}`.trimEnd();
  const out = [
    `Checkpoint ${r.dir}`,
    `  files:       ${r.files} weight file${r.files === 1 ? "" : "s"}, ` +
      `${k(r.tensors.length)} tensors, ${formatBytes(r.bytes)}`,
    `  parameters:  ${k(r.parameters)} (config.json implies ${k(r.expectedParameters)})`,
    "",
    "Tensors by group",
    row(["group", "tensors", "parameters", "bytes", "dtypes"]),
    ...present.map((g) => {
      const ts = byGroup.get(g)!;
      const params = ts.reduce((a, t) => a + t.params, 0);
      const bytes = ts.reduce((a, t) => a + t.bytes, 0);
      return row([g, k(ts.length), k(params), formatBytes(bytes), dtypeCounts(ts)]);
    }),
    "",
    "Tensors",
    ...present.flatMap((g) => groupLines(g, byGroup.get(g)!)),
    "",
  ];
  const problems = r.missing.length + r.unexpected.length + r.misshaped.length;
  out.push(
    problems === 0
      ? "Validation against config.json: OK (every expected tensor present with its shape)"
      : `Validation against config.json: ${problems} problem${problems === 1 ? "" : "s"}`,
  );
  const list = (label: string, lines: readonly string[]) => {
    if (lines.length === 0) return;
    out.push(`  ${label} (${lines.length}):`, ...lines.slice(0, LIST_LIMIT).map((l) => `    ${l}`));
    if (lines.length > LIST_LIMIT) out.push(`    ... and ${lines.length - LIST_LIMIT} more`);
  };
  list("missing", r.missing);
  list("unexpected", r.unexpected);
  list(
    "mis-shaped",
    r.misshaped.map(
      (m) => `${m.name}: [${m.shape.join(", ")}], expected [${m.expected.join(", ")}]`,
    ),
  );
  return out.join("\n");
}
