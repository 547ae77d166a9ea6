import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeE4M3, decodeE5M2, encodeE4M3 } from "../../src/quant/index.ts";

test("E4M3FN decodes the reference bytes", () => {
  assert.ok(Object.is(decodeE4M3(0x00), 0));
  assert.ok(Object.is(decodeE4M3(0x80), -0));
  assert.equal(decodeE4M3(0x01), 2 ** -9);
  assert.equal(decodeE4M3(0x07), 7 * 2 ** -9);
  assert.equal(decodeE4M3(0x08), 2 ** -6);
  assert.equal(decodeE4M3(0x38), 1);
  assert.equal(decodeE4M3(0x3c), 1.5);
  assert.equal(decodeE4M3(0x7e), 448);
  assert.ok(Number.isNaN(decodeE4M3(0x7f)));
  assert.equal(decodeE4M3(0xfe), -448);
  assert.ok(Number.isNaN(decodeE4M3(0xff)));
});

test("E4M3FN encode: powers of two and the saturating column of spec 8.6", () => {
  // 256 = 2^8 has exponent field 8 + 7 = 15 and mantissa 0, i.e. 0x78; 0x70 is 2^7 = 128.
  assert.equal(encodeE4M3(256), 0x78);
  assert.equal(encodeE4M3(128), 0x70);
  assert.equal(decodeE4M3(0x70), 128);
  const cases: Array<[number, number]> = [
    [1.0, 0x38],
    [0.5, 0x30],
    [-2.0, 0xc0],
    [240.0, 0x77],
    [448.0, 0x7e],
    [464.0, 0x7e],
    [479.0, 0x7e],
    [480.0, 0x7e],
    [500.0, 0x7e],
    [-1e9, 0xfe],
    [Number.POSITIVE_INFINITY, 0x7e],
    [2 ** -6, 0x08],
    [2 ** -9, 0x01],
    [2 ** -10, 0x00],
    [1.5 * 2 ** -10, 0x01],
    [1.0625, 0x38],
    [1.1875, 0x3a],
    [0.003, 0x02],
    [-0.0, 0x80],
  ];
  for (const [x, b] of cases) assert.equal(encodeE4M3(x), b, `encodeE4M3(${x})`);
  assert.equal(encodeE4M3(Number.NaN), 0x7f);
});

test("E4M3FN decode(encode(decode(b))) === decode(b) for all 256 bytes", () => {
  for (let b = 0; b < 256; b++) {
    const v = decodeE4M3(b);
    const back = decodeE4M3(encodeE4M3(v));
    if (Number.isNaN(v)) assert.ok(Number.isNaN(back), `byte ${b}`);
    else assert.ok(Object.is(back, v), `byte ${b}: ${v} -> ${back}`);
  }
});

test("E4M3FN encode matches a float64 brute-force nearest search (RNE, saturating)", () => {
  // Finite non-negative codes 0x00..0x7E are ordered by value.
  const mags: number[] = [];
  for (let c = 0; c <= 0x7e; c++) mags.push(decodeE4M3(c));
  const brute = (x: number): number => {
    const a = Math.min(Math.abs(x), 448);
    let best = 0;
    for (let c = 1; c <= 0x7e; c++) {
      const d = Math.abs((mags[c] ?? 0) - a);
      const db = Math.abs((mags[best] ?? 0) - a);
      if (d < db || (d === db && c % 2 === 0)) best = c;
    }
    return (x < 0 || Object.is(x, -0) ? 0x80 : 0) | best;
  };
  let seed = 987654321;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const inputs: number[] = [];
  for (let i = 0; i < 3000; i++) {
    // Log-uniform magnitudes from 2^-12 to 2^10 cover subnormals, normals and saturation.
    const a = Math.fround(2 ** (rand() * 22 - 12));
    inputs.push(rand() < 0.5 ? -a : a);
    // Doubles that are not float32 values take the encoder's general path.
    inputs.push(2 ** (rand() * 22 - 12));
  }
  // Every exact midpoint between neighbouring codes exercises the tie rule.
  for (let c = 0; c < 0x7e; c++) {
    const mid = ((mags[c] ?? 0) + (mags[c + 1] ?? 0)) / 2;
    inputs.push(mid, mid * (1 + 2 ** -40), mid * (1 - 2 ** -40));
  }
  for (const x of inputs) assert.equal(encodeE4M3(x), brute(x), `x = ${x}`);
});

test("E5M2 decodes IEEE-style: subnormals, max 57344, Inf and NaN", () => {
  assert.equal(decodeE5M2(0x01), 2 ** -16);
  assert.equal(decodeE5M2(0x04), 2 ** -14);
  assert.equal(decodeE5M2(0x3c), 1);
  assert.equal(decodeE5M2(0x3e), 1.5);
  assert.equal(decodeE5M2(0x7b), 57344);
  assert.equal(decodeE5M2(0xfb), -57344);
  assert.equal(decodeE5M2(0x7c), Number.POSITIVE_INFINITY);
  assert.equal(decodeE5M2(0xfc), Number.NEGATIVE_INFINITY);
  for (const b of [0x7d, 0x7e, 0x7f, 0xff]) assert.ok(Number.isNaN(decodeE5M2(b)), `byte ${b}`);
  assert.ok(Object.is(decodeE5M2(0x80), -0));
});
