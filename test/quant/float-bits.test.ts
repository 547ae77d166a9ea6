import assert from "node:assert/strict";
import { test } from "node:test";
import { ceilLog2, floorLog2, roundHalfEven } from "../../src/quant/index.ts";

test("floorLog2 / ceilLog2 are exact on powers of two and their neighbours", () => {
  for (let k = -1074; k <= 1023; k++) {
    const p = 2 ** k;
    assert.equal(floorLog2(p), k, `floor 2^${k}`);
    assert.equal(ceilLog2(p), k, `ceil 2^${k}`);
    if (k > -1022 && k < 1023) {
      const above = p * (1 + 2 ** -52);
      const below = p * (1 - 2 ** -53);
      assert.equal(floorLog2(above), k);
      assert.equal(ceilLog2(above), k + 1);
      assert.equal(floorLog2(below), k - 1);
      assert.equal(ceilLog2(below), k);
    }
  }
  assert.equal(floorLog2(Number.MAX_VALUE), 1023);
  assert.equal(floorLog2(3 * 2 ** -1074), -1073);
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => floorLog2(bad), /expected a positive finite number/);
  }
});

test("roundHalfEven rounds ties to the even integer", () => {
  const cases: Array<[number, number]> = [
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [-0.5, 0],
    [-1.5, -2],
    [2.4999, 2],
    [2.5001, 3],
    [7, 7],
  ];
  for (const [x, r] of cases) assert.equal(roundHalfEven(x), r, `${x}`);
});
