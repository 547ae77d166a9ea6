/**
 * `tessera eval`: loss, perplexity and bits per byte of a checkpoint on held-out text.
 */
import { fileURLToPath } from "node:url";
import { evaluateTokens } from "../model/evaluate.ts";
import { readCorpus, splitCorpus, VALIDATION_FRACTION } from "../train/data.ts";
import { type ArgSpecs, argHelp, parseCommandArgs } from "./args.ts";
import { type CommandIo, processIo } from "./command-io.ts";
import { DEVICE_FLAG, deviceKind, withDevice } from "./device-flag.ts";
import { CliError } from "./errors.ts";
import { tokenBytes, utf8Length } from "./eval-text.ts";
import { loadModelDir } from "./model-dir.ts";

const COMMAND = "tessera eval";

/** The corpus evaluated when no --data is given. */
export const BUNDLED_CORPUS = fileURLToPath(
  new URL("../../data/tinyshakespeare.txt", import.meta.url),
);

/** Used when the flag is not given. */
export const EVAL_DEFAULTS = Object.freeze({ seq: 128, batch: 8, batches: 10 });

const SPECS: ArgSpecs = {
  model: { type: "string", value: "DIR", help: "checkpoint directory (required)" },
  data: {
    type: "string",
    value: "FILE",
    help: "UTF-8 text to evaluate on",
    shownDefault: "the bundled data/tinyshakespeare.txt",
  },
  split: {
    type: "string",
    value: "val|all",
    help: `val: the last ${VALIDATION_FRACTION * 100}% of the text, as in training; all: all of it`,
    shownDefault: "val",
  },
  seq: {
    type: "string",
    value: "N",
    help: "tokens of context per window (windows do not overlap)",
    shownDefault: String(EVAL_DEFAULTS.seq),
  },
  batch: {
    type: "string",
    value: "N",
    help: "windows per forward pass",
    shownDefault: String(EVAL_DEFAULTS.batch),
  },
  batches: {
    type: "string",
    value: "N",
    help: "evaluate the first N batches of windows",
    shownDefault: String(EVAL_DEFAULTS.batches),
  },
  all: { type: "boolean", help: "evaluate every window of the text instead" },
  json: { type: "boolean", help: "print one JSON object instead of a table" },
  device: DEVICE_FLAG,
};

/** The `tessera eval --help` text. */
export const EVAL_HELP = argHelp(
  "usage: tessera eval --model DIR [--data FILE] [--seq N] [--batches N | --all] [--json]\n\n" +
    "Mean next-token loss (nats), perplexity and bits per byte of the model in DIR.\n" +
    "Bits per byte = total nats / ln 2 / UTF-8 bytes of the predicted tokens, so numbers of\n" +
    "different tokenizers compare.",
  SPECS,
);

/** What `tessera eval --json` prints. */
export interface EvalReport {
  model: string;
  data: string;
  split: "val" | "all";
  seq: number;
  windows: number;
  /** Predicted tokens. */
  tokens: number;
  /** UTF-8 bytes of the predicted tokens. */
  bytes: number;
  /** Mean cross-entropy per token, nats. */
  loss: number;
  /** exp(loss). */
  perplexity: number;
  bitsPerByte: number;
  seconds: number;
}

function formatReport(r: EvalReport): string {
  const int = (n: number) => n.toLocaleString("en-US");
  const part = r.split === "val" ? `last ${VALIDATION_FRACTION * 100}%` : "whole text";
  return (
    `model       ${r.model}\n` +
    `data        ${r.data} (${part})\n` +
    `windows     ${int(r.windows)} of up to ${r.seq} tokens: ${int(r.tokens)} tokens predicted, ` +
    `${int(r.bytes)} bytes\n` +
    `loss        ${r.loss.toFixed(4)} nats/token\n` +
    `perplexity  ${r.perplexity.toFixed(3)}\n` +
    `bits/byte   ${r.bitsPerByte.toFixed(4)}\n`
  );
}

/** Writes "done/total" to stderr at most once a second, once the run has taken a second. */
function progressReporter(io: CommandIo): {
  update(done: number, total: number): void;
  end(): void;
} {
  const t0 = performance.now();
  let last = t0;
  let shown = false;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 1000 || done === total) return;
      last = now;
      shown = true;
      const line = `${COMMAND}: ${done}/${total} windows (${((now - t0) / 1000).toFixed(0)} s)`;
      io.stderr(io.stderrIsTTY ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (shown && io.stderrIsTTY) io.stderr("\n");
    },
  };
}

/**
 * Runs `eval` with the arguments after the command name; returns the exit code. Throws a
 * CliError for bad flags, text too short for one prediction and an incomplete model
 * directory, and the corpus reader's error for a missing, empty or non-UTF-8 data file.
 */
export async function runEval(argv: string[], io: CommandIo = processIo): Promise<number> {
  const args = parseCommandArgs(COMMAND, argv, SPECS);
  if (args === null) {
    io.stdout(EVAL_HELP);
    return 0;
  }
  const dir = args.string("model");
  if (dir === undefined) throw new CliError(`${COMMAND}: --model DIR is required`);
  deviceKind(args);
  const split = args.choice("split", ["val", "all"] as const, "val");
  if (args.bool("all") && args.has("batches")) {
    throw new CliError(`${COMMAND}: give either --batches or --all, not both`);
  }
  const seq = args.int("seq", EVAL_DEFAULTS.seq, { min: 1 });
  const batch = args.int("batch", EVAL_DEFAULTS.batch, { min: 1 });
  const batches = args.int("batches", EVAL_DEFAULTS.batches, { min: 1 });
  const dataPath = args.string("data", BUNDLED_CORPUS);
  const corpus = readCorpus(dataPath);
  const text = split === "val" ? splitCorpus(corpus).val : corpus;

  return withDevice(args, async () => {
    const { model, tokenizer: tok } = await loadModelDir(COMMAND, dir);
    const ids = Int32Array.from(tok.encode(text));
    if (ids.length < 2) {
      throw new CliError(
        `${COMMAND}: the evaluated text of ${dataPath} has ${ids.length} token(s); ` +
          "need at least 2 to predict one",
      );
    }
    if (utf8Length(tok.decode(ids)) !== utf8Length(text)) {
      io.stderr(`${COMMAND}: warning: the tokenizer does not reproduce the text exactly\n`);
    }
    const progress = progressReporter(io);
    const t0 = performance.now();
    const totals = evaluateTokens(model, ids, {
      seq,
      batch,
      ...(args.bool("all") ? {} : { maxWindows: batches * batch }),
      onProgress: progress.update,
    });
    progress.end();
    const bytes = tokenBytes(tok, ids, 1, 1 + totals.tokens);
    const report: EvalReport = {
      model: dir,
      data: dataPath,
      split,
      seq,
      windows: totals.windows,
      tokens: totals.tokens,
      bytes,
      loss: totals.loss,
      perplexity: Math.exp(totals.loss),
      bitsPerByte: totals.nats / Math.LN2 / bytes,
      seconds: (performance.now() - t0) / 1000,
    };
    io.stdout(args.bool("json") ? `${JSON.stringify(report)}\n` : formatReport(report));
    return 0;
  });
}
