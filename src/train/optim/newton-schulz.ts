/**
 * Approximate orthogonalisation by a Newton–Schulz iteration (the core of Muon). For a matrix
 * U = A Σ Bᵀ, the iteration X ← aX + b(XXᵀ)X + c(XXᵀ)²X applies the odd quintic
 * φ(σ) = aσ + bσ³ + cσ⁵ to every singular value and leaves A and B alone, so repeating it
 * drives all singular values towards 1 and X towards the orthogonal factor A Bᵀ.
 *
 * DeepSeek-V4's hybrid schedule (spec §12): 8 steps of (3.4445, −4.7750, 2.0315), whose large
 * slope at 0 (3.4445) lifts small singular values quickly but only into a band around 1
 * (roughly [0.7, 1.2]), then 2 steps of (2, −1.5, 0.5): φ(1) = 1, φ'(1) = 0, so each of them
 * squares the distance to 1 (φ(1 + e) ≈ 1 + e²/2) and the result is orthogonal to ~1e-3.
 * Dividing U by its Frobenius norm first puts every singular value in [0, 1], inside the
 * basin of both polynomials.
 */
import { type Tensor, tidy } from "../../tensor/index.ts";

/** One phase of the iteration: `steps` applications of φ(σ) = aσ + bσ³ + cσ⁵. */
export interface NsPhase {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly steps: number;
}

/** DeepSeek-V4's hybrid Newton–Schulz schedule. */
export const V4_NS_SCHEDULE: readonly NsPhase[] = Object.freeze([
  Object.freeze({ a: 3.4445, b: -4.775, c: 2.0315, steps: 8 }),
  Object.freeze({ a: 2, b: -1.5, c: 0.5, steps: 2 }),
]);

export interface NewtonSchulzOptions {
  /** Phases run in order; default V4_NS_SCHEDULE. */
  schedule?: readonly NsPhase[];
  /** Added to the Frobenius norm so a zero matrix maps to zero; default 1e-7. */
  eps?: number;
}

/**
 * The approximate orthogonal factor of every matrix in `u` ([..., rows, cols]; leading dims
 * index independent matrices, each normalised by its own Frobenius norm). Works on the wide
 * orientation (rows ≤ cols) so the Gram matrix XXᵀ is the small one. Returns a new tensor of
 * u's shape; runs without recording gradients only if the caller is inside noGrad.
 */
export function newtonSchulz(u: Tensor, options: NewtonSchulzOptions = {}): Tensor {
  if (u.rank < 2) {
    throw new RangeError(`newtonSchulz: expected a matrix [..., rows, cols], got rank ${u.rank}`);
  }
  const { schedule = V4_NS_SCHEDULE, eps = 1e-7 } = options;
  const rows = u.shape[u.rank - 2]!;
  const cols = u.shape[u.rank - 1]!;
  const tall = rows > cols;
  let x = tidy(() => {
    const w = tall ? u.transpose(-2, -1) : u; // [..., r, c] with r <= c
    const norm = w.square().sum([-2, -1], true).sqrt().add(eps); // [..., 1, 1]
    return w.div(norm);
  });
  for (const { a, b, c, steps } of schedule) {
    for (let i = 0; i < steps; i++) {
      const next = tidy(() => {
        const gram = x.matmul(x.transpose(-2, -1)); // [..., r, r] = XXᵀ
        const poly = gram.mul(b).add(gram.matmul(gram).mul(c)); // bA + cA²
        return x.mul(a).add(poly.matmul(x));
      });
      x.dispose();
      x = next;
    }
  }
  if (!tall) return x;
  const back = x.transpose(-2, -1);
  x.dispose();
  return back;
}
