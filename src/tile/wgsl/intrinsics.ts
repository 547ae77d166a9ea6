/**
 * WGSL lowering of the tile intrinsics and parallel loops over the ty x tx thread grid:
 *   parallel: iterations of fragment elements run on their owning thread (see the layout
 *     pass); loops that touch no fragment are spread flat over all threads;
 *   copy/fill: flat over threads for shared tiles and tensors, per owned element for fragments;
 *   gemm: each thread accumulates its own C elements from shared A and B, one K step at a time;
 * `reduce` is in reduce.ts.
 */

import { inBounds, linearIndex, regionIndex } from "../codegen/index-math.ts";
import type { StmtOf } from "../codegen/lowering.ts";
import type { ExprNode, TensorRegion, TileDecl } from "../ir.ts";
import { fragAccesses } from "../passes/layout.ts";
import { i32Literal } from "./helpers.ts";
import { indent, type WgslLowering } from "./lower.ts";

const sym = (s: ReturnType<WgslLowering["freshSym"]>): ExprNode => ({
  op: "sym",
  type: "i32",
  sym: s,
});

function shape2(t: TileDecl): [number, number] {
  return t.shape.length === 2 ? [t.shape[0]!, t.shape[1]!] : [1, t.shape[0]!];
}

/** for (var it = lid; it < n; it += T) with (r, c) of a [rows, cols] space bound. */
function flatLoop(
  w: WgslLowering,
  rows: number,
  cols: number,
  body: (r: ExprNode, c: ExprNode) => string,
): string {
  const it = w.freshSym("it");
  const r = w.freshSym("r");
  const c = w.freshSym("c");
  const n = w.name(it);
  const inner = [
    `let ${w.name(r)} = ${n} / ${cols}i;`,
    `let ${w.name(c)} = ${n} % ${cols}i;`,
    body(sym(r), sym(c)),
  ];
  const head = `for (var ${n} = lid; ${n} < ${rows * cols}i; ${n} += ${w.layout.threads}i)`;
  return `${head} {\n${indent(inner.join("\n"))}\n}`;
}

/**
 * Loops over the elements of `t`'s shape a thread owns under fragment role `role`:
 * body gets the element indices and the register counters (a over rows, b over cols).
 */
function ownedElements(
  w: WgslLowering,
  rows: number,
  cols: number,
  role: "2d" | "row" | "col",
  body: (r: ExprNode, c: ExprNode, ra: string, rb: string) => string,
): string {
  const { tY, tX } = w.layout;
  const ra = role === "col" ? 1 : Math.ceil(rows / tY);
  const rb = role === "row" ? 1 : Math.ceil(cols / tX);
  const a = w.freshSym("a");
  const b = w.freshSym("b");
  const r = w.freshSym("r");
  const c = w.freshSym("c");
  const [an, bn, rn, cn] = [w.name(a), w.name(b), w.name(r), w.name(c)];
  const guards: string[] = [];
  if (role !== "col" && rows % tY !== 0) guards.push(`${rn} < ${rows}i`);
  if (role !== "row" && cols % tX !== 0) guards.push(`${cn} < ${cols}i`);
  const rowExpr = role === "col" ? "0i" : `ty + ${an} * ${tY}i`;
  const colExpr = role === "row" ? "0i" : `tx + ${bn} * ${tX}i`;
  let inner = body(sym(r), sym(c), an, bn);
  if (guards.length) inner = `if (${guards.join(" && ")}) {\n${indent(inner)}\n}`;
  const lets = `let ${rn} = ${rowExpr};\nlet ${cn} = ${colExpr};\n`;
  return (
    `for (var ${an} = 0i; ${an} < ${ra}i; ${an}++) {\n` +
    `  for (var ${bn} = 0i; ${bn} < ${rb}i; ${bn}++) {\n` +
    `${indent(indent(lets + inner))}\n  }\n}`
  );
}

