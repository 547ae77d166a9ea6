/** The text of `tessera help`. */
export const HELP = `tessera — DeepSeek-V4-class language models in TypeScript

Usage: tessera <command> [options]

Commands:
  start                      the default end-to-end job (what \`npm start\` runs)
  inspect --config FILE      layer schedule and parameter counts of a config.json
  inspect --preset NAME      the same for a preset (flash, pro, nano, tiny)
  reference-check DIR        compare with reference outputs of DeepSeek's own code
  help                       this text

Run \`tessera <command> --help\` for the options of a command.
`;
