/**
 * `tessera generate`: continue a prompt with a trained checkpoint, streaming the text to stdout
 * as tokens are chosen.
 */
import { type GenerateOptions, generate } from "../model/generate.ts";
import type { GenerationDefaults } from "../model/generation-config.ts";
import { checkSamplingOptions, type SamplingOptions } from "../model/sampling.ts";
import {
  createStreamDecoder,
  type StreamDecoder,
  type TextTokenizer,
} from "../train/tokenizer/index.ts";
import { type ArgSpecs, type Args, argHelp, parseCommandArgs } from "./args.ts";
import { type CommandIo, processIo } from "./command-io.ts";
import { DEVICE_FLAG, deviceKind, withDevice } from "./device-flag.ts";
import { CliError } from "./errors.ts";
import { loadModelDir } from "./model-dir.ts";

const COMMAND = "tessera generate";

/** Used when neither a flag nor generation_config.json sets the value. */
export const GENERATE_DEFAULTS = Object.freeze({
  maxNewTokens: 200,
  temperature: 0.8,
  topK: 0,
  topP: 1,
  seed: 0,
});

const FROM_FILE = "generation_config.json, else";

const SPECS: ArgSpecs = {
  model: { type: "string", value: "DIR", help: "checkpoint directory (required)" },
  prompt: {
    type: "string",
    value: "TEXT",
    help: "text to continue; empty starts from the BOS token",
    shownDefault: '""',
  },
  "max-new-tokens": {
    type: "string",
    value: "N",
    help: "stop after N new tokens (or earlier at EOS)",
    shownDefault: String(GENERATE_DEFAULTS.maxNewTokens),
  },
  temperature: {
    type: "string",
    value: "T",
    help: "sampling temperature; 0 is greedy",
    shownDefault: `${FROM_FILE} ${GENERATE_DEFAULTS.temperature}`,
  },
  "top-k": {
    type: "string",
    value: "K",
    help: "sample among the K most likely tokens; 0 is off",
    shownDefault: `${FROM_FILE} ${GENERATE_DEFAULTS.topK}`,
  },
  "top-p": {
    type: "string",
    value: "P",
    help: "sample within the top probability mass P; 1 is off",
    shownDefault: `${FROM_FILE} ${GENERATE_DEFAULTS.topP}`,
  },
  seed: {
    type: "string",
    value: "N",
    help: "seed of the sampler",
    shownDefault: String(GENERATE_DEFAULTS.seed),
  },
  device: DEVICE_FLAG,
};

/** The `tessera generate --help` text. */
export const GENERATE_HELP = argHelp(
  "usage: tessera generate --model DIR [--prompt TEXT] [flags]\n\n" +
    "Continues TEXT with the model in DIR and streams the result to stdout.",
  SPECS,
);

/** Flag, else generation_config.json, else the built-in default; ranges checked. */
export function samplingSettings(args: Args, gen: GenerationDefaults): SamplingOptions {
  // do_sample: false in generation_config.json means greedy unless a flag asks otherwise.
  const fileTemperature = gen.doSample === false ? 0 : gen.temperature;
  const opts = {
    temperature: args.number("temperature", fileTemperature ?? GENERATE_DEFAULTS.temperature, {
      min: 0,
    }),
    topK: args.int("top-k", gen.topK ?? GENERATE_DEFAULTS.topK, { min: 0 }),
    topP: args.number("top-p", gen.topP ?? GENERATE_DEFAULTS.topP, {
      min: 0,
      exclusiveMin: true,
      max: 1,
    }),
  };
  // Values from generation_config.json have not been range-checked by the flag parser.
  try {
    checkSamplingOptions(opts);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(`${COMMAND}: ${reason} (from generation_config.json)`);
  }
  return opts;
}

