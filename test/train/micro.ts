// Shared by the training tests: a V4 configuration small enough for a step to take tens of
// milliseconds on the CPU reference backend while keeping every feature (CSA layer with the
// indexer, hash and learned routing, mHC, MTP), and a small repetitive corpus.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelConfig } from "../../src/model/config.ts";
import { getPreset } from "../../src/model/presets.ts";

/** Two decoder layers (hash-routed sliding, CSA) and one MTP block, width 16. */
export function microConfig(): ModelConfig {
  return {
    ...getPreset("nano"),
    hiddenSize: 16,
    numLayers: 2,
    numHeads: 2,
    headDim: 8,
    ropeHeadDim: 4,
    qLoraRank: 8,
    oGroups: 1,
    oLoraRank: 8,
    slidingWindow: 4,
    compressRatios: [0, 4, 0],
    indexNumHeads: 2,
    indexHeadDim: 8,
    indexTopk: 2,
    numRoutedExperts: 4,
    numExpertsPerTok: 2,
    moeIntermediateSize: 16,
    numHashLayers: 1,
  };
}

/** A fresh temporary directory and its removal. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "tessera-train-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a small repetitive corpus (a few distinct characters) into `dir`; returns its path. */
export function writeCorpus(dir: string, text = "abcabd abcabd aabbcc. ".repeat(60)): string {
  const path = join(dir, "corpus.txt");
  writeFileSync(path, text);
  return path;
}

/** A logger sink that keeps everything written, for assertions. */
export function memorySink(isTTY = false): {
  sink: { out: (t: string) => void; err: (t: string) => void; isTTY: boolean };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { sink: { out: (t) => out.push(t), err: (t) => err.push(t), isTTY }, out, err };
}
