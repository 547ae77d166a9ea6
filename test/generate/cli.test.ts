import assert from "node:assert/strict";
import { rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CliError } from "../../src/cli/errors.ts";
import { EVAL_HELP, runEval } from "../../src/cli/eval.ts";
import { GENERATE_HELP, runGenerate } from "../../src/cli/generate.ts";
import { HELP } from "../../src/cli/help.ts";
import { main } from "../../src/cli/main.ts";
import { generate } from "../../src/model/generate.ts";
import { trainCharTokenizer } from "../../src/train/tokenizer/index.ts";
import { CORPUS, captureIo, tempDir, tinyModel, writeCheckpoint } from "./fixture.ts";

const char = trainCharTokenizer(CORPUS);
const model = tinyModel(char.vocabSize, 4);
const dir = await writeCheckpoint(tempDir(), model, char);

async function run(args: string[], command = runGenerate) {
  const cap = captureIo();
  const code = await command(args, cap.io);
  return { code, out: cap.stdout.join(""), err: cap.stderr.join("") };
}

describe("tessera generate", () => {
  it("streams the prompt and then exactly the generated text", async () => {
    const prompt = "All:\nSpeak";
    const args = ["--model", dir, "--prompt", prompt, "--max-new-tokens", "15"];
    const r = await run([...args, "--temperature", "0.9", "--seed", "5"]);
    assert.equal(r.code, 0);
    const ids = generate(model, char.encode(prompt), {
      temperature: 0.9,
      topK: 0,
      topP: 1,
      seed: 5,
      maxNewTokens: 15,
      stopIds: [char.eosId],
      // The command never produces BOS or PAD inside a text.
      bannedIds: [char.bosId, char.padId].filter((id): id is number => id !== undefined),
    }).ids;
    assert.equal(r.out, `${prompt}${char.decode(ids)}\n`);
    assert.match(r.err, /\d+ tokens in .* tokens\/s/);
    // Same flags, same text; another seed, another text.
    assert.equal((await run([...args, "--temperature", "0.9", "--seed", "5"])).out, r.out);
    assert.notEqual((await run([...args, "--temperature", "0.9", "--seed", "6"])).out, r.out);
  });

  it("takes sampling defaults from generation_config.json, flags first", async () => {
    const short = ["--prompt", "First", "--max-new-tokens", "20"];
    const greedy = await run(["--model", dir, ...short, "--temperature", "0"]);
    const withConfig = await writeCheckpoint(tempDir(), model, char, {
      do_sample: false,
      temperature: 1.3,
      top_k: 5,
      eos_token_id: 1,
    });
    const fromFile = await run(["--model", withConfig, ...short]);
    assert.equal(fromFile.out, greedy.out);
    const flagged = await run(["--model", withConfig, ...short, "--temperature", "1"]);
    assert.notEqual(flagged.out, greedy.out);
  });

  it("starts from BOS when the prompt is empty", async () => {
    const r = await run(["--model", dir, "--max-new-tokens", "5", "--temperature", "0"]);
    const ids = generate(model, [char.bosId], {
      temperature: 0,
      topK: 0,
      topP: 1,
      seed: 0,
      maxNewTokens: 5,
      stopIds: [char.eosId],
    }).ids;
    assert.equal(r.out, `${char.decode(ids)}\n`);
  });

  it("warns when the tokenizer cannot represent the prompt", async () => {
    const r = await run(["--model", dir, "--prompt", "Speak ∑", "--max-new-tokens", "1"]);
    assert.match(r.err, /warning: the tokenizer does not reproduce the prompt exactly/);
  });

  it("--help lists every flag with its default", async () => {
    const r = await run(["--help"]);
    assert.equal(r.out, GENERATE_HELP);
    for (const flag of ["--model", "--prompt", "--max-new-tokens", "--temperature", "--top-k"]) {
      assert.ok(r.out.includes(flag), flag);
    }
    assert.match(r.out, /--max-new-tokens N +.*\(default: 200\)/);
    assert.match(r.out, /--temperature T +.*generation_config\.json, else 0\.8\)/);
    assert.match(r.out, /--top-p P +.*else 1\)/);
    assert.match(r.out, /--seed N +.*\(default: 0\)/);
    assert.match(r.out, /--device NAME +.*\(default: cpu\)/);
  });
});