/** Prompt ids, each checked against the model's vocabulary. */
function encodePrompt(tok: TextTokenizer, prompt: string, vocabSize: number, io: CommandIo) {
  const ids = tok.encode(prompt);
  ids.forEach((id, i) => {
    if (id >= vocabSize) {
      throw new CliError(
        `${COMMAND}: prompt token ${i} (id ${id}, ${JSON.stringify(tok.decode([id]))}) is ` +
          `outside the model's vocabulary [0, ${vocabSize})`,
      );
    }
  });
  // Tokenizers without an unknown token drop characters they lack; say so rather than
  // silently continuing a different prompt.
  if (tok.decode(ids) !== prompt) {
    io.stderr(
      `${COMMAND}: warning: the tokenizer does not reproduce the prompt exactly; the model ` +
        `sees ${JSON.stringify(tok.decode(ids))}\n`,
    );
  }
  return ids;
}

/**
 * A stream decoder for the tokens that follow `promptIds`: what its `push` and `flush` return
 * concatenates to decode(prompt + new) minus decode(prompt), and holds back partial UTF-8
 * characters. The prompt is fed first so that tokens whose text depends on their left
 * neighbour (a dropped leading space, the rest of a character) decode as in a full decode.
 */
export function continuationDecoder(
  tok: TextTokenizer,
  promptIds: ArrayLike<number>,
): StreamDecoder {
  const decoder = createStreamDecoder(tok);
  for (let i = 0; i < promptIds.length; i++) decoder.push(promptIds[i]!);
  return decoder;
}

/**
 * Runs `generate` with the arguments after the command name; returns the exit code. Writes
 * the prompt and then the generated text to stdout as it is produced (whole characters only),
 * a newline at the end, and a one-line summary to stderr. Throws a CliError for bad flags and
 * for an incomplete model directory.
 */
export async function runGenerate(argv: string[], io: CommandIo = processIo): Promise<number> {
  const args = parseCommandArgs(COMMAND, argv, SPECS);
  if (args === null) {
    io.stdout(GENERATE_HELP);
    return 0;
  }
  const dir = args.string("model");
  if (dir === undefined) throw new CliError(`${COMMAND}: --model DIR is required`);
  deviceKind(args);
  const maxNewTokens = args.int("max-new-tokens", GENERATE_DEFAULTS.maxNewTokens, { min: 0 });
  const seed = args.int("seed", GENERATE_DEFAULTS.seed);
  samplingSettings(args, {});
  return withDevice(args, async () => {
    const { model, tokenizer: tok, generation: gen } = await loadModelDir(COMMAND, dir);
    const sampling = samplingSettings(args, gen);
    const prompt = args.string("prompt", "");
    const promptIds = encodePrompt(tok, prompt, model.cfg.vocabSize, io);
    const opts: GenerateOptions = {
      ...sampling,
      maxNewTokens,
      seed,
      stopIds: gen.eosTokenIds ?? (tok.eosId === undefined ? [] : [tok.eosId]),
      // A model whose vocabulary is padded beyond the tokenizer's must not pick an id that
      // has no text.
      vocabLimit: Math.min(tok.vocabSize, model.cfg.vocabSize),
      bannedIds: [tok.bosId, tok.padId].filter((id): id is number => id !== undefined),
    };
    if (tok.bosId !== undefined) opts.bosId = gen.bosTokenId ?? model.cfg.bosTokenId;

    const decoder = continuationDecoder(tok, promptIds);
    io.stdout(prompt);
    const t0 = performance.now();
    const result = generate(model, promptIds, opts, (id) => {
      const text = decoder.push(id);
      if (text !== "") io.stdout(text);
    });
    io.stdout(`${decoder.flush()}\n`);
    const seconds = (performance.now() - t0) / 1000;
    const n = result.ids.length;
    const why = result.reason === "stop" ? "end-of-sequence token" : "--max-new-tokens";
    io.stderr(
      `${COMMAND}: ${n} tokens in ${seconds.toFixed(2)} s ` +
        `(${(n / Math.max(seconds, 1e-9)).toFixed(1)} tokens/s), stopped by ${why}\n`,
    );
    return 0;
  });
}
