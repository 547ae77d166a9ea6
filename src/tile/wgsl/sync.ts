/**
 * Which shared tiles each statement reads and writes, for barrier placement: a barrier goes
 * before a statement that reads a tile other threads may have written since the last barrier,
 * or writes a tile they may have written or still be reading.
 */
import type { ExprNode, Stmt } from "../ir.ts";

export interface SharedEffects {
  readonly reads: ReadonlySet<number>;
  readonly writes: ReadonlySet<number>;
}

function readsOf(n: ExprNode, out: Set<number>): void {
  switch (n.op) {
    case "load":
      if (n.buf.kind === "tile" && n.buf.scope === "shared") out.add(n.buf.id);
      n.index.forEach((x) => {
        readsOf(x, out);
      });
      return;
    case "unary":
      readsOf(n.a, out);
      return;
    case "binary":
      readsOf(n.a, out);
      readsOf(n.b, out);
      return;
    case "select":
      readsOf(n.cond, out);
      readsOf(n.a, out);
      readsOf(n.b, out);
      return;
    default:
      return;
  }
}

function collect(s: Stmt, reads: Set<number>, writes: Set<number>): void {
  switch (s.kind) {
    case "copy":
      if (s.src.kind === "tile" && s.src.scope === "shared") reads.add(s.src.id);
      if (s.dst.kind === "tile" && s.dst.scope === "shared") writes.add(s.dst.id);
      s.src.kind !== "tile" &&
        s.src.start.forEach((n) => {
          readsOf(n, reads);
        });
      return;
    case "fill":
      if (s.tile.scope === "shared") writes.add(s.tile.id);
      return;
    case "gemm":
      reads.add(s.a.id);
      reads.add(s.b.id);
      return;
    case "store":
      if (s.buf.kind === "tile" && s.buf.scope === "shared") writes.add(s.buf.id);
      s.index.forEach((n) => {
        readsOf(n, reads);
      });
      readsOf(s.value, reads);
      return;
    case "let":
    case "local":
    case "assign":
      readsOf(s.value, reads);
      return;
    case "parallel":
      s.body.forEach((b) => {
        collect(b, reads, writes);
      });
      return;
    case "for":
      readsOf(s.extent, reads);
      s.body.forEach((b) => {
        collect(b, reads, writes);
      });
      return;
    case "if":
      readsOf(s.cond, reads);
      s.thenBody.forEach((b) => {
        collect(b, reads, writes);
      });
      s.elseBody.forEach((b) => {
        collect(b, reads, writes);
      });
      return;
    default:
      return;
  }
}

/** Shared tiles read and written by one statement (nested statements included). */
export function sharedEffects(s: Stmt): SharedEffects {
  const reads = new Set<number>();
  const writes = new Set<number>();
  collect(s, reads, writes);
  return { reads, writes };
}
