// Shared inputs for the tokenizer tests: a small multilingual training corpus and texts that
// stress the edges (multi-byte UTF-8, emoji sequences, whitespace runs, special tokens).

export const CORPUS = [
  "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox doesn't.",
  "Le café était très animé, et l'hôtel près de la gare était complet.",
  "東京は日本の首都です。京都も有名な都市です。",
  "Emoji: 👍 🎉 👩‍👩‍👧 🇫🇷 🇯🇵 and a thumbs up 👍 again 👍🏽.",
  "Numbers 12345 and 2024-06-01, prices $9.99 or €10.\n\n\tIndented line\r\n  two  spaces",
]
  .join("\n")
  .repeat(3);

/** Texts every round trip must reproduce exactly; all characters occur in CORPUS. */
export const ROUND_TRIP_TEXTS: Record<string, string> = {
  ascii: "The lazy fox jumps over the quick dog.",
  accented: "Très animé, le café près de l'hôtel.",
  cjk: "京都は日本の都市です。",
  emojiZwjAndFlags: "👩‍👩‍👧 🇫🇷🇯🇵 👍🏽 🎉",
  whitespace: "  two  spaces\n\n\tIndented\r\nline  ",
  numbers: "12345 $9.99 €10 2024-06-01",
  specials: "<|bos|>The fox<|eos|><|pad|>",
};

/** Texts with characters the corpus never saw (only byte-level BPE can encode them). */
export const UNSEEN_TEXTS: Record<string, string> = {
  greek: "Καλημέρα κόσμε",
  rareEmoji: "🦩🪐 🏳️‍🌈 🧑🏿‍🚀",
  mixed: "naïve Ωmega ½ ☃ 𝄞 \uFEFFbom",
  contractions: "we'll they've I'm she'd you're it's",
  longRun: `${"a".repeat(300)} ${" ".repeat(40)}x`,
};
