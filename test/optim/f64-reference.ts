// Float64 host implementations of the optimizer maths, written independently of the tensor
// engine, for the tests to compare against. Matrices are row-major Float64Arrays.

export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function mat(rows: number, cols: number, data: ArrayLike<number>): Mat {
  return { rows, cols, data: Float64Array.from(data) };
}

export function matmul(a: Mat, b: Mat): Mat {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k]!;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j]! += aik * b.data[k * b.cols + j]!;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

export function transpose(a: Mat): Mat {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  }
  return { rows: a.cols, cols: a.rows, data: out };
}

/** x·s + y·t element-wise. */
export function lincomb(x: Mat, s: number, y: Mat, t: number): Mat {
  return { ...x, data: x.data.map((v, i) => v * s + y.data[i]! * t) };
}

export const HYBRID = [
  { a: 3.4445, b: -4.775, c: 2.0315, steps: 8 },
  { a: 2, b: -1.5, c: 0.5, steps: 2 },
];

/** Hybrid Newton–Schulz on one matrix, in float64. */
export function newtonSchulz64(u: Mat, eps = 1e-7): Mat {
  const tall = u.rows > u.cols;
  let x = tall ? transpose(u) : u;
  const norm = Math.sqrt(x.data.reduce((s, v) => s + v * v, 0)) + eps;
  x = { ...x, data: x.data.map((v) => v / norm) };
  for (const { a, b, c, steps } of HYBRID) {
    for (let i = 0; i < steps; i++) {
      const gram = matmul(x, transpose(x));
      const poly = lincomb(gram, b, matmul(gram, gram), c);
      x = lincomb(x, a, matmul(poly, x), 1);
    }
  }
  return tall ? transpose(x) : x;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending. */
export function symEigenvalues(s: Mat): number[] {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const at = (i: number, j: number) => a[i * n + j]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += at(i, j) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(at(p, q)) < 1e-300) continue;
        const theta = (at(q, q) - at(p, p)) / (2 * at(p, q));
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => at(i, i)).sort((x, y) => x - y);
}

export interface AdamWRef {
  lr: number;
  b1: number;
  b2: number;
  eps: number;
  wd: number;
}

/** One AdamW update in float64, in place on p, m, v; t is 1-based. */
export function adamwStep64(
  p: Float64Array,
  m: Float64Array,
  v: Float64Array,
  g: ArrayLike<number>,
  t: number,
  o: AdamWRef,
): void {
  const bc1 = 1 - o.b1 ** t;
  const bc2 = 1 - o.b2 ** t;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = o.b1 * m[i]! + (1 - o.b1) * gi;
    v[i] = o.b2 * v[i]! + (1 - o.b2) * gi * gi;
    const mHat = m[i]! / bc1;
    const vHat = v[i]! / bc2;
    p[i] = p[i]! * (1 - o.lr * o.wd) - (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
  }
}

/** Muon's orthogonalised, rescaled update O for gradient look-ahead u, in float64. */
export function muonUpdate64(u: Mat, rms = 0.18): Mat {
  const o = newtonSchulz64(u);
  const scale = Math.sqrt(Math.max(u.rows, u.cols)) * rms;
  return { ...o, data: o.data.map((x) => x * scale) };
}

/** One Muon update in float64, in place on w (as Mat data) and buf. */
export function muonStep64(
  w: Mat,
  buf: Float64Array,
  g: ArrayLike<number>,
  o: { lr: number; mu: number; wd: number },
): void {
  for (let i = 0; i < buf.length; i++) buf[i] = o.mu * buf[i]! + g[i]!;
  const u = mat(
    w.rows,
    w.cols,
    buf.map((b, i) => o.mu * b + g[i]!),
  );
  const upd = muonUpdate64(u);
  for (let i = 0; i < w.data.length; i++) {
    w.data[i] = w.data[i]! - o.lr * (upd.data[i]! + o.wd * w.data[i]!);
  }
}

/** Largest |a_i − b_i| / max(1, |b_i|). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  }
  return worst;
}

/** Seeded normal samples in float64 (Box–Muller on a small LCG), independent of the engine. */
export function gaussians(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  }
  return out;
}
