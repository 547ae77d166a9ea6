import assert from "node:assert/strict";
import { test } from "node:test";
import type { YarnScaling } from "../../src/model/config.ts";
import { applyRope, applyRopeTail, ropeAngles, ropeFrequencies } from "../../src/nn/index.ts";
import { Rng, ShapeError, tensor, tidy } from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import { assertClose, F64_TOL, nd, randNormal } from "../helpers/reference.ts";
import { toTensor } from "../helpers/tensors.ts";

const YARN: YarnScaling = {
  type: "yarn",
  factor: 16,
  originalMaxPositionEmbeddings: 65536,
  betaFast: 32,
  betaSlow: 1,
};

test("ropeFrequencies: plain table is base^(-2j/r) rounded to float32", () => {
  const f = ropeFrequencies(64, 10000, null);
  assert.equal(f.length, 32);
  for (let j = 0; j < 32; j++) {
    assertClose([f[j]!], [10000 ** (-j / 32)], { rtol: 1.2e-7 }, `θ_${j}`);
  }
  // The fixture's sliding-layer table (r = 16, base 10000), float32 values of the reference
  // computation 1 / fp32(base ** fp32(2j / r)).
  const fixture = [
    1.0, 0.3162277638912201, 0.10000000149011612, 0.03162277862429619, 0.009999999776482582,
    0.003162277862429619, 0.0010000000474974513, 0.0003162277862429619,
  ];
  assert.deepEqual(Array.from(ropeFrequencies(16, 10000, null)), fixture);
});

test("ropeFrequencies: YaRN r = 64 keeps 0–15, divides 25–31 by 16 and ramps between", () => {
  const plain = ropeFrequencies(64, 160000, null);
  const yarn = ropeFrequencies(64, 160000, YARN);
  for (let j = 0; j < 32; j++) {
    const p = plain[j]!;
    if (j <= 15) assert.equal(yarn[j], p, `θ'_${j} unchanged`);
    else if (j >= 25) assert.equal(yarn[j], Math.fround(p / 16), `θ'_${j} divided`);
    else {
      const ramp = (j - 15) / 10; // low 15, high 25
      assertClose([yarn[j]!], [(p / 16) * ramp + p * (1 - ramp)], { rtol: 3e-7 }, `θ'_${j}`);
    }
  }
});

test("ropeFrequencies: YaRN on the fixture's r = 16 has low 3 and high 7", () => {
  const plain = ropeFrequencies(16, 160000, null);
  const yarn = ropeFrequencies(16, 160000, YARN);
  const ramp = [0, 0, 0, 0, 0.25, 0.5, 0.75, 1];
  for (let j = 0; j < 8; j++) {
    const p = plain[j]!;
    assertClose([yarn[j]!], [(p / 16) * ramp[j]! + p * (1 - ramp[j]!)], { rtol: 1.2e-7 }, `${j}`);
  }
  // Exact float32 values of the reference's blend freqs/16·(1 − smooth) + freqs·smooth.
  const fixture = [
    1.0, 0.22360679507255554, 0.05000000074505806, 0.011180340312421322, 0.0019140624208375812,
    0.0002969777851831168, 3.710937744472176e-5, 1.746928205648146e-6,
  ];
  assert.deepEqual(Array.from(yarn), fixture);
});

test("ropeFrequencies: rejects odd dims and a bad base", () => {
  assert.throws(() => ropeFrequencies(7, 10000, null), /rope dims 7/);
  assert.throws(() => ropeFrequencies(8, 1, null), /base 1/);
});

test("ropeAngles: angles are float32 products p·θ, then cos and sin", () => {
  const freqs = ropeFrequencies(8, 10000, null);
  const positions = [0, 3, 300];
  tidy(() => {
    const { cos, sin } = ropeAngles(freqs, positions);
    assert.deepEqual(cos.shape, [3, 4]);
    assert.equal(cos.dtype, "f32");
    const c = cos.toArray();
    const s = sin.toArray();
    positions.forEach((p, t) => {
      for (let j = 0; j < 4; j++) {
        const angle = Math.fround(p * freqs[j]!);
        assert.equal(c[t * 4 + j], Math.fround(Math.cos(angle)));
        assert.equal(s[t * 4 + j], Math.fround(Math.sin(angle)));
      }
    });
    assert.equal(ropeAngles(freqs, positions, "f64").cos.dtype, "f64");
  });
});

