import { rename, rm, writeFile } from "node:fs/promises";
import type { TextTokenizer } from "./types.ts";

/**
 * Writes `tok` as a Hugging Face `tokenizer.json` at `path`. The text goes to
 * `<path>.tmp-<pid>` first and is renamed into place, so readers never see a partial file;
 * the temporary file is removed if writing fails.
 */
export async function saveTokenizer(tok: TextTokenizer, path: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const text = `${JSON.stringify(tok.toJSON(), null, 2)}\n`;
  try {
    await writeFile(tmp, text, "utf8");
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`saveTokenizer: cannot write ${path}: ${message}`, { cause: err });
  }
}
