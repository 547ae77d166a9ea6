/**
 * Call-site capture for DSL errors: every DSL call records the file:line:col of the kernel
 * source line that made it, so an error found while building or compiling names that line
 * rather than a line inside the DSL implementation.
 */
const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/** Directory of the DSL implementation; frames from files directly inside it are skipped. */
const DSL_DIR = dirOf(import.meta.url);

/** File URL -> path without node:url, so the DSL also loads in browsers. */
function toPath(url: string): string {
  return url.startsWith("file:") ? decodeURIComponent(new URL(url).pathname) : url;
}

function dirOf(url: string): string {
  const path = toPath(url);
  return path.slice(0, path.lastIndexOf("/") + 1);
}

function isDslFrame(file: string): boolean {
  return file.startsWith(DSL_DIR) && !file.slice(DSL_DIR.length).includes("/");
}

/** "path:line:col" of the innermost caller outside the DSL implementation, cwd-relative. */
export function callSite(): string {
  const stack = new Error().stack ?? "";
  for (const line of stack.split("\n").slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    const file = toPath(m[1]!);
    if (isDslFrame(file) || file.startsWith("node:")) continue;
    return `${relative(file)}:${m[2]}:${m[3]}`;
  }
  return "<unknown>";
}

function relative(file: string): string {
  const cwd = typeof process === "undefined" ? "" : `${process.cwd()}/`;
  return cwd && file.startsWith(cwd) ? file.slice(cwd.length) : file;
}
