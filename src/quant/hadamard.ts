// Walsh-Hadamard transform in Sylvester (natural) order, H_1 = [1], H_2n = [[H_n, H_n],
// [H_n, -H_n]], so H[i][j] = (-1)^popcount(i & j). Scaled by n^-1/2 the matrix is orthogonal and
// symmetric, hence its own inverse. The butterfly below applies exactly this ordering in
// n log2 n additions.

/**
 * In-place normalized Walsh-Hadamard transform of every length-n row of `x` ([x.length / n, n],
 * row-major): row <- H_n row / sqrt(n). n must be a power of two and divide x.length.
 * Each row is transformed in float64 and rounded to float32 once at the end.
 */
export function hadamardRows(x: Float32Array, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1 || (n & (n - 1)) !== 0) {
    throw new RangeError(`hadamardRows: length ${n} must be a power of two`);
  }
  if (x.length % n !== 0) {
    throw new RangeError(`hadamardRows: input length ${x.length} is not a multiple of n = ${n}`);
  }
  const buf = new Float64Array(n);
  const norm = 1 / Math.sqrt(n);
  for (let base = 0; base < x.length; base += n) {
    for (let i = 0; i < n; i++) buf[i] = x[base + i] ?? 0;
    for (let h = 1; h < n; h *= 2) {
      for (let i = 0; i < n; i += 2 * h) {
        for (let j = i; j < i + h; j++) {
          const a = buf[j] ?? 0;
          const b = buf[j + h] ?? 0;
          buf[j] = a + b;
          buf[j + h] = a - b;
        }
      }
    }
    for (let i = 0; i < n; i++) x[base + i] = (buf[i] ?? 0) * norm;
  }
}

/**
 * The normalized Sylvester-Hadamard matrix H_n / sqrt(n) as a row-major [n, n] float64 array:
 * entry (i, j) = (-1)^popcount(i & j) / sqrt(n). It is symmetric and orthogonal, so x · H
 * rotates every row of x exactly as hadamardRows does. n must be a power of two.
 */
export function hadamardMatrix(n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 1 || (n & (n - 1)) !== 0) {
    throw new RangeError(`hadamardMatrix: size ${n} must be a power of two`);
  }
  const out = new Float64Array(n * n);
  const norm = 1 / Math.sqrt(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let bits = i & j;
      let parity = 0;
      while (bits !== 0) {
        parity ^= 1;
        bits &= bits - 1;
      }
      out[i * n + j] = parity ? -norm : norm;
    }
  }
  return out;
}
