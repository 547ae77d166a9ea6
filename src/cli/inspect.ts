// `tessera inspect`: print the configuration summary, layer schedule and parameter counts of a
// config.json file or of a named preset.

import { readFileSync } from "node:fs";
import { parseConfig } from "../model/config-parse.ts";
import { formatInspect } from "../model/inspect.ts";
import { getPreset } from "../model/presets.ts";

const USAGE = "usage: tessera inspect --config FILE | --preset NAME";

/**
 * Runs `inspect` with the arguments after the command name: `--config FILE` (a config.json in
 * any accepted spelling) or `--preset NAME`, also as `--config=FILE` / `--preset=NAME`.
 * Writes the report through `write`; throws with the usage line on bad arguments and with the
 * parser's message on a bad config.
 */
export function runInspect(
  args: readonly string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): void {
  const opts = parseArgs(args);
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
    return;
  }
  write(`${formatInspect(getPreset(opts.preset), `DeepSeek-V4 model (preset ${opts.preset})`)}\n`);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function parseArgs(args: readonly string[]): { config: string } | { preset: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
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
  if ((config === undefined) === (preset === undefined)) {
    throw new Error(`inspect: give exactly one of --config and --preset\n${USAGE}`);
  }
  return config !== undefined ? { config } : { preset: preset ?? "" };
}
