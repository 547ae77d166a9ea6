/**
 * The non-finite guard. For every gradient g, g − g is 0 where g is finite and NaN where it is
 * NaN or ±Inf, so its sum is exactly 0 or NaN: one reduction per parameter and a single
 * read-back of the stacked flags, whatever the model size. Only when a flag is set is that one
 * gradient read to the host to name the first bad element.
 */
import { noGrad, stack, type Tensor, tidy } from "../../tensor/index.ts";
import { NonFiniteError, type NonFiniteHit } from "./errors.ts";

/**
 * The first parameter (in map order) whose gradient holds a NaN or an infinity, with the
 * first such element; null when every gradient is finite. Parameters without a gradient are
 * skipped. Reads back to the host, so the device must support synchronous reads.
 */
export function findNonFinite(named: ReadonlyMap<string, Tensor>): NonFiniteHit | null {
  const withGrad = [...named].filter(([, p]) => p.grad !== null);
  if (withGrad.length === 0) return null;
  const flags = tidy(() =>
    noGrad(() => {
      // [P] one f32 flag per gradient: 0 when finite, NaN otherwise.
      const sums = withGrad.map(([, p]) => {
        const g = p.grad!;
        const s = g.sub(g).sum();
        return s.dtype === "f32" ? s : s.cast("f32");
      });
      return stack(sums).toArray();
    }),
  );
  const k = flags.findIndex((f) => f !== 0);
  if (k < 0) return null;
  const [name, p] = withGrad[k]!;
  const data = p.grad!.toArray();
  const index = data.findIndex((v) => !Number.isFinite(v));
  return { param: name, index, value: data[index] ?? Number.NaN };
}

/**
 * Throws a NonFiniteError for update number `step` (1-based) when `loss` (if given) or any
 * gradient of `named` is NaN or infinite; the loss is checked first. Touches nothing.
 */
export function assertFinite(
  named: ReadonlyMap<string, Tensor>,
  step: number,
  loss?: number,
): void {
  if (loss !== undefined && !Number.isFinite(loss)) {
    throw new NonFiniteError(step, { param: null, index: -1, value: loss });
  }
  const hit = findNonFinite(named);
  if (hit) throw new NonFiniteError(step, hit);
}