test("applyRope: the pair (1, 0) at position p becomes (cos pθ, sin pθ)", () => {
  const freqs = Float32Array.from([0.5, 0.25]);
  tidy(() => {
    const { cos, sin } = ropeAngles(freqs, [3], "f64");
    const x = tensor([[1, 0, 1, 0]], [1, 4], { dtype: "f64" });
    const y = applyRope(x, cos, sin).toArray();
    const expected = [Math.cos(1.5), Math.sin(1.5), Math.cos(0.75), Math.sin(0.75)];
    assertClose(y, expected, F64_TOL, "pairs");
    const back = applyRope(x, cos, sin, true).toArray();
    assertClose(back, [expected[0]!, -expected[1]!, expected[2]!, -expected[3]!], F64_TOL, "inv");
  });
});

/** Float64 reference of applyRopeTail on [T, c] rows with angles[t][j]. */
function ropeTailRef(x: Float64Array, c: number, r: number, angles: number[][], sign: number) {
  const out = Float64Array.from(x);
  angles.forEach((row, t) => {
    row.forEach((angle, j) => {
      const i = t * c + c - r + 2 * j;
      const [a, b] = [x[i]!, x[i + 1]!];
      out[i] = a * Math.cos(angle) - b * sign * Math.sin(angle);
      out[i + 1] = a * sign * Math.sin(angle) + b * Math.cos(angle);
    });
  });
  return out;
}

test("applyRopeTail: rotates the last r dims only and matches a float64 reference", () => {
  const rng = new Rng(20);
  const [t, c, r] = [5, 10, 4];
  const freqs = ropeFrequencies(r, 10000, null);
  const positions = [0, 1, 7, 64, 1000];
  const x = randNormal(rng, [t, c]);
  const angles = positions.map((p) => Array.from(freqs, (f) => Math.fround(p * f)));
  tidy(() => {
    const { cos, sin } = ropeAngles(freqs, positions, "f64");
    for (const inverse of [false, true]) {
      const y = applyRopeTail(toTensor(x), r, cos, sin, inverse).toArray();
      assertClose(y, ropeTailRef(x.data, c, r, angles, inverse ? -1 : 1), F64_TOL, `${inverse}`);
    }
  });
});

test("applyRopeTail: preserves norms, inverse undoes forward, heads broadcast", () => {
  const rng = new Rng(21);
  const [b, t, h, c, r] = [2, 3, 2, 12, 8];
  const x = randNormal(rng, [b, t, h, c]);
  const freqs = ropeFrequencies(r, 160000, YARN);
  tidy(() => {
    const { cos, sin } = ropeAngles(freqs, [5, 6, 7], "f64");
    const cosH = cos.unsqueeze(1); // [T, 1, r/2] broadcasts over heads
    const sinH = sin.unsqueeze(1);
    const xt = toTensor(x);
    const y = applyRopeTail(xt, r, cosH, sinH);
    assert.deepEqual(y.shape, [b, t, h, c]);
    const norm = (v: ArrayLike<number>) => Array.from(v, (u) => u * u);
    const sumRows = (v: number[]) =>
      Array.from({ length: v.length / c }, (_, i) =>
        v.slice(i * c, (i + 1) * c).reduce((p, q) => p + q),
      );
    assertClose(
      sumRows(norm(y.toArray())),
      sumRows(norm(x.data)),
      { atol: 1e-12, rtol: 1e-12 },
      "norm",
    );
    const back = applyRopeTail(y, r, cosH, sinH, true);
    assertClose(back.toArray(), x.data, { atol: 1e-12 }, "inverse");
    // The pass-through dims are untouched.
    const yv = y.toArray();
    for (let i = 0; i < x.data.length; i++) {
      if (i % c < c - r) assert.equal(yv[i], x.data[i]);
    }
  });
});

test("applyRope: shape errors name the operands", () => {
  tidy(() => {
    const cos = toTensor(nd([2, 2]));
    assert.throws(() => applyRope(toTensor(nd([2, 3])), cos, cos), ShapeError);
    assert.throws(
      () => applyRope(toTensor(nd([2, 6])), cos, cos),
      (e: unknown) => e instanceof ShapeError && /cos \[2, 2\].*\[2, 3\]/.test(e.message),
    );
    assert.throws(() => applyRopeTail(toTensor(nd([2, 4])), 6, cos, cos), /ropeDims 6/);
  });
});

test("applyRopeTail: gradients w.r.t. x, cos and sin match central differences", () => {
  const rng = new Rng(22);
  const x = randNormal(rng, [3, 7]);
  const cos = randNormal(rng, [3, 2]);
  const sin = randNormal(rng, [3, 2]);
  for (const inverse of [false, true]) {
    gradCheck(`applyRopeTail ${inverse}`, ([a, c, s]) => applyRopeTail(a!, 4, c!, s!, inverse), [
      x,
      cos,
      sin,
    ]);
  }
});
