/**
 * WGSL lowering of `reduce`: each thread first combines the source elements it owns into one
 * partial, then the partials of the threads that share a destination element (the tx lanes of
 * a row for axis 1, the ty lanes of a column for axis 0) are combined:
 *   plain build: a tree over those "partners" through a workgroup scratch array, one barrier a
 *     level;
 *   subgroups build: a butterfly of subgroupShuffleXor in registers over the partners that
 *     share a subgroup, then the same tree only across subgroups (skipped when a subgroup holds
 *     all partners, which leaves the reduction without any barrier). `sg_lanes` (subgroups.ts)
 *     is the run-time subgroup width when threads map onto lanes in order, else 1, which
 *     turns the butterfly off and the tree back on over all partners.
 * Both leave the combined value with every partner, as the fragment layout expects.
 */

import type { StmtOf } from "../codegen/lowering.ts";
import type { ReduceOp } from "../ir.ts";
import { i32Literal } from "./helpers.ts";
import type { WgslLowering } from "./lower.ts";
import { SUBGROUP_LANES } from "./subgroups.ts";

function combine(op: ReduceOp, a: string, b: string): string {
  return op === "sum" ? `(${a} + ${b})` : `${op}(${a}, ${b})`;
}

function identity(w: WgslLowering, op: ReduceOp, dtype: "f32" | "i32"): string {
  if (dtype === "i32")
    return op === "sum" ? "0i" : op === "max" ? i32Literal(-2147483648) : "2147483647i";
  return w.f32(
    op === "sum" ? 0 : op === "max" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
  );
}

/** How the threads sharing one destination element sit in the ty x tx grid. */
interface Partners {
  /** How many threads combine into one element (tX or tY, a power of two). */
  readonly count: number;
  /** The thread's index among them ("tx" or "ty"). */
  readonly self: string;
  /** Distance in local index between neighbouring partners (1 or tX). */
  readonly stride: number;
  /** The local index of partner 0, where the combined value ends up. */
  readonly base: string;
}

/**
 * Tree levels over the partners at distances `count / 2, count / 4, ... >= until` through the
 * scratch array (filled with one value per thread and synchronised before), leaving the
 * combination of every `until`-th partner's value in partner 0's slot.
 */
function treeLevels(op: ReduceOp, scratch: string, p: Partners, st: string, until: string) {
  const partner = `${scratch}[lid + ${st} * ${p.stride}i]`;
  const test = until === "1i" ? `${st} > 0i` : `${st} >= ${until}`;
  return [
    `for (var ${st} = ${p.count / 2}i; ${test}; ${st} = ${st} / 2i) {`,
    `  if (${p.self} < ${st}) {`,
    `    ${scratch}[lid] = ${combine(op, `${scratch}[lid]`, partner)};`,
    "  }",
    "  workgroupBarrier();",
    "}",
  ];
}

/**
 * Butterfly over the partners within one subgroup, then the tree across subgroups when they
 * span several; `part` holds the thread's partial on entry and the combination of all
 * partners' partials on exit. The lanes of partners j and j ^ m differ by m·stride, so xor-ing
 * the lane id with that pairs them (the partners of one element are an aligned power-of-two
 * run of threads).
 */
function subgroupCombine(
  w: WgslLowering,
  op: ReduceOp,
  scratch: string,
  p: Partners,
  st: string,
  part: string,
): string[] {
  const within = w.name(w.freshSym("within"));
  const m = w.name(w.freshSym("m"));
  const mask = p.stride === 1 ? m : `${m} * ${p.stride}i`;
  const shuffled = `subgroupShuffleXor(${part}, u32(${mask}))`;
  const lanes = p.stride === 1 ? SUBGROUP_LANES : `${SUBGROUP_LANES} / ${p.stride}i`;
  return [
    `let ${within} = clamp(${lanes}, 1i, ${p.count}i);`,
    `for (var ${m} = 1i; ${m} < ${within}; ${m} = ${m} * 2i) {`,
    `  ${part} = ${combine(op, part, shuffled)};`,
    "}",
    `if (${within} < ${p.count}i) {`,
    `  ${scratch}[lid] = ${part};`,
    "  workgroupBarrier();",
    ...treeLevels(op, scratch, p, st, within).map((l) => `  ${l}`),
    `  ${part} = ${scratch}[${p.base}];`,
    "  workgroupBarrier();",
    "}",
  ];
}

/** The plain build: the tree over all partners; the result is in `total`. */
function treeCombine(op: ReduceOp, scratch: string, p: Partners, st: string, part: string) {
  return [
    `${scratch}[lid] = ${part};`,
    "workgroupBarrier();",
    ...treeLevels(op, scratch, p, st, "1i"),
    `let total = ${scratch}[${p.base}];`,
  ];
}

export function lowerReduce(w: WgslLowering, s: StmtOf<"reduce">): string {
  const { tY, tX, threads } = w.layout;
  const { src, dst, op, axis } = s;
  const scratch = `red_${src.dtype}`;
  w.workgroupVars.set(scratch, `var<workgroup> ${scratch}: array<${src.dtype}, ${threads}>;`);
  const [ra, rb] = w.regs(src);
  const [rows, cols] = src.shape as [number, number];
  const [o, q, st, part] = ["o", "q", "st", "part"].map((x) => w.name(w.freshSym(x))) as [
    string,
    string,
    string,
    string,
  ];
  const [outer, inner] = axis === 1 ? [ra, rb] : [rb, ra];
  const partners: Partners =
    axis === 1
      ? { count: tX, self: "tx", stride: 1, base: `ty * ${tX}i` }
      : { count: tY, self: "ty", stride: tX, base: "tx" };
  const reg = axis === 1 ? `${o} * ${rb}i + ${q}` : `${q} * ${rb}i + ${o}`;
  const guardIdx = axis === 1 ? `tx + ${q} * ${tX}i < ${cols}i` : `ty + ${q} * ${tY}i < ${rows}i`;
  const sub = w.options.subgroups === true;
  if (sub) w.usesSubgroups = true;
  const result = sub ? part : "total";
  return [
    `for (var ${o} = 0i; ${o} < ${outer}i; ${o}++) {`,
    `  var ${part} = ${identity(w, op, src.dtype)};`,
    `  for (var ${q} = 0i; ${q} < ${inner}i; ${q}++) {`,
    `    if (${guardIdx}) { ${part} = ${combine(op, part, `${src.name}[${reg}]`)}; }`,
    "  }",
    ...(sub
      ? subgroupCombine(w, op, scratch, partners, st, part)
      : treeCombine(op, scratch, partners, st, part)
    ).map((l) => `  ${l}`),
    `  ${dst.name}[${o}] = ${s.clear ? result : combine(op, `${dst.name}[${o}]`, result)};`,
    ...(sub ? [] : ["  workgroupBarrier();"]),
    "}",
  ].join("\n");
}
