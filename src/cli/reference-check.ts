/** `tessera reference-check DIR`: conformance with reference outputs of DeepSeek's own code. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { referenceCheck } from "../model/reference-check.ts";
import { CliError } from "./errors.ts";

const USAGE =
  "usage: tessera reference-check DIR  (DIR holds config.json, model.safetensors, expected.safetensors)";

export async function runReferenceCheck(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [dir, ...extra] = args;
  if (!dir || extra.length > 0) throw new CliError(USAGE);
  for (const f of ["config.json", "model.safetensors", "expected.safetensors"]) {
    if (!existsSync(join(dir, f))) throw new CliError(`${join(dir, f)} does not exist\n${USAGE}`);
  }
  const t0 = performance.now();
  const report = referenceCheck(dir, (line) => process.stdout.write(`${line}\n`));
  for (const n of report.unchecked)
    process.stdout.write(`skip  ${n} (no known way to recompute it)\n`);
  const failed = report.rows.filter((r) => !r.pass).length;
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(
    `${report.pass ? "PASS" : "FAIL"}: ${report.rows.length - failed}/${report.rows.length} checks ` +
      `agree (${seconds} s)\n`,
  );
  return report.pass ? 0 : 1;
}
