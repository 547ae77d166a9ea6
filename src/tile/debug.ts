/**
 * The DSL's one logging knob: TESSERA_DEBUG=4 (or more) prints every kernel's generated source
 * (WGSL or WAT) to stderr when it is compiled, under a header naming the kernel and target.
 */

/** The TESSERA_DEBUG level (0 when unset or outside Node). */
export function debugLevel(): number {
  if (typeof process === "undefined") return 0;
  const v = Number(process.env.TESSERA_DEBUG ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/** Prints generated source when the debug level is 4 or more. */
export function printSource(target: "wgsl" | "wat", name: string, text: () => string): void {
  if (debugLevel() < 4) return;
  process.stderr.write(`==== ${name} (${target}) ====\n${text()}\n`);
}
