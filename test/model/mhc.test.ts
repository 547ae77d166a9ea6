import assert from "node:assert/strict";
import { test } from "node:test";
import { openSafetensors } from "../../src/io/index.ts";
import { hcHead, hcPost, hcPre, sinkhorn } from "../../src/model/mhc.ts";
import { linear, rmsNorm } from "../../src/nn/index.ts";
import { Rng, ShapeError, tensor, tidy, zeros } from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import {
  assertClose,
  F64_TOL,
  type Nd,
  nd,
  randNormal,
  randUniform,
  sigmoidOf,
} from "../helpers/reference.ts";
import { toTensor } from "../helpers/tensors.ts";

const OPTS = { iters: 20, eps: 1e-6, normEps: 1e-6 };

/** Sinkhorn of one hc×hc matrix, row-major, straight from the spec's loop. */
function sinkhornRef(r: number[], hc: number, iters: number, eps: number): number[] {
  const m = r.slice();
  for (let a = 0; a < hc; a++) {
    const row = m.slice(a * hc, (a + 1) * hc);
    const mx = Math.max(...row);
    const z = row.reduce((p, v) => p + Math.exp(v - mx), 0);
    for (let b = 0; b < hc; b++) m[a * hc + b] = Math.exp(row[b]! - mx) / z + eps;
  }
  const cols = () => {
    for (let b = 0; b < hc; b++) {
      let s = 0;
      for (let a = 0; a < hc; a++) s += m[a * hc + b]!;
      for (let a = 0; a < hc; a++) m[a * hc + b] = m[a * hc + b]! / (s + eps);
    }
  };
  const rows = () => {
    for (let a = 0; a < hc; a++) {
      let s = 0;
      for (let b = 0; b < hc; b++) s += m[a * hc + b]!;
      for (let b = 0; b < hc; b++) m[a * hc + b] = m[a * hc + b]! / (s + eps);
    }
  };
  cols();
  for (let i = 1; i < iters; i++) {
    rows();
    cols();
  }
  return m;
}

/** μ = ρ·(F x) for the token at flat position `tok` of X [B, T, hc, D]. */
function mixesRef(x: Nd, fn: Nd, tok: number, normEps: number): number[] {
  const width = x.shape[2]! * x.shape[3]!;
  const v = Array.from(x.data.slice(tok * width, (tok + 1) * width));
  const rho = 1 / Math.sqrt(v.reduce((p, q) => p + q * q, 0) / width + normEps);
  return Array.from({ length: fn.shape[0]! }, (_, i) => {
    let s = 0;
    for (let j = 0; j < width; j++) s += fn.data[i * width + j]! * v[j]!;
    return rho * s;
  });
}

/** Σ_k a_k X[k] of one token. */
function collapseRef(x: Nd, tok: number, a: number[]): number[] {
  const [hc, d] = [x.shape[2]!, x.shape[3]!];
  return Array.from({ length: d }, (_, j) =>
    a.reduce((s, ak, k) => s + ak * x.data[(tok * hc + k) * d + j]!, 0),
  );
}

function hcPreRef(x: Nd, fn: Nd, scale: Nd, base: Nd) {
  const hc = x.shape[2]!;
  const tokens = x.shape[0]! * x.shape[1]!;
  const y: number[] = [];
  const post: number[] = [];
  const comb: number[] = [];
  const [s0, s1, s2] = [scale.data[0]!, scale.data[1]!, scale.data[2]!];
  for (let t = 0; t < tokens; t++) {
    const mu = mixesRef(x, fn, t, OPTS.normEps);
    const g = (i: number, s: number) => s * mu[i]! + base.data[i]!;
    const pre = Array.from({ length: hc }, (_, k) => sigmoidOf(g(k, s0)) + OPTS.eps);
    for (let k = 0; k < hc; k++) post.push(2 * sigmoidOf(g(hc + k, s1)));
    const r = Array.from({ length: hc * hc }, (_, i) => g(2 * hc + i, s2));
    comb.push(...sinkhornRef(r, hc, OPTS.iters, OPTS.eps));
    y.push(...collapseRef(x, t, pre));
  }
  return { y, post, comb };
}

function hcPostRef(f: Nd, x: Nd, post: Nd, comb: Nd): number[] {
  const [hc, d] = [x.shape[2]!, x.shape[3]!];
  const out: number[] = [];
  for (let t = 0; t < x.shape[0]! * x.shape[1]!; t++) {
    for (let b = 0; b < hc; b++) {
      for (let j = 0; j < d; j++) {
        let v = post.data[t * hc + b]! * f.data[t * d + j]!;
        for (let a = 0; a < hc; a++) {
          v += comb.data[(t * hc + a) * hc + b]! * x.data[(t * hc + a) * d + j]!;
        }
        out.push(v);
      }
    }
  }
  return out;
}

