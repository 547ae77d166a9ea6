import { test } from "node:test";
import {
  concat,
  crossEntropy,
  embedding,
  gather,
  indexAdd,
  indexSelect,
  logSoftmax,
  logsumexp,
  matmul,
  max,
  mean,
  min,
  mul,
  Rng,
  scatterAdd,
  softmax,
  split,
  stack,
  sum,
  topk,
} from "../../src/tensor/index.ts";
import { gradCheck } from "../helpers/gradcheck.ts";
import { nd, randDistinct, randInts, randUniform } from "../helpers/reference.ts";
import { i32 } from "../helpers/tensors.ts";

const rng = new Rng(37);

test("grad sum and mean over one axis, several axes, all axes, keepdim", () => {
  for (const axis of [1, [0, 2], undefined, -1]) {
    for (const keepdim of [false, true]) {
      const x = randUniform(rng, [2, 3, 4]);
      const label = `axis ${JSON.stringify(axis)} keep ${keepdim}`;
      gradCheck(`sum ${label}`, ([t]) => sum(t!, axis, keepdim), [x]);
      gradCheck(`mean ${label}`, ([t]) => mean(t!, axis, keepdim), [x]);
    }
  }
});

test("grad max and min reductions (distinct values, so no ties)", () => {
  for (const axis of [0, 2, [1, 2], undefined]) {
    const x = randDistinct(rng, [3, 4, 2]);
    const label = `axis ${JSON.stringify(axis)}`;
    gradCheck(`max ${label}`, ([t]) => max(t!, axis), [x]);
    gradCheck(`min ${label}`, ([t]) => min(t!, axis, true), [x]);
  }
});

test("grad softmax, logSoftmax and logsumexp on the last and a middle axis", () => {
  for (const axis of [-1, 1, 0]) {
    const x = randUniform(rng, [3, 4, 5], -2, 2);
    gradCheck(`softmax ${axis}`, ([t]) => softmax(t!, axis), [x]);
    gradCheck(`logSoftmax ${axis}`, ([t]) => logSoftmax(t!, axis), [x]);
    gradCheck(`logsumexp ${axis}`, ([t]) => logsumexp(t!, axis), [x]);
    gradCheck(`logsumexp keepdim ${axis}`, ([t]) => logsumexp(t!, axis, true), [x]);
  }
  // A partly masked row: the -inf entries get zero gradient and the rest stay correct.
  const masked = nd([2, 3], [0.3, Number.NEGATIVE_INFINITY, -0.2, 1, 0.5, -1]);
  gradCheck("softmax with -inf", ([t]) => softmax(t!, -1), [masked]);
});

test("grad matmul: 2-D, batched, broadcast batch, vectors, transposed operands", () => {
  const cases: [number[], number[]][] = [
    [
      [3, 4],
      [4, 2],
    ],
    [
      [2, 3, 4],
      [2, 4, 2],
    ],
    [
      [2, 1, 3, 4],
      [3, 4, 2],
    ],
    [
      [3, 4],
      [2, 4, 2],
    ],
    [[4], [4, 3]],
    [[2, 3, 4], [4]],
    [[4], [4]],
  ];
  for (const [sa, sb] of cases) {
    gradCheck(`matmul [${sa}] @ [${sb}]`, ([a, b]) => matmul(a!, b!), [
      randUniform(rng, sa),
      randUniform(rng, sb),
    ]);
  }
  gradCheck("matmul a^T b^T", ([a, b]) => matmul(a!.transpose(), b!.transpose()), [
    randUniform(rng, [4, 3]),
    randUniform(rng, [2, 4]),
  ]);
});

test("grad through views of non-contiguous tensors: slice, permute, expand, reshape", () => {
  const x = randUniform(rng, [3, 4, 5]);
  gradCheck("slice of permute", ([t]) => t!.permute([2, 0, 1]).slice(0, 1, -1), [x]);
  gradCheck("reshape of transpose", ([t]) => t!.transpose(0, 2).reshape([5, -1]).slice(1, 2, 9), [
    x,
  ]);
  gradCheck(
    "expand of a slice, then mul",
    ([t, u]) => mul(t!.slice(1, 1, 2).expand([3, 6, 5]), u!),
    [x, randUniform(rng, [6, 5])],
  );
  gradCheck(
    "squeeze/unsqueeze/flatten/contiguous",
    ([t]) => t!.slice(2, 2, 3).squeeze(2).unsqueeze(0).transpose(1, 2).contiguous().flatten(),
    [x],
  );
  gradCheck("a view used twice", ([t]) => mul(t!.slice(0, 0, 2), t!.slice(0, 1, 3)), [x]);
});

