/**
 * Thread layout pass for targets with many threads per block (WGSL). The block's T threads
 * form a grid ty x tx (T = tY·tX); fragments are spread over it cyclically:
 *   2-D fragment [R, C]: element (i, j) belongs to thread (i mod tY, j mod tX);
 *   1-D "row" fragment [R] (a per-row value, e.g. reduce along axis 1): element i belongs to
 *     every thread with ty = i mod tY (replicated over tx);
 *   1-D "col" fragment [C]: element j belongs to every thread with tx = j mod tX.
 * A parallel loop that touches fragments must index each of them by its own loop variables,
 * so every iteration runs on the thread that owns its elements and needs no communication.
 * The pass infers each 1-D fragment's role, checks those rules (errors at the DSL line) and
 * picks tY, tX to minimise registers per thread and idle threads.
 */
import { TileError } from "../errors.ts";
import type { ExprNode, Kernel, Stmt, TileDecl } from "../ir.ts";

export type FragRole = "2d" | "row" | "col";

export interface ThreadLayout {
  readonly threads: number;
  readonly tY: number;
  readonly tX: number;
  readonly roles: ReadonlyMap<number, FragRole>;
}

/** Per-thread register slots of a fragment: [rows owned, cols owned] (1-D: one is 1). */
export function regShape(l: ThreadLayout, t: TileDecl): [number, number] {
  const role = l.roles.get(t.id) ?? "row";
  if (role === "2d") return [Math.ceil(t.shape[0]! / l.tY), Math.ceil(t.shape[1]! / l.tX)];
  if (role === "row") return [Math.ceil(t.shape[0]! / l.tY), 1];
  return [1, Math.ceil(t.shape[0]! / l.tX)];
}

/** A fragment element access and the statement (its DSL line) that makes it. */
export interface FragAccess {
  readonly tile: TileDecl;
  readonly index: readonly ExprNode[];
  readonly loc: string;
}

function fragLoads(n: ExprNode, loc: string, out: FragAccess[]): void {
  switch (n.op) {
    case "load":
      if (n.buf.kind === "tile" && n.buf.scope === "fragment")
        out.push({ tile: n.buf, index: n.index, loc });
      n.index.forEach((x) => {
        fragLoads(x, loc, out);
      });
      return;
    case "unary":
      fragLoads(n.a, loc, out);
      return;
    case "binary":
      fragLoads(n.a, loc, out);
      fragLoads(n.b, loc, out);
      return;
    case "select":
      fragLoads(n.cond, loc, out);
      fragLoads(n.a, loc, out);
      fragLoads(n.b, loc, out);
      return;
    default:
      return;
  }
}

/** Every fragment access (loads and stores) inside a statement list. */
export function fragAccesses(stmts: readonly Stmt[]): FragAccess[] {
  const out: FragAccess[] = [];
  const visit = (list: readonly Stmt[]): void => {
    for (const s of list) {
      switch (s.kind) {
        case "store":
          if (s.buf.kind === "tile" && s.buf.scope === "fragment")
            out.push({ tile: s.buf, index: s.index, loc: s.loc });
          s.index.forEach((x) => {
            fragLoads(x, s.loc, out);
          });
          fragLoads(s.value, s.loc, out);
          break;
        case "let":
        case "local":
        case "assign":
          fragLoads(s.value, s.loc, out);
          break;
        case "if":
          fragLoads(s.cond, s.loc, out);
          visit(s.thenBody);
          visit(s.elseBody);
          break;
        case "for":
          fragLoads(s.extent, s.loc, out);
          visit(s.body);
          break;
        default:
          break;
      }
    }
  };
  visit(stmts);
  return out;
}

const isVar = (n: ExprNode | undefined, id: number): boolean => n?.op === "sym" && n.sym.id === id;