function randomPre(rng: Rng, b: number, t: number, hc: number, d: number) {
  const m = (2 + hc) * hc;
  return {
    x: randNormal(rng, [b, t, hc, d]),
    fn: randNormal(rng, [m, hc * d], 0.5),
    scale: randUniform(rng, [3], 0.5, 1.5),
    base: randNormal(rng, [m], 0.5),
  };
}

test("hcPost: the cyclic permutation moves streams [1, 2, 3, 4] to [4, 1, 2, 3]", () => {
  tidy(() => {
    const x = tensor([1, 2, 3, 4], [1, 1, 4, 1]);
    const m = [
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [1, 0, 0, 0],
    ];
    const comb = tensor(m.flat(), [1, 1, 4, 4]);
    const out = hcPost(zeros([1, 1, 1]), x, tensor([0.3, 0.7, 1.1, 1.9], [1, 1, 4]), comb);
    assert.deepEqual(out.shape, [1, 1, 4, 1]);
    assert.deepEqual(Array.from(out.toArray()), [4, 1, 2, 3]);
  });
});

test("hcPre: zero fn and base with unit scales give neutral gates and a uniform mix", () => {
  const rng = new Rng(30);
  const x = randNormal(rng, [2, 3, 4, 5]);
  tidy(() => {
    const xt = toTensor(x, "f32");
    const { y, post, comb } = hcPre(xt, zeros([24, 20]), tensor([1, 1, 1]), zeros([24]), OPTS);
    assert.deepEqual(post.shape, [2, 3, 4]);
    assert.deepEqual(comb.shape, [2, 3, 4, 4]);
    assertClose(post.toArray(), new Array(24).fill(1), { atol: 1e-6 }, "post");
    assertClose(comb.toArray(), new Array(96).fill(0.25), { atol: 1e-6 }, "comb");
    // pre_k = σ(0) + eps = 0.500001 for every stream.
    const expected = [];
    for (let t = 0; t < 6; t++)
      expected.push(...collapseRef(x, t, [0.500001, 0.500001, 0.500001, 0.500001]));
    assertClose(y.toArray(), expected, { atol: 1e-5, rtol: 1e-6 }, "y");
  });
});

test("hcPre: random inputs match a float64 reference", () => {
  const { x, fn, scale, base } = randomPre(new Rng(31), 2, 2, 4, 3);
  const ref = hcPreRef(x, fn, scale, base);
  tidy(() => {
    const out = hcPre(toTensor(x), toTensor(fn), toTensor(scale), toTensor(base), OPTS);
    assert.deepEqual(out.y.shape, [2, 2, 3]);
    assertClose(out.y.toArray(), ref.y, F64_TOL, "y");
    assertClose(out.post.toArray(), ref.post, F64_TOL, "post");
    assertClose(out.comb.toArray(), ref.comb, F64_TOL, "comb");
  });
});

test("hcPost: random inputs match a float64 reference (column b feeds stream b)", () => {
  const rng = new Rng(32);
  const x = randNormal(rng, [2, 3, 4, 5]);
  const f = randNormal(rng, [2, 3, 5]);
  const post = randUniform(rng, [2, 3, 4], 0, 2);
  const comb = randUniform(rng, [2, 3, 4, 4], 0, 1);
  tidy(() => {
    const out = hcPost(toTensor(f), toTensor(x), toTensor(post), toTensor(comb));
    assertClose(out.toArray(), hcPostRef(f, x, post, comb), F64_TOL, "hcPost");
  });
});

test("hcHead: random inputs match a float64 reference", () => {
  const rng = new Rng(33);
  const x = randNormal(rng, [2, 2, 4, 3]);
  const fn = randNormal(rng, [4, 12], 0.5);
  const scale = randUniform(rng, [1], 0.5, 1.5);
  const base = randNormal(rng, [4], 0.5);
  const expected: number[] = [];
  for (let t = 0; t < 4; t++) {
    const mu = mixesRef(x, fn, t, OPTS.normEps);
    const a = mu.map((m, k) => sigmoidOf(scale.data[0]! * m + base.data[k]!) + OPTS.eps);
    expected.push(...collapseRef(x, t, a));
  }
  tidy(() => {
    const y = hcHead(toTensor(x), toTensor(fn), toTensor(scale), toTensor(base), OPTS);
    assert.deepEqual(y.shape, [2, 2, 3]);
    assertClose(y.toArray(), expected, F64_TOL, "hcHead");
  });
});