test("grad concat, stack and split", () => {
  const parts = [
    randUniform(rng, [2, 1, 3]),
    randUniform(rng, [2, 4, 3]),
    randUniform(rng, [2, 2, 3]),
  ];
  gradCheck("concat axis 1", (ts) => concat(ts, 1), parts);
  gradCheck(
    "stack of transposes",
    (ts) =>
      stack(
        ts.map((t) => t.transpose()),
        1,
      ),
    [randUniform(rng, [2, 3]), randUniform(rng, [2, 3])],
  );
  gradCheck(
    "split and recombine",
    ([t]) => {
      const [p, q, r] = split(t!, [1, 2, 2], 1);
      return concat([mul(r!, q!), p!.expand([3, 2])], 0);
    },
    [randUniform(rng, [3, 5])],
  );
});

test("grad gather, indexSelect and embedding w.r.t. the table (repeated indices)", () => {
  const index = i32([2, 0, 2, 1, 0, 0, 1, 2], [2, 4]);
  gradCheck("gather axis 1", ([t]) => gather(t!, 1, index), [randUniform(rng, [2, 3])]);
  const index0 = i32([1, 1, 0, 0, 1, 1], [2, 3]);
  gradCheck("gather axis 0 of a transpose", ([t]) => gather(t!.transpose(), 0, index0), [
    randUniform(rng, [3, 2]),
  ]);
  const rows = i32([3, 0, 3, 3]);
  gradCheck("indexSelect axis 0", ([t]) => indexSelect(t!, 0, rows), [randUniform(rng, [5, 2])]);
  gradCheck("indexSelect axis 1", ([t]) => indexSelect(t!, 1, rows), [randUniform(rng, [2, 4])]);
  const ids = i32([1, 4, 1, 0, 4, 4], [2, 3]);
  gradCheck("embedding", ([t]) => embedding(t!, ids), [randUniform(rng, [5, 3])]);
});

test("grad scatterAdd and indexAdd w.r.t. both the base and the source", () => {
  const index = i32([0, 2, 0, 1, 1, 1], [2, 3]);
  gradCheck("scatterAdd axis 1", ([base, src]) => scatterAdd(base!, 1, index, src!), [
    randUniform(rng, [2, 4]),
    randUniform(rng, [2, 3]),
  ]);
  gradCheck(
    "scatterAdd of views",
    ([base, src]) => scatterAdd(base!.transpose(), 0, index.transpose(), src!.transpose()),
    [randUniform(rng, [2, 4]), randUniform(rng, [2, 3])],
  );
  const rows = i32([1, 1, 3]);
  gradCheck("indexAdd axis 0", ([base, src]) => indexAdd(base!, 0, rows, src!), [
    randUniform(rng, [4, 2]),
    randUniform(rng, [3, 2]),
  ]);
  gradCheck("indexAdd axis 1", ([base, src]) => indexAdd(base!, 1, rows, src!), [
    randUniform(rng, [2, 5]),
    randUniform(rng, [2, 3]),
  ]);
});

test("grad topk values (distinct inputs)", () => {
  gradCheck("topk k=3", ([t]) => topk(t!, 3).values, [randDistinct(rng, [2, 3, 6])]);
  gradCheck("topk of a transpose", ([t]) => topk(t!.transpose(), 2).values, [
    randDistinct(rng, [5, 3]),
  ]);
});

test("grad crossEntropy: mean with ignored rows, sum, none", () => {
  const targets = i32([2, -100, 0, 4, 4]);
  const logits = randUniform(rng, [5, 5], -2, 2);
  gradCheck("crossEntropy mean", ([t]) => crossEntropy(t!, targets), [logits]);
  gradCheck("crossEntropy sum", ([t]) => crossEntropy(t!, targets, { reduction: "sum" }), [logits]);
  gradCheck("crossEntropy none", ([t]) => crossEntropy(t!, targets, { reduction: "none" }), [
    logits,
  ]);
  const t2 = i32(randInts(rng, 3, 7));
  gradCheck("crossEntropy of a transpose", ([t]) => crossEntropy(t!.transpose(), t2), [
    randUniform(rng, [7, 3]),
  ]);
});