function inferRoles(kernel: Kernel, roles: Map<number, FragRole>): void {
  for (const t of kernel.tiles)
    if (t.scope === "fragment" && t.shape.length === 2) roles.set(t.id, "2d");
  const setRole = (t: TileDecl, role: FragRole, loc: string): void => {
    const had = roles.get(t.id);
    if (had && had !== role) {
      throw new TileError(`fragment ${t.name} is used both as a ${had} and a ${role} vector`, loc);
    }
    roles.set(t.id, role);
  };
  const visit = (list: readonly Stmt[]): void => {
    for (const s of list) {
      if (s.kind === "reduce") setRole(s.dst, s.axis === 1 ? "row" : "col", s.loc);
      if (s.kind === "for") visit(s.body);
      if (s.kind === "if") {
        visit(s.thenBody);
        visit(s.elseBody);
      }
      if (s.kind === "parallel" && s.vars.length === 2) {
        for (const a of fragAccesses(s.body)) {
          if (a.tile.shape.length !== 1) continue;
          if (isVar(a.index[0], s.vars[0]!.id)) setRole(a.tile, "row", s.loc);
          else if (isVar(a.index[0], s.vars[1]!.id)) setRole(a.tile, "col", s.loc);
        }
      }
    }
  };
  visit(kernel.body);
  for (const t of kernel.tiles)
    if (t.scope === "fragment" && !roles.has(t.id)) roles.set(t.id, "row");
}

/** Checks that parallel loops index fragments by their own loop variables. */
function checkLoops(stmts: readonly Stmt[], roles: ReadonlyMap<number, FragRole>): void {
  for (const s of stmts) {
    if (s.kind === "for") checkLoops(s.body, roles);
    if (s.kind === "if") {
      checkLoops(s.thenBody, roles);
      checkLoops(s.elseBody, roles);
    }
    if (s.kind !== "parallel") continue;
    for (const a of fragAccesses(s.body)) {
      const role = roles.get(a.tile.id)!;
      const want =
        s.vars.length === 2
          ? role === "2d"
            ? [s.vars[0]!, s.vars[1]!]
            : role === "row"
              ? [s.vars[0]!]
              : [s.vars[1]!]
          : role === "2d"
            ? null
            : [s.vars[0]!];
      const extents =
        s.vars.length === 2
          ? role === "2d"
            ? s.extents
            : role === "row"
              ? [s.extents[0]!]
              : [s.extents[1]!]
          : [s.extents[0]!];
      const ok =
        want?.every((v, d) => isVar(a.index[d], v.id)) && a.tile.shape.join() === extents.join();
      if (!ok) {
        throw new TileError(
          `parallel over [${s.extents}]: fragment ${a.tile.name} [${a.tile.shape}] (${role}) ` +
            "must be indexed by the loop variables over its whole shape " +
            "(fragments live in other threads' registers)",
          a.loc,
        );
      }
    }
  }
}

/**
 * Registers x threads plus idle register slots, then (as a tie-break, scaled below 1) the
 * operands a thread loads per K step of a gemm (rows + cols owned): square blocks reuse more.
 */
function cost(
  kernel: Kernel,
  roles: ReadonlyMap<number, FragRole>,
  threads: number,
  tY: number,
): number {
  const l: ThreadLayout = { threads, tY, tX: threads / tY, roles };
  let regs = 0;
  let idle = 0;
  let loads = 0;
  for (const t of kernel.tiles) {
    if (t.scope !== "fragment") continue;
    const [a, b] = regShape(l, t);
    regs += a * b;
    loads += a + b;
    const used = roles.get(t.id) === "2d" ? t.shape[0]! * t.shape[1]! : t.shape[0]!;
    idle +=
      a * b * (roles.get(t.id) === "2d" ? threads : roles.get(t.id) === "row" ? tY : l.tX) - used;
  }
  return regs * threads + idle + loads / (1 + 64 * threads);
}

/** Chooses the thread grid of a kernel and the roles of its fragments. */
export function chooseLayout(kernel: Kernel): ThreadLayout {
  const roles = new Map<number, FragRole>();
  inferRoles(kernel, roles);
  checkLoops(kernel.body, roles);
  const threads = kernel.threads;
  let best = 1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let tY = 1; tY <= threads; tY *= 2) {
    const c = cost(kernel, roles, threads, tY);
    if (c < bestCost) {
      best = tY;
      bestCost = c;
    }
  }
  return { threads, tY: best, tX: threads / best, roles };
}
