/**
 * What a kernel built with the "subgroups" feature needs at its entry. WebGPU promises no
 * relation between a thread's local index and its subgroup lane, while the reductions pair
 * threads by local index; so each workgroup first checks, once, that every subgroup is an
 * aligned run of consecutive local indices with lane = index mod size, all of one size (true of
 * the drivers seen so far). `SUBGROUP_LANES` is then that size, else 1, which leaves every
 * reduction on the workgroup tree: the same results, without the speed-up.
 */

/** The workgroup-uniform i32 the reductions read: usable subgroup width, or 1. */
export const SUBGROUP_LANES = "sg_lanes";

/** Entry-point parameters carrying the subgroup built-ins. */
export const SUBGROUP_BUILTINS =
  "@builtin(subgroup_size) sg_size: u32, @builtin(subgroup_invocation_id) sg_lane: u32";

/** Workgroup variable the probe gathers into (zero-initialised, as all of them are). */
export const SUBGROUP_SEEN = "var<workgroup> sg_seen: atomic<u32>;";

/**
 * Statements computing SUBGROUP_LANES; they must run in uniform control flow, before any
 * reduction. Every thread ORs its subgroup's size (a power of two) into `sg_seen`, or bit 31
 * when its subgroup is not laid out as required; a single bit below 31 means one size for all.
 * The uniform load makes the result uniform, as the barriers of the fallback tree require.
 */
export function subgroupProbe(): string {
  return [
    "let sg_first = lidx - sg_lane;",
    "let sg_first_min = subgroupMin(sg_first);",
    "let sg_first_max = subgroupMax(sg_first);",
    "let sg_aligned = sg_lane == lidx % sg_size && sg_first_min == sg_first_max;",
    "atomicOr(&sg_seen, select(0x80000000u, sg_size, sg_aligned));",
    "let sg_sizes = workgroupUniformLoad(&sg_seen);",
    `let ${SUBGROUP_LANES} = select(1i, i32(sg_sizes), countOneBits(sg_sizes) == 1u && ` +
      "sg_sizes < 0x80000000u);",
  ].join("\n");
}
