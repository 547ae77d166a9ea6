/**
 * Command-line flags of the `tessera` subcommands, parsed with node:util `parseArgs` in strict
 * mode: a table of flags drives both the parser and the `--help` text, so the two cannot
 * disagree. Every error is a CliError that names the command, the flag and the expected form.
 */
import { parseArgs } from "node:util";
import { CliError } from "./errors.ts";

/** One accepted flag. */
export interface ArgSpec {
  /** "string" takes a value; "boolean" is a switch. */
  type: "string" | "boolean";
  /** How the help text names the value, e.g. "N" or "DIR". */
  value?: string;
  /** One line for the help text. */
  help: string;
  /** The default as shown in the help text; commands apply defaults themselves. */
  shownDefault?: string;
}

/** Flags by name (without the leading dashes). */
export type ArgSpecs = Readonly<Record<string, ArgSpec>>;

interface NumberRule {
  /** Smallest accepted value. */
  min?: number;
  /** Largest accepted value. */
  max?: number;
  /** The smallest value itself is rejected (e.g. a learning rate must be > 0). */
  exclusiveMin?: boolean;
}

/** Parsed flags with typed, validated accessors. */
export class Args {
  constructor(
    /** e.g. "tessera train", used in every message. */
    readonly command: string,
    private readonly values: Readonly<Record<string, string | boolean | undefined>>,
  ) {}

  /** Whether the flag was given on the command line. */
  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  /** Names of the flags that were given. */
  given(): string[] {
    return Object.keys(this.values).filter((k) => this.values[k] !== undefined);
  }

  /** The text of a value flag, or `fallback` when absent. */
  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    const v = this.values[name];
    return typeof v === "string" ? v : fallback;
  }

  /** Whether a switch was given. */
  bool(name: string): boolean {
    return this.values[name] === true;
  }

  /** An integer flag in [min, max]; `fallback` when absent. */
  int(name: string, fallback: number, rule?: NumberRule): number;
  int(name: string, fallback: undefined, rule?: NumberRule): number | undefined;
  int(name: string, fallback: number | undefined, rule: NumberRule = {}): number | undefined {
    const text = this.string(name);
    if (text === undefined) return fallback;
    const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || !inRange(n, rule)) {
      this.fail(name, `an integer${describeRule(rule)}`, text);
    }
    return n;
  }

  /** A finite number flag in [min, max]; `fallback` when absent. */
  number(name: string, fallback: number, rule?: NumberRule): number;
  number(name: string, fallback: undefined, rule?: NumberRule): number | undefined;
  number(name: string, fallback: number | undefined, rule: NumberRule = {}): number | undefined {
    const text = this.string(name);
    if (text === undefined) return fallback;
    const n = text.trim() === "" ? Number.NaN : Number(text);
    if (!Number.isFinite(n) || !inRange(n, rule)) {
      this.fail(name, `a number${describeRule(rule)}`, text);
    }
    return n;
  }

  /** One of `choices`; `fallback` when absent. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const text = this.string(name);
    if (text === undefined) return fallback;
    const hit = choices.find((c) => c === text);
    if (hit === undefined) {
      throw new CliError(
        `${this.command}: --${name} must be one of ${choices.join(", ")}; got "${text}"`,
      );
    }
    return hit;
  }

  private fail(name: string, expected: string, got: string): never {
    throw new CliError(`${this.command}: --${name} expects ${expected}; got "${got}"`);
  }
}

function inRange(n: number, rule: NumberRule): boolean {
  if (rule.min !== undefined && (rule.exclusiveMin ? n <= rule.min : n < rule.min)) return false;
  return rule.max === undefined || n <= rule.max;
}

function describeRule(rule: NumberRule): string {
  const lo = rule.min === undefined ? "" : `${rule.exclusiveMin ? ">" : ">="} ${rule.min}`;
  const hi = rule.max === undefined ? "" : `<= ${rule.max}`;
  if (lo && hi) return ` ${lo} and ${hi}`;
  return lo || hi ? ` ${lo || hi}` : "";
}

/** Error codes of node:util parseArgs (Node >= 20). */
const UNKNOWN = "ERR_PARSE_ARGS_UNKNOWN_OPTION";
const BAD_VALUE = "ERR_PARSE_ARGS_INVALID_OPTION_VALUE";
const POSITIONAL = "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL";

function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  return typeof err.code === "string" ? err.code : undefined;
}

/** The first quoted word of a parseArgs message (`Unknown option '--x'`): the argument. */
function quoted(message: string): string | undefined {
  return /'([^']*)'/.exec(message)?.[1];
}

/**
 * Parses `argv` against `specs`. Returns null when `--help` or `-h` is present (the caller
 * prints `argHelp`). Throws a CliError for an unknown flag (listing the known ones), a missing
 * value, a value given to a switch, and a positional argument.
 */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  specs: ArgSpecs,
): Args | null {
  if (argv.includes("--help") || argv.includes("-h")) return null;
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = { type: spec.type };
  const known = Object.keys(specs)
    .map((n) => `--${n}`)
    .join(", ");
  try {
    const { values } = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: false,
    });
    const out: Record<string, string | boolean | undefined> = {};
    for (const [k, v] of Object.entries(values)) {
      // A repeated flag arrives as its last value; multiple values are not offered here.
      out[k] = Array.isArray(v) ? v[v.length - 1] : v;
    }
    return new Args(command, out);
  } catch (err) {
    const code = errorCode(err);
    const message = err instanceof Error ? err.message : String(err);
    const flag = quoted(message);
    if (code === UNKNOWN) {
      throw new CliError(`${command}: unknown flag ${flag ?? message}; known flags: ${known}`);
    }
    if (code === BAD_VALUE) {
      const name = flag?.replace(/^-+/, "").split(/[ =]/)[0] ?? "";
      const spec = specs[name];
      const form = spec?.value ? ` (${spec.value})` : "";
      const what =
        spec?.type === "boolean"
          ? `--${name} is a switch and takes no value`
          : message.includes("ambiguous")
            ? `--${name}: a value starting with "-" must be written --${name}=VALUE`
            : `--${name} needs a value${form}`;
      throw new CliError(`${command}: ${spec ? what : message}`);
    }
    if (code === POSITIONAL) {
      throw new CliError(`${command}: unexpected argument ${flag ?? message}; flags start with --`);
    }
    throw new CliError(`${command}: ${message}`);
  }
}

/** The `--help` text: the usage line, then one aligned line per flag with its default. */
export function argHelp(usage: string, specs: ArgSpecs): string {
  const entries = Object.entries(specs);
  const left = entries.map(([name, s]) => `  --${name}${s.value ? ` ${s.value}` : ""}`);
  const width = Math.max(10, ...left.map((l) => l.length)) + 2;
  const lines = entries.map(([, s], i) => {
    const dflt = s.shownDefault === undefined ? "" : ` (default: ${s.shownDefault})`;
    return `${left[i]!.padEnd(width)}${s.help}${dflt}`;
  });
  lines.push(`${"  --help".padEnd(width)}this text`);
  return `${usage}\n\nFlags:\n${lines.join("\n")}\n`;
}
