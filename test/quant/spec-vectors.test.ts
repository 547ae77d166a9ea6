// The test vectors of formats-and-kernels.md §8.8 (Sinkhorn), §8.9 (Newton–Schulz) and §8.10
// (reverse-KL gradients) that the format tests do not cover, against Tessera's own code.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sinkhorn } from "../../src/model/mhc.ts";
import { tensor } from "../../src/tensor/index.ts";
import { type NsPhase, newtonSchulz, V4_NS_SCHEDULE } from "../../src/train/optim/index.ts";

function close(got: ArrayLike<number>, want: readonly number[], tol: number, what: string) {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i]! - want[i]!) <= tol, `${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

test("8.8 Sinkhorn (V4 variant, eps 1e-6): fixed example, zero logits, diagonal logits", () => {
  const logits = [0, 1, 2, 3, 1, 0, -1, 0.5, 2, -2, 0, 1, -1, 0, 1, 0];
  const m = sinkhorn(tensor(logits, [4, 4], { dtype: "f64" }), 20, 1e-6).toArray();
  close(
    m,
    [
      0.023741, 0.210741, 0.292994, 0.472523, 0.330205, 0.396688, 0.074641, 0.198465, 0.605911,
      0.036243, 0.136962, 0.220883, 0.040142, 0.356327, 0.495403, 0.108128,
    ],
    2e-6,
    "fixed example",
  );
  close(
    sinkhorn(tensor(new Float64Array(16), [4, 4]), 20, 1e-6).toArray(),
    new Array(16).fill(0.25),
    1e-6,
    "zeros",
  );
  const diag = Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 0 : -1e9));
  const id = sinkhorn(tensor(diag, [4, 4], { dtype: "f64" }), 20, 1e-6).toArray();
  close(
    id,
    diag.map((v) => (v === 0 ? 0.999996 : 1e-6)),
    1e-6,
    "diagonal",
  );
});

// Newton–Schulz acts on each singular value of a diagonal matrix separately; a Frobenius norm
// of 1 (and eps 0) makes the normalisation the identity, so the scalar sequences show.
const A = V4_NS_SCHEDULE[0]!;
const B = V4_NS_SCHEDULE[1]!;

function nsScalar(sigma: number, phases: readonly NsPhase[]): number {
  const big = Math.sqrt(1 - sigma * sigma);
  const x = tensor([big, 0, 0, sigma], [2, 2], { dtype: "f64" });
  return newtonSchulz(x, { schedule: phases, eps: 0 }).toArray()[3]!;
}

test("8.9 Newton–Schulz scalar checks of the V4 hybrid schedule", () => {
  const one = tensor([1, 0, 0, 0], [2, 2], { dtype: "f64" });
  const pA = newtonSchulz(one, { schedule: [{ ...A, steps: 1 }], eps: 0 }).toArray()[0]!;
  close([pA], [0.701], 5e-5, "p_A(1)");
  close([nsScalar(1e-3, [{ ...A, steps: 5 }])], [0.4705], 5e-5, "1e-3 after 5 A");
  close([nsScalar(1e-3, [{ ...A, steps: 8 }])], [0.9179], 5e-5, "1e-3 after 8 A");
  close([nsScalar(1e-3, [A, B])], [1.000001], 5e-6, "1e-3 after 8 A + 2 B");
  close([nsScalar(0.5, [{ ...A, steps: 8 }])], [1.1306], 5e-5, "0.5 after 8 A");
  close([nsScalar(0.5, [A, B])], [1.00016], 5e-6, "0.5 hybrid");
});

test("8.10 reverse-KL and forward-KL values and gradients w.r.t. student logits", () => {
  const cases: [number[], number[], number, number[], number, number[]][] = [
    [[0, 0], [0.9, 0.1], 0.510826, [-0.549306, 0.549306], 0.368064, [-0.4, 0.4]],
    [
      [1, 0, -1],
      [0.2, 0.3, 0.5],
      0.595319,
      [0.403477, -0.195526, -0.207951],
      0.677953,
      [0.465241, -0.055272, -0.409969],
    ],
  ];
  for (const [z, q, rkl, rgrad, fkl, fgrad] of cases) {
    const logq = tensor(q.map(Math.log), [q.length], { dtype: "f64" });
    const zr = tensor(z, [z.length], { dtype: "f64" }).requireGrad();
    const logp = zr.logSoftmax(-1);
    const reverse = logp.exp().mul(logp.sub(logq)).sum();
    reverse.backward();
    close([reverse.item()], [rkl], 1e-6, "reverse KL");
    close(zr.grad!.toArray(), rgrad, 1e-6, "reverse KL gradient");
    const zf = tensor(z, [z.length], { dtype: "f64" }).requireGrad();
    const qt = tensor(q, [q.length], { dtype: "f64" });
    const forward = qt.mul(logq.sub(zf.logSoftmax(-1))).sum();
    forward.backward();
    close([forward.item()], [fkl], 1e-6, "forward KL");
    close(zf.grad!.toArray(), fgrad, 1e-6, "forward KL gradient = p - q");
  }
});
