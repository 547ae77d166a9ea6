/** The `tessera` command: dispatches to one module per subcommand. */
import { CliError } from "./errors.ts";
import { HELP } from "./help.ts";

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import("./start.ts")).runStart,
  train: async () => (await import("./train.ts")).runTrain,
  "reference-check": async () => (await import("./reference-check.ts")).runReferenceCheck,
  generate: async () => (await import("./generate.ts")).runGenerate,
  eval: async () => (await import("./eval.ts")).runEval,
  quantize: async () => (await import("./quantize.ts")).runQuantize,
  devices: async () => (await import("./devices.ts")).runDevices,
  inspect: async () => {
    const { runInspect } = await import("./inspect.ts");
    return async (args) => runInspect(args);
  },
};

/** Runs the CLI with `argv` (without node and script); returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(HELP);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(
      `tessera: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(", ")}.\n` +
        "Run `tessera help` for usage.\n",
    );
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    // Errors are for people: the message names what was wrong; the stack only on request.
    const message = err instanceof Error ? err.message : String(err);
    // Flag errors already name the command ("tessera train: --steps ..."); others get it here.
    const prefix = `tessera ${name}: `;
    // Module-level messages start with the command's own name ("inspect: ..."); say it once.
    const text = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
    process.stderr.write(`${text.startsWith(prefix) ? "" : prefix}${text}\n`);
    if (process.env.TESSERA_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return err instanceof CliError ? 2 : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
