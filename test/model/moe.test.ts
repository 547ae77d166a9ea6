import assert from "node:assert/strict";
import { test } from "node:test";
import { type ExpertWeights, moe, route } from "../../src/model/moe.ts";
import { Rng, type Tensor, tensor, tidy } from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import {
  assertClose,
  F64_TOL,
  type Nd,
  nd,
  randNormal,
  sigmoidOf,
  softplusOf,
  topkOf,
} from "../helpers/reference.ts";
import { toTensor } from "../helpers/tensors.ts";

type ExpertNd = { w1: Nd; w2: Nd; w3: Nd };

/** x·Wᵀ for one row x and W [out, in]. */
function rowTimes(w: Nd, x: readonly number[]): number[] {
  const [out, inDim] = [w.shape[0]!, w.shape[1]!];
  return Array.from({ length: out }, (_, o) => {
    let s = 0;
    for (let i = 0; i < inDim; i++) s += w.data[o * inDim + i]! * x[i]!;
    return s;
  });
}

/** Distance of the pre-activations to the clamp bounds, tracked for gradient checks. */
let nearestKink = Number.POSITIVE_INFINITY;

function expertRef(x: readonly number[], w: ExpertNd, limit: number): number[] {
  const gate = rowTimes(w.w1, x);
  const up = rowTimes(w.w3, x);
  const act = gate.map((g, i) => {
    const u = up[i]!;
    if (limit === 0) return g * sigmoidOf(g) * u;
    nearestKink = Math.min(nearestKink, Math.abs(g - limit), Math.abs(Math.abs(u) - limit));
    const gc = Math.min(g, limit);
    return gc * sigmoidOf(gc) * Math.min(Math.max(u, -limit), limit);
  });
  return rowTimes(w.w2, act);
}

type MoeRefInput = {
  h: Nd; // [N, D]
  gate: Nd;
  bias: Nd | null;
  tid2eid: Int32Array | null;
  ids: Int32Array;
  experts: ExpertNd[];
  shared: ExpertNd[];
  k: number;
  scale: number;
  limit: number;
  clampShared: boolean;
};

/** The spec's MoE token by token, with the smallest top-k boundary gap it met. */
function moeRef(p: MoeRefInput) {
  const [n, d] = [p.h.shape[0]!, p.h.shape[1]!];
  const e = p.gate.shape[0]!;
  const out = new Float64Array(n * d);
  const load = new Int32Array(e);
  const chosen: number[] = [];
  let minGap = Number.POSITIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    const x = Array.from(p.h.data.slice(t * d, (t + 1) * d));
    const s = rowTimes(p.gate, x).map((l) => Math.sqrt(softplusOf(l)));
    let sel: number[];
    if (p.tid2eid) sel = Array.from(p.tid2eid.slice(p.ids[t]! * p.k, (p.ids[t]! + 1) * p.k));
    else {
      const biased = s.map((v, i) => v + (p.bias ? p.bias.data[i]! : 0));
      sel = topkOf(biased, p.k);
      const sorted = biased.slice().sort((a, b) => b - a);
      minGap = Math.min(minGap, sorted[p.k - 1]! - sorted[p.k]!);
    }
    const total = sel.reduce((acc, i) => acc + s[i]!, 0);
    sel.forEach((ex) => {
      load[ex]!++;
      const y = expertRef(x, p.experts[ex]!, p.limit);
      const w = (s[ex]! / total) * p.scale;
      for (let j = 0; j < d; j++) out[t * d + j]! += w * y[j]!;
    });
    chosen.push(...sel);
    for (const sh of p.shared) {
      const y = expertRef(x, sh, p.clampShared ? p.limit : 0);
      for (let j = 0; j < d; j++) out[t * d + j]! += y[j]!;
    }
  }
  return { out, load, chosen, minGap };
}

function randExpert(rng: Rng, d: number, f: number): ExpertNd {
  return {
    w1: randNormal(rng, [f, d]),
    w2: randNormal(rng, [d, f], 1 / Math.sqrt(f)),
    w3: randNormal(rng, [f, d]),
  };
}

const asTensors = (w: ExpertNd): ExpertWeights => ({
  w1: toTensor(w.w1),
  w2: toTensor(w.w2),
  w3: toTensor(w.w3),
});