test("sinkhorn: matches the spec's loop for 1 and 20 iterations", () => {
  const r = randNormal(new Rng(34), [3, 4, 4], 2);
  tidy(() => {
    const rt = toTensor(r);
    for (const iters of [1, 20]) {
      const expected: number[] = [];
      for (let i = 0; i < 3; i++) {
        const block = Array.from(r.data.slice(16 * i, 16 * i + 16));
        expected.push(...sinkhornRef(block, 4, iters, 1e-6));
      }
      assertClose(sinkhorn(rt, iters, 1e-6).toArray(), expected, F64_TOL, `iters ${iters}`);
    }
    assert.throws(() => sinkhorn(rt, 0, 1e-6), /sinkhorn: iters 0/);
    assert.throws(() => sinkhorn(toTensor(nd([2, 3])), 2, 1e-6), ShapeError);
  });
});

test("sinkhorn: twenty iterations make rows and columns sum to ~1", () => {
  const r = randNormal(new Rng(38), [5, 4, 4], 0.5);
  tidy(() => {
    const m = sinkhorn(toTensor(r), 20, 1e-6);
    assertClose(m.sum(-1).toArray(), new Array(20).fill(1), { atol: 1e-4 }, "rows");
    assertClose(m.sum(-2).toArray(), new Array(20).fill(1), { atol: 1e-5 }, "columns");
  });
});

test("mHC: wrong parameter shapes name the function and the field", () => {
  const { x, fn, scale, base } = randomPre(new Rng(35), 1, 1, 4, 2);
  tidy(() => {
    const [xt, ft, st, bt] = [toTensor(x), toTensor(fn), toTensor(scale), toTensor(base)];
    assert.throws(
      () => hcPre(xt, ft.transpose(0, 1), st, bt, OPTS),
      /hcPre: fn has shape \[8, 24\]/,
    );
    assert.throws(
      () => hcPre(xt, ft, bt, bt, OPTS),
      /hcPre: scale has shape \[24\], expected \[3\]/,
    );
    assert.throws(() => hcPre(xt.flatten(2), ft, st, bt, OPTS), /hcPre: X must be \[B, T, hc, D\]/);
    assert.throws(
      () => hcHead(xt, ft, st, bt, OPTS),
      /hcHead: fn has shape \[24, 8\], expected \[4, 8\]/,
    );
    const f = toTensor(nd([1, 1, 3]));
    assert.throws(() => hcPost(f, xt, st, st), /hcPost: f has shape \[1, 1, 3\]/);
  });
});

test("hcPre → sublayer → hcPost: gradients w.r.t. X, fn, scale and base", () => {
  const { x, fn, scale, base } = randomPre(new Rng(36), 1, 2, 4, 2);
  gradCheck(
    "mHC pre/post",
    ([xt, ft, st, bt]) => {
      const { y, post, comb } = hcPre(xt!, ft!, st!, bt!, OPTS);
      return hcPost(y.tanh(), xt!, post, comb);
    },
    [x, fn, scale, base],
    { atol: 1e-6, rtol: 1e-5 },
  );
});

test("hcHead: gradients w.r.t. X, fn, scale and base", () => {
  const rng = new Rng(37);
  const x = randNormal(rng, [1, 2, 3, 2]);
  const fn = randNormal(rng, [3, 6], 0.5);
  const scale = randUniform(rng, [1], 0.5, 1.5);
  const base = randNormal(rng, [3], 0.5);
  gradCheck("hcHead", ([xt, ft, st, bt]) => hcHead(xt!, ft!, st!, bt!, OPTS), [x, fn, scale, base]);
});

test("hcHead → norm → head on the fixture's final streams reproduces its logits", () => {
  const dir = "/work/shared/fixtures/v4-tiny-a";
  const weights = openSafetensors(`${dir}/model.safetensors`);
  const expected = openSafetensors(`${dir}/expected.safetensors`);
  try {
    const read = (file: typeof weights, name: string) =>
      tensor(file.readFloat32(name), file.info(name).shape);
    tidy(() => {
      const x = read(expected, "prefill_hidden_after_layer_4").unsqueeze(0); // [1, 300, 4, 64]
      const y = hcHead(
        x,
        read(weights, "hc_head_fn"),
        read(weights, "hc_head_scale"),
        read(weights, "hc_head_base"),
        { eps: 1e-6, normEps: 1e-6 },
      );
      const logits = linear(
        rmsNorm(y, read(weights, "norm.weight"), 1e-6),
        read(weights, "head.weight"),
      );
      const want = expected.readFloat32("logits_prefill");
      assertClose(logits.toArray(), want, { atol: 1e-4 }, "logits");
    });
  } finally {
    weights.close();
    expected.close();
  }
});
