import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodeE2M1,
  decodeE8M0,
  dequantizeMxfp4,
  E2M1_VALUES,
  encodeE2M1,
  packFp4,
  unpackFp4,
} from "../../src/quant/index.ts";

const GRID = [0, 0.5, 1, 1.5, 2, 3, 4, 6];

test("E2M1 decodes codes 0-15 to the OCP table, code 8 is -0", () => {
  const expected = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6];
  for (let c = 0; c < 16; c++) {
    assert.ok(Object.is(decodeE2M1(c), expected[c]), `code ${c}`);
    assert.ok(Object.is(E2M1_VALUES[c], expected[c]), `table code ${c}`);
  }
});

test("E2M1 encode of scaled values matches the RNE + saturate column of spec 8.2", () => {
  const cases: Array<[number, number]> = [
    [0, 0x0],
    [-0, 0x8],
    [0.1, 0x0],
    [0.25, 0x0],
    [0.26, 0x1],
    [0.75, 0x2],
    [1.25, 0x2],
    [1.75, 0x4],
    [2.5, 0x4],
    [3.5, 0x6],
    [5.0, 0x6],
    [5.5, 0x7],
    [7.0, 0x7],
    [100.0, 0x7],
    [Number.POSITIVE_INFINITY, 0x7],
    [-0.1, 0x8],
    [-0.25, 0x8],
    [-0.75, 0xa],
    [-3.5, 0xe],
    [-5.0, 0xe],
    [-7.0, 0xf],
    [Number.NEGATIVE_INFINITY, 0xf],
  ];
  for (const [v, code] of cases) assert.equal(encodeE2M1(v), code, `encodeE2M1(${v})`);
  assert.throws(() => encodeE2M1(Number.NaN), /NaN has no E2M1 encoding/);
});

test("E2M1 decode(encode(decode(c))) round-trips every code", () => {
  for (let c = 0; c < 16; c++) assert.equal(encodeE2M1(decodeE2M1(c)), c);
});

test("E2M1 encode agrees with a brute-force nearest search, ties to even code", () => {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const inputs: number[] = [];
  for (let i = 0; i < 2000; i++) inputs.push((rand() - 0.5) * 16);
  for (let i = 0; i < GRID.length - 1; i++) {
    const mid = ((GRID[i] ?? 0) + (GRID[i + 1] ?? 0)) / 2;
    inputs.push(mid, -mid);
  }
  for (const v of inputs) {
    const a = Math.min(Math.abs(v), 6);
    let best = 0;
    for (let c = 1; c < 8; c++) {
      const d = Math.abs((GRID[c] ?? 0) - a);
      const db = Math.abs((GRID[best] ?? 0) - a);
      if (d < db || (d === db && c % 2 === 0)) best = c;
    }
    const expected = (v < 0 ? 8 : 0) | best;
    assert.equal(encodeE2M1(v), expected, `v = ${v}`);
  }
});

test("FP4 packing puts element 2i in the low nibble", () => {
  const codes = new Uint8Array([1, 2, 7, 15, 0, 8]);
  const packed = packFp4(codes);
  assert.deepEqual([...packed], [0x21, 0xf7, 0x80]);
  assert.deepEqual([...unpackFp4(packed)], [...codes]);
  assert.throws(() => packFp4(new Uint8Array(3)), /must be even/);
});

test("packed bytes [0x21, 0xF7] with scale byte 128 decode to [1, 2, 12, -12]", () => {
  const scale = decodeE8M0(128);
  assert.equal(scale, 2);
  const codes = unpackFp4(new Uint8Array([0x21, 0xf7]));
  assert.deepEqual(
    [...codes].map((c) => decodeE2M1(c) * scale),
    [1, 2, 12, -12],
  );
  const packed = new Uint8Array(16);
  packed[0] = 0x21;
  packed[1] = 0xf7;
  const out = dequantizeMxfp4({ packed, scales: new Uint8Array([128]), rows: 1, cols: 32 });
  assert.deepEqual([...out.subarray(0, 4)], [1, 2, 12, -12]);
});