/** Gate weights whose column 0 is the wanted logits, so h = e_0 reproduces them exactly. */
function gateWithLogits(logits: number[], d: number): { h: Tensor; gate: Tensor } {
  const g = nd([logits.length, d]);
  logits.forEach((l, e) => {
    g.data[e * d] = l;
    for (let j = 1; j < d; j++) g.data[e * d + j] = 0.25 * (e - j);
  });
  const h = nd([1, d]);
  h.data[0] = 1;
  return { h: toTensor(h), gate: toTensor(g) };
}

test("route: the bias picks the experts, the unbiased scores weigh them", () => {
  tidy(() => {
    const { h, gate } = gateWithLogits([0, 1, 2, -1], 4);
    const bias = tensor([0, 0, -1, 0.5], [4], { dtype: "f64" });
    const r = route(h, gate, { topk: 2, routeScale: 1.5, bias, hashIds: null, tid2eid: null });
    assert.deepEqual(Array.from(r.experts), [1, 3]);
    assertClose(r.weights.toArray(), [1.007792, 0.492208], { atol: 1e-6 }, "weights");
    const plain = route(h, gate, {
      topk: 2,
      routeScale: 1.5,
      bias: null,
      hashIds: null,
      tid2eid: null,
    });
    assert.deepEqual(Array.from(plain.experts), [2, 1]);
  });
});

test("route: hash layers take the tid2eid row and still weigh by the scores", () => {
  const table = new Int32Array(16);
  for (let v = 0; v < 8; v++) table.set([v % 4, (v + 1) % 4], 2 * v);
  table.set([2, 0], 14); // tid2eid[7] = [2, 0]
  tidy(() => {
    const { h, gate } = gateWithLogits([0, 1, 2, -1], 4);
    const opts = {
      topk: 2,
      routeScale: 1.5,
      bias: null,
      hashIds: Int32Array.of(7),
      tid2eid: table,
    };
    const r = route(h, gate, opts);
    assert.deepEqual(Array.from(r.experts), [2, 0]);
    assertClose(r.weights.toArray(), [0.954886, 0.545114], { atol: 1e-6 }, "weights");
    for (const bad of [4, -1]) {
      const broken = table.slice();
      broken[15] = bad;
      assert.throws(
        () => route(h, gate, { ...opts, tid2eid: broken }),
        new RegExp(`route: tid2eid\\[7\\]\\[1\\] = ${bad} \\(token 0\\) is outside the experts`),
      );
    }
    assert.throws(() => route(h, gate, { ...opts, hashIds: Int32Array.of(8) }), /token 0 has id 8/);
    assert.throws(() => route(h, gate, { ...opts, hashIds: null }), /needs 1 token ids/);
    assert.throws(() => route(h, gate, { ...opts, topk: 5 }), /topk 5/);
  });
});

test("route: weights are differentiable w.r.t. h and the gate weight", () => {
  const rng = new Rng(40);
  const h = randNormal(rng, [3, 4]);
  const gate = randNormal(rng, [5, 4]);
  const bias = [0.1, -0.2, 0.3, 0, -0.1];
  gradCheck(
    "route",
    ([ht, gt]) =>
      route(ht!, gt!, {
        topk: 2,
        routeScale: 2.5,
        bias: tensor(bias, [5], { dtype: "f64" }),
        hashIds: null,
        tid2eid: null,
      }).weights,
    [h, gate],
  );
});

function setup(seed: number, hash: boolean) {
  const rng = new Rng(seed);
  const [b, t, d, e, f, k] = [2, 3, 4, 4, 3, 2];
  const vocab = 10;
  const table = new Int32Array(vocab * k);
  for (let v = 0; v < vocab; v++) table.set(rng.permutation(e).slice(0, k), v * k);
  const ids = Int32Array.from({ length: b * t }, () => rng.int(vocab));
  return {
    shape: [b, t, d],
    input: {
      h: randNormal(rng, [b * t, d]),
      gate: randNormal(rng, [e, d]),
      bias: hash ? null : randNormal(rng, [e], 0.3),
      tid2eid: hash ? table : null,
      ids,
      experts: Array.from({ length: e }, () => randExpert(rng, d, f)),
      shared: [randExpert(rng, d, f)],
      k,
      scale: 1.5,
      limit: 1.5,
      clampShared: true,
    } satisfies MoeRefInput,
  };
}

