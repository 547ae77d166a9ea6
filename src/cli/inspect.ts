// `tessera inspect`: print the configuration summary, layer schedule and parameter counts of a
// config.json file or of a named preset; or, given a checkpoint directory, its tensors by group
// with dtypes, shapes and bytes, and their validation against the directory's config.json.

import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inspectCheckpoint } from "../model/checkpoint-inspect.ts";
import { formatCheckpointReport } from "../model/checkpoint-report.ts";
import { parseConfig } from "../model/config-parse.ts";
import { formatInspect } from "../model/inspect.ts";
import { readConfig } from "../model/load.ts";
import { getPreset } from "../model/presets.ts";

const USAGE = "usage: tessera inspect DIR | --config FILE | --preset NAME";

/**
 * Runs `inspect` with the arguments after the command name: a checkpoint directory `DIR`,
 * `--config FILE` (a config.json in any accepted spelling) or `--preset NAME`, also as
 * `--config=FILE` / `--preset=NAME`. Writes the report through `write` and returns the exit
 * code: 1 when a checkpoint does not match its config.json (missing, unexpected or mis-shaped
 * tensors), else 0. Throws with the usage line on bad arguments and with the parser's message
 * on a bad config.
 */
export function runInspect(
  args: readonly string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): number {
  const opts = parseArgs(args);
  if ("dir" in opts) {
    const { dir } = opts;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`inspect: "${dir}" is not a directory\n${USAGE}`);
    }
    if (!existsSync(join(dir, "config.json"))) {
      throw new Error(`inspect: ${join(dir, "config.json")} not found; a checkpoint needs one`);
    }
    const report = inspectCheckpoint(dir, readConfig(dir));
    write(`${formatCheckpointReport(report)}\n`);
    const problems = report.missing.length + report.unexpected.length + report.misshaped.length;
    return problems === 0 ? 0 : 1;
  }
  if ("config" in opts) {
    let text: string;
    try {
      text = readFileSync(opts.config, "utf8");
    } catch (err) {
      throw new Error(`inspect: cannot read "${opts.config}": ${reason(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new Error(`inspect: "${opts.config}" is not valid JSON: ${reason(err)}`);
    }
    write(
      `${formatInspect(parseConfig(json, opts.config), `DeepSeek-V4 model (${opts.config})`)}\n`,
    );
    return 0;
  }
  write(`${formatInspect(getPreset(opts.preset), `DeepSeek-V4 model (preset ${opts.preset})`)}\n`);
  return 0;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function parseArgs(
  args: readonly string[],
): { config: string } | { preset: string } | { dir: string } {
  const values = new Map<string, string>();
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("-")) {
      dirs.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (flag !== "--config" && flag !== "--preset") {
      throw new Error(`inspect: unknown argument "${arg}"\n${USAGE}`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === "") {
      throw new Error(`inspect: ${flag} needs a value\n${USAGE}`);
    }
    values.set(flag, value);
  }
  const config = values.get("--config");
  const preset = values.get("--preset");
  const given = dirs.length + (config === undefined ? 0 : 1) + (preset === undefined ? 0 : 1);
  if (given !== 1) {
    throw new Error(
      `inspect: give exactly one of --config and --preset, or one checkpoint DIR\n${USAGE}`,
    );
  }
  if (dirs[0] !== undefined) return { dir: dirs[0] };
  return config !== undefined ? { config } : { preset: preset ?? "" };
}