/** Lowers a parallel loop: owned-element distribution when it touches fragments, else flat. */
export function ownedLoop(w: WgslLowering, s: StmtOf<"parallel">): string {
  const frags = fragAccesses(s.body);
  const [rows, cols] = s.extents.length === 2 ? [s.extents[0]!, s.extents[1]!] : [1, s.extents[0]!];
  if (frags.length === 0) {
    return flatLoop(w, rows, cols, (r, c) => {
      const binds = s.vars.map(
        (v, d) => `let ${w.name(v)} = ${w.expr(s.vars.length === 2 ? [r, c][d]! : c)};`,
      );
      return [...binds, ...w.stmts(s.body)].join("\n");
    });
  }
  const role1d = w.layout.roles.get(frags[0]!.tile.id) === "col" ? "col" : "row";
  if (s.vars.length === 1) {
    const n = s.extents[0]!;
    return ownedElements(
      w,
      role1d === "row" ? n : 1,
      role1d === "col" ? n : 1,
      role1d,
      (r, c, ra, rb) => {
        const reg = new Map([[s.vars[0]!.id, role1d === "row" ? ra : rb]]);
        const bind = `let ${w.name(s.vars[0]!)} = ${w.expr(role1d === "row" ? r : c)};`;
        const replica = role1d === "row" ? "tx" : "ty";
        return w.withContext({ reg, replica }, () => [bind, ...w.stmts(s.body)].join("\n"));
      },
    );
  }
  return ownedElements(w, rows, cols, "2d", (r, c, ra, rb) => {
    const reg = new Map([
      [s.vars[0]!.id, ra],
      [s.vars[1]!.id, rb],
    ]);
    const binds = [
      `let ${w.name(s.vars[0]!)} = ${w.expr(r)};`,
      `let ${w.name(s.vars[1]!)} = ${w.expr(c)};`,
    ];
    return w.withContext({ reg, replica: null }, () => [...binds, ...w.stmts(s.body)].join("\n"));
  });
}

function roleOf(w: WgslLowering, t: TileDecl): "2d" | "row" | "col" {
  return w.layout.roles.get(t.id) ?? "row";
}

/** Element access of a tile at tile index (r, c): shared array or owned register. */
function tileRef(
  w: WgslLowering,
  t: TileDecl,
  r: ExprNode,
  c: ExprNode,
  ra: string,
  rb: string,
): string {
  if (t.scope === "fragment") {
    const [, nb] = w.regs(t);
    const role = roleOf(w, t);
    return role === "2d"
      ? `${t.name}[${ra} * ${nb}i + ${rb}]`
      : `${t.name}[${role === "row" ? ra : rb}]`;
  }
  return `${t.name}[${w.expr(w.tileLinear(t, t.shape.length === 2 ? [r, c] : [c]))}]`;
}

function tensorRef(w: WgslLowering, region: TensorRegion, t: TileDecl, r: ExprNode, c: ExprNode) {
  const idx = regionIndex(region, t.shape.length === 2 ? [r, c] : [c]);
  return {
    ok: w.expr(inBounds(region.tensor.shape, idx)),
    elem: w.tensorElem(region.tensor, w.expr(linearIndex(region.tensor.shape, idx))),
  };
}

/** Visits the elements of `t` this thread handles: owned registers or a flat share. */
function forTile(
  w: WgslLowering,
  t: TileDecl,
  body: (r: ExprNode, c: ExprNode, ra: string, rb: string) => string,
): string {
  const [rows, cols] = shape2(t);
  if (t.scope === "shared") return flatLoop(w, rows, cols, (r, c) => body(r, c, "", ""));
  const role = roleOf(w, t);
  if (t.shape.length === 1) {
    const n = t.shape[0]!;
    return ownedElements(w, role === "row" ? n : 1, role === "col" ? n : 1, role, (r, c, ra, rb) =>
      body(role === "row" ? c : r, role === "row" ? r : c, ra, rb),
    );
  }
  return ownedElements(w, rows, cols, "2d", body);
}

