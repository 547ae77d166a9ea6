import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodeE8M0,
  encodeE8M0Ceil,
  encodeE8M0Nearest,
  encodeE8M0PowerOfTwo,
} from "../../src/quant/index.ts";

test("E8M0 decodes the required bytes; 0 is 2^-127 and 255 is NaN", () => {
  assert.equal(decodeE8M0(0), 2 ** -127);
  assert.notEqual(decodeE8M0(0), 0);
  assert.equal(decodeE8M0(120), 0.0078125);
  assert.equal(decodeE8M0(127), 1);
  assert.equal(decodeE8M0(134), 128);
  assert.equal(decodeE8M0(254), 2 ** 127);
  assert.ok(Number.isNaN(decodeE8M0(255)));
});

test("E8M0 decode edge cases of spec 8.5", () => {
  // 2^-127 is a float32 subnormal with bit pattern 0x00400000: it survives float32 storage.
  const f = new Float32Array([decodeE8M0(0x00)]);
  assert.equal(new Uint32Array(f.buffer)[0], 0x00400000);
  assert.equal(decodeE8M0(0x01), 2 ** -126);
  assert.equal(decodeE8M0(0x7c), 0.125);
  assert.equal(decodeE8M0(0x7d), 0.25);
  assert.equal(decodeE8M0(0x7e), 0.5);
  assert.equal(decodeE8M0(0x7f), 1);
  assert.equal(decodeE8M0(0x80), 2);
  assert.equal(decodeE8M0(0x81), 4);
  assert.equal(decodeE8M0(0xfe), 2 ** 127);
});

test("E8M0 power-of-two encode round-trips all 255 finite bytes and rejects the rest", () => {
  for (let b = 0; b < 255; b++) assert.equal(encodeE8M0PowerOfTwo(decodeE8M0(b)), b);
  for (const bad of [3, 0, -2, 2 ** 128, 2 ** -128, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => encodeE8M0PowerOfTwo(bad), /expected a power of two/, `${bad}`);
  }
});

test("E8M0 round-up encode (cvt.rp): 3.0 -> 0x81, saturates, NaN -> 0xFF", () => {
  assert.equal(encodeE8M0Ceil(3.0), 0x81);
  assert.equal(encodeE8M0Ceil(4.0), 0x81);
  assert.equal(encodeE8M0Ceil(4.000001), 0x82);
  assert.equal(encodeE8M0Ceil(-3.0), 0x81);
  assert.equal(encodeE8M0Ceil(2 ** -140), 0x00);
  assert.equal(encodeE8M0Ceil(2 ** 200), 0xfe);
  assert.equal(encodeE8M0Ceil(Number.NaN), 0xff);
});

test("E8M0 nearest encode (torch cast): 3.0 / 2.9 / -2.0 / 0.0 / Inf", () => {
  assert.equal(encodeE8M0Nearest(3.0), 0x81);
  assert.equal(encodeE8M0Nearest(2.9), 0x80);
  assert.equal(encodeE8M0Nearest(-2.0), 0x80);
  assert.equal(encodeE8M0Nearest(0.0), 0x00);
  assert.equal(encodeE8M0Nearest(Number.POSITIVE_INFINITY), 0xff);
  assert.equal(encodeE8M0Nearest(Number.NaN), 0xff);
  // float32 subnormals: exactly 2^-127 stays at byte 0, anything above rounds to 2^-126.
  assert.equal(encodeE8M0Nearest(2 ** -127), 0x00);
  assert.equal(encodeE8M0Nearest(1.25 * 2 ** -127), 0x01);
  assert.equal(encodeE8M0Nearest(2 ** 127 * 1.9), 0xfe);
});