describe("tessera generate and eval errors", () => {
  const missing = join(tempDir(), "nope");

  async function rejects(args: string[], message: RegExp, command = runGenerate) {
    await assert.rejects(run(args, command), (err: unknown) => {
      assert.ok(err instanceof CliError, `expected a CliError, got ${String(err)}`);
      assert.match(err.message, message);
      return true;
    });
  }

  it("names what is missing from the model directory", async () => {
    await rejects(["--model", missing], new RegExp(`model directory ${missing} does not exist`));
    await rejects(["--model", missing], /does not exist/, runEval);
    const partial = await writeCheckpoint(tempDir(), model, char);
    rmSync(join(partial, "tokenizer.json"));
    await rejects(["--model", partial], new RegExp(`${partial}/tokenizer.json not found`));
    rmSync(join(partial, "model.safetensors"));
    await rejects(["--model", partial], /no weights in .*: neither model.safetensors/);
    rmSync(join(partial, "config.json"));
    await rejects(["--model", partial], /config\.json not found/, runEval);
    const file = join(tempDir(), "file");
    writeFileSync(file, "x");
    await rejects(["--model", file], /is not a directory/);
  });

  it("names a corrupt weights file and a bad generation_config.json value", async () => {
    const corrupt = await writeCheckpoint(tempDir(), model, char);
    truncateSync(join(corrupt, "model.safetensors"), 1000);
    await assert.rejects(
      run(["--model", corrupt]),
      new RegExp(`${corrupt}/model.safetensors: header length .* truncated`),
    );
    const badTopP = await writeCheckpoint(tempDir(), model, char, { top_p: 0 });
    await rejects(["--model", badTopP], /top_p must be in \(0, 1\].*from generation_config\.json/);
  });

  it("rejects bad flags", async () => {
    await rejects([], /--model DIR is required/);
    await rejects(["--model", dir, "--temprature", "1"], /unknown flag --temprature/);
    await rejects(["--model", dir, "--temperature=-1"], /--temperature expects a number >= 0/);
    await rejects(["--model", dir, "--top-p", "0"], /--top-p expects a number > 0 and <= 1/);
    await rejects(["--model", dir, "--top-k", "1.5"], /--top-k expects an integer >= 0; got "1.5"/);
    await rejects(["--model", dir, "--max-new-tokens", "many"], /expects an integer >= 0/);
    await rejects(["--model", dir, "--max-new-tokens=-3"], /expects an integer >= 0/);
    await rejects(["--model", dir, "--seed"], /--seed needs a value/);
    await rejects(["--model", dir, "stray"], /unexpected argument stray/);
    await rejects(
      ["--model", dir, "--device", "tpu"],
      /--device must be one of cpu, cpu-ref, webgpu; got "tpu"/,
    );
    await rejects(
      ["--model", dir, "--all", "--batches", "2"],
      /either --batches or --all/,
      runEval,
    );
    await rejects(["--model", dir, "--seq", "0"], /--seq expects an integer >= 1/, runEval);
    await rejects(["--model", dir, "--split", "train"], /--split must be one of val, all/, runEval);
    await rejects(["--model", dir, "--json=yes"], /--json is a switch/, runEval);
  });

  it("names a missing or empty data file", async () => {
    const data = join(tempDir(), "missing.txt");
    const args = (file: string) => ["--model", dir, "--data", file];
    await assert.rejects(runEval(args(data), captureIo().io), new RegExp(`${data} does not exist`));
    const empty = join(tempDir(), "empty.txt");
    writeFileSync(empty, "");
    await assert.rejects(runEval(args(empty), captureIo().io), /is empty/);
    const short = join(tempDir(), "short.txt");
    writeFileSync(short, "ab");
    await rejects(args(short), /need at least 2/, runEval);
  });

  it("eval --help lists its flags; tessera help lists both commands", async () => {
    const r = await run(["-h"], runEval);
    assert.equal(r.out, EVAL_HELP);
    for (const flag of ["--data", "--seq", "--batches N", "--all", "--json", "--split"]) {
      assert.ok(r.out.includes(flag), flag);
    }
    assert.match(HELP, /generate --model DIR/);
    assert.match(HELP, /eval --model DIR/);
  });

  it("tessera dispatches to both commands; a CliError exits with 2", async () => {
    assert.equal(await main(["generate", "--model", missing]), 2);
    assert.equal(await main(["eval", "--model", missing]), 2);
  });
});
