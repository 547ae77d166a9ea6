/**
 * `tessera quantize`: turns a checkpoint directory into one in DeepSeek's released layout
 * (packed FP4 routed experts, FP8 projections with E8M0 block scales, BF16/F32 elsewhere) that
 * `tessera generate` and `tessera eval` run from directly.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { quantizeCheckpoint } from "../model/quantize-checkpoint.ts";
import { type ArgSpecs, argHelp, parseCommandArgs } from "./args.ts";
import { type CommandIo, processIo } from "./command-io.ts";
import { CliError } from "./errors.ts";

const COMMAND = "tessera quantize";

const SPECS: ArgSpecs = {
  model: { type: "string", value: "DIR", help: "checkpoint directory to quantize" },
  out: { type: "string", value: "DIR", help: "new directory for the quantized checkpoint" },
  experts: {
    type: "string",
    value: "FORMAT",
    help: "routed experts: mxfp4 (packed FP4, E8M0 1x32 scales) | fp8",
    shownDefault: "mxfp4",
  },
  linears: {
    type: "string",
    value: "FORMAT",
    help: "attention, indexer, shared-expert and MTP projections: fp8 (128x128 scales) | bf16",
    shownDefault: "fp8",
  },
};

/** The `--help` text of `tessera quantize`. */
export const QUANTIZE_HELP = argHelp(
  "usage: tessera quantize --model DIR --out DIR2 [--experts mxfp4|fp8] [--linears fp8|bf16]",
  SPECS,
);

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

/**
 * Runs `quantize` with the arguments after the command name; returns the exit code. Prints a
 * one-line summary (tensors, sizes, dtypes) to stdout. Throws a CliError for bad flags or a
 * missing model directory.
 */
export async function runQuantize(argv: string[], io: CommandIo = processIo): Promise<number> {
  const args = parseCommandArgs(COMMAND, argv, SPECS);
  if (args === null) {
    io.stdout(QUANTIZE_HELP);
    return 0;
  }
  const model = args.string("model");
  const out = args.string("out");
  if (model === undefined) throw new CliError(`${COMMAND}: --model DIR is required`);
  if (out === undefined) throw new CliError(`${COMMAND}: --out DIR is required`);
  if (!existsSync(join(model, "config.json"))) {
    throw new CliError(`${COMMAND}: ${join(model, "config.json")} not found`);
  }
  const experts = args.choice("experts", ["mxfp4", "fp8"] as const, "mxfp4");
  const linears = args.choice("linears", ["fp8", "bf16"] as const, "fp8");
  const t0 = performance.now();
  const r = quantizeCheckpoint(model, out, { experts, linears });
  const dtypes = Object.entries(r.byDtype)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([d, n]) => `${n} ${d}`)
    .join(", ");
  const seconds = (performance.now() - t0) / 1000;
  io.stdout(
    `${COMMAND}: wrote ${out}: ${r.tensors} tensors (${dtypes}) in ${r.shards} ` +
      `file${r.shards === 1 ? "" : "s"}, ${megabytes(r.bytesIn)} -> ${megabytes(r.bytesOut)} ` +
      `(${((100 * r.bytesOut) / Math.max(r.bytesIn, 1)).toFixed(1)}%) in ${seconds.toFixed(1)} s\n`,
  );
  return 0;
}
