/** The text of `tessera help`. */
export const HELP = `tessera — DeepSeek-V4-class language models in TypeScript

Usage: tessera <command> [options]

Commands:
  start                      the default end-to-end job (what \`npm start\` runs)
  train [--data FILE]        train a model (or --resume DIR), save a checkpoint directory
  inspect --config FILE      layer schedule and parameter counts of a config.json
  inspect --preset NAME      the same for a preset (flash, pro, nano, tiny)
  inspect DIR                tensors, dtypes and sizes of a checkpoint, checked against its config
  generate --model DIR       continue a prompt with a checkpoint, streaming the text
  eval --model DIR           loss, perplexity and bits per byte on held-out text
  quantize --model DIR --out DIR2
                             write a DeepSeek-layout FP4/FP8 checkpoint that generate and eval read
  reference-check DIR        compare with reference outputs of DeepSeek's own code
  devices                    CPU threads and SIMD support; the WebGPU adapter, features, limits
  help                       this text

Run \`tessera <command> --help\` for the options of a command.
`;