function runMoe(shape: number[], p: MoeRefInput, h: Tensor, gate: Tensor, ex: ExpertWeights[]) {
  return moe(
    h.reshape(shape),
    {
      gateWeight: gate,
      gateBias: p.bias ? toTensor(p.bias) : null,
      tid2eid: p.tid2eid,
      experts: ex.slice(0, p.experts.length),
      shared: ex.slice(p.experts.length),
    },
    p.ids,
    { topk: p.k, routeScale: p.scale, swigluLimit: p.limit, clampShared: p.clampShared },
  );
}

for (const hash of [false, true]) {
  for (const clampShared of [true, false]) {
    test(`moe: ${hash ? "hash" : "top-k"} routing, shared clamp ${clampShared}, vs float64`, () => {
      const { shape, input } = setup(41, hash);
      const p = { ...input, clampShared };
      const ref = moeRef(p);
      tidy(() => {
        const ex = [...p.experts, ...p.shared].map(asTensors);
        const { out, load } = runMoe(shape, p, toTensor(p.h), toTensor(p.gate), ex);
        assert.deepEqual(out.shape, shape);
        assertClose(out.toArray(), ref.out, F64_TOL, "out");
        assert.deepEqual(Array.from(load), Array.from(ref.load));
      });
    });
  }
}

test("moe: the clamp is active in the test inputs, and the shared switch matters", () => {
  const { shape, input } = setup(41, false);
  const clamped = moeRef(input).out;
  const loose = moeRef({ ...input, clampShared: false }).out;
  assert.ok(
    clamped.some((v, i) => Math.abs(v - loose[i]!) > 1e-3),
    "shared clamp had no effect",
  );
  tidy(() => {
    const ex = [...input.experts, ...input.shared].map(asTensors);
    const limit0 = runMoe(
      shape,
      { ...input, limit: 0 },
      toTensor(input.h),
      toTensor(input.gate),
      ex,
    );
    const diff = Array.from(limit0.out.toArray()).some((v, i) => Math.abs(v - clamped[i]!) > 1e-3);
    assert.ok(diff, "routed clamp had no effect");
  });
});

test("moe: argument errors name the problem", () => {
  const { shape, input } = setup(42, false);
  tidy(() => {
    const ex = [...input.experts, ...input.shared].map(asTensors);
    const h = toTensor(input.h);
    const gate = toTensor(input.gate);
    assert.throws(
      () => runMoe(shape, { ...input, ids: Int32Array.of(1) }, h, gate, ex),
      /1 token ids/,
    );
    const few = { ...input, experts: input.experts.slice(0, 3) };
    assert.throws(() => runMoe(shape, few, h, gate, ex), /3 routed experts given, gate has 4/);
    assert.throws(
      () =>
        moe(
          h,
          { gateWeight: gate, gateBias: null, tid2eid: null, experts: [], shared: [] },
          input.ids,
          {
            topk: 2,
            routeScale: 1,
            swigluLimit: 0,
            clampShared: false,
          },
        ),
      /moe: h must be \[B, T, D\]/,
    );
  });
});

for (const hash of [false, true]) {
  test(`moe: gradients w.r.t. h, gate and every expert weight (${hash ? "hash" : "top-k"})`, () => {
    const { shape, input } = setup(43, hash);
    nearestKink = Number.POSITIVE_INFINITY;
    const ref = moeRef(input);
    // Central differences of step 1e-6 must not cross a top-k boundary or a clamp bound.
    if (!hash) assert.ok(ref.minGap > 1e-3, `top-k gap ${ref.minGap} too small`);
    assert.ok(nearestKink > 1e-3, `a pre-activation is ${nearestKink} from the clamp`);
    const all = [...input.experts, ...input.shared];
    const weights = all.flatMap((w) => [w.w1, w.w2, w.w3]);
    gradCheck(
      "moe",
      ([h, gate, ...ws]) => {
        const ex = all.map((_, i) => ({ w1: ws[3 * i]!, w2: ws[3 * i + 1]!, w3: ws[3 * i + 2]! }));
        return runMoe(shape, input, h!, gate!, ex).out;
      },
      [input.h, input.gate, ...weights],
    );
  });
}
