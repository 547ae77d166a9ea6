import assert from "node:assert/strict";
import { test } from "node:test";
import { embed } from "../../src/nn/index.ts";
import { DTypeError, Rng, ShapeError, tensor, tidy } from "../../src/tensor/index.ts";
import { assertClose, randNormal } from "../helpers/reference.ts";
import { i32, toTensor } from "../helpers/tensors.ts";

test("embed: [B, T] ids pick table rows into [B, T, D]", () => {
  const table = randNormal(new Rng(10), [5, 3]);
  tidy(() => {
    const y = embed(toTensor(table), i32([0, 4, 2, 2], [2, 2]));
    assert.deepEqual(y.shape, [2, 2, 3]);
    const rows = [0, 4, 2, 2].flatMap((r) => Array.from(table.data.slice(3 * r, 3 * r + 3)));
    assertClose(y.toArray(), rows, { atol: 0 }, "rows");
  });
});

test("embed: repeated ids accumulate their gradients", () => {
  tidy(() => {
    const table = toTensor(randNormal(new Rng(11), [4, 2])).requireGrad();
    embed(table, i32([1, 3, 1], [1, 3]))
      .sum()
      .backward();
    assert.deepEqual(Array.from(table.grad!.toArray()), [0, 0, 2, 2, 0, 0, 1, 1]);
    table.grad!.dispose();
  });
});

test("embed: bad tables, id dtypes and ids are rejected", () => {
  tidy(() => {
    const table = toTensor(randNormal(new Rng(12), [4, 2]));
    assert.throws(() => embed(tensor([1, 2, 3]), i32([0], [1, 1])), ShapeError);
    assert.throws(() => embed(table, tensor([[0, 1]])), DTypeError);
    assert.throws(() => embed(table, i32([4], [1, 1])));
  });
});
