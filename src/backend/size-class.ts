/**
 * Size classes shared by the buffer pools (the CPU arena and the WebGPU pool). Classes are 2^k
 * and 1.5·2^k bytes, so a block wastes at most a third of its size and a freed block serves any
 * later request of the same class.
 */

/** Every class is a multiple of this: a cache line, and a multiple of every SIMD width. */
export const BLOCK_ALIGN = 64;

/** The size class a request of `bytes` is served from (a multiple of BLOCK_ALIGN). */
export function sizeClass(bytes: number): number {
  if (bytes <= BLOCK_ALIGN) return BLOCK_ALIGN;
  const pow = 2 ** Math.ceil(Math.log2(bytes));
  const threeQuarter = (pow / 4) * 3;
  return threeQuarter >= bytes && threeQuarter % BLOCK_ALIGN === 0 ? threeQuarter : pow;
}