export function lowerCopy(w: WgslLowering, s: StmtOf<"copy">): string {
  const { src, dst } = s;
  if (src.kind === "tile" && dst.kind === "tile") {
    const lead = src.scope === "fragment" ? src : dst;
    return forTile(w, lead, (r, c, ra, rb) => {
      const value = w.storage.load(src, tileRef(w, src, r, c, ra, rb));
      return `${tileRef(w, dst, r, c, ra, rb)} = ${w.storage.store(dst, value)};`;
    });
  }
  if (dst.kind === "tile") {
    const region = src as TensorRegion;
    const pad = dst.dtype === "f32" ? w.f32(s.pad) : i32Literal(s.pad);
    return forTile(w, dst, (r, c, ra, rb) => {
      const { ok, elem } = tensorRef(w, region, dst, r, c);
      const value = w.storage.store(dst, `select(${pad}, ${elem}, ${ok})`);
      return `${tileRef(w, dst, r, c, ra, rb)} = ${value};`;
    });
  }
  const tile = src as TileDecl;
  const region = dst as TensorRegion;
  const role = tile.scope === "fragment" ? roleOf(w, tile) : "2d";
  return forTile(w, tile, (r, c, ra, rb) => {
    const { ok, elem } = tensorRef(w, region, tile, r, c);
    const value = w.storage.load(tile, tileRef(w, tile, r, c, ra, rb));
    const store = `if (${ok}) {\n  ${elem} = ${value};\n}`;
    if (tile.shape.length === 2 || role === "2d") return store;
    return `if (${role === "row" ? "tx" : "ty"} == 0i) {\n${indent(store)}\n}`;
  });
}

export function lowerFill(w: WgslLowering, s: StmtOf<"fill">): string {
  const value = w.expr(s.value);
  if (s.tile.scope === "shared") {
    const stored = w.storage.store(s.tile, value);
    return forTile(w, s.tile, (r, c) => `${tileRef(w, s.tile, r, c, "", "")} = ${stored};`);
  }
  const [a, b] = w.regs(s.tile);
  const i = w.name(w.freshSym("q"));
  return `for (var ${i} = 0i; ${i} < ${a * b}i; ${i}++) {\n  ${s.tile.name}[${i}] = ${value};\n}`;
}

export function lowerGemm(w: WgslLowering, s: StmtOf<"gemm">): string {
  const { tY, tX } = w.layout;
  const [m, n] = s.c.shape as [number, number];
  const k = s.transA ? s.a.shape[0]! : s.a.shape[1]!;
  const [ra, rb] = w.regs(s.c);
  const [p, a, b] = [w.freshSym("p"), w.freshSym("a"), w.freshSym("b")].map((x) => w.name(x)) as [
    string,
    string,
    string,
  ];
  const row = `min(ty + ${a} * ${tY}i, ${m - 1}i)`;
  const col = `min(tx + ${b} * ${tX}i, ${n - 1}i)`;
  const aAt = w.storage.load(
    s.a,
    s.transA ? `${s.a.name}[${p} * ${m}i + ${row}]` : `${s.a.name}[${row} * ${k}i + ${p}]`,
  );
  const bAt = w.storage.load(
    s.b,
    s.transB ? `${s.b.name}[${col} * ${k}i + ${p}]` : `${s.b.name}[${p} * ${n}i + ${col}]`,
  );
  const aReg = w.name(w.freshSym(`${s.c.name}A`));
  const bReg = w.name(w.freshSym(`${s.c.name}B`));
  return [
    `var ${aReg}: array<f32, ${ra}>;`,
    `var ${bReg}: array<f32, ${rb}>;`,
    `for (var ${p} = 0i; ${p} < ${k}i; ${p}++) {`,
    `  for (var ${a} = 0i; ${a} < ${ra}i; ${a}++) { ${aReg}[${a}] = ${aAt}; }`,
    `  for (var ${b} = 0i; ${b} < ${rb}i; ${b}++) { ${bReg}[${b}] = ${bAt}; }`,
    `  for (var ${a} = 0i; ${a} < ${ra}i; ${a}++) {`,
    `    for (var ${b} = 0i; ${b} < ${rb}i; ${b}++) {`,
    `      let q = ${a} * ${rb}i + ${b};`,
    `      ${s.c.name}[q] = fma(${aReg}[${a}], ${bReg}[${b}], ${s.c.name}[q]);`,
    "    }",
    "  }",
    "}",
  ].join("\n");
}
