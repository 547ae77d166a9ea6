import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeToFloat32, decodeToInt32, encodeFloat32To } from "../../src/io/index.ts";
import { f16BitsToNumber, numberToF16Bits } from "../../src/quant/index.ts";

function u8(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const u16 = (...v: number[]) => u8(new Uint16Array(v));
const f32bits = (bits: number): number => new Float32Array(new Uint32Array([bits]).buffer)[0] ?? 0;

test("decodeToFloat32 decodes every float dtype at its edge values", () => {
  assert.deepEqual(
    [...decodeToFloat32("F16", u16(0x3c00, 0x7bff, 0x0001, 0x03ff, 0x8000, 0x7c00, 0xfc00))],
    [1, 65504, 2 ** -24, 1023 * 2 ** -24, -0, Infinity, -Infinity],
  );
  assert.ok(Number.isNaN(decodeToFloat32("F16", u16(0x7e00))[0]));
  assert.deepEqual(
    [...decodeToFloat32("BF16", u16(0x3f80, 0xc040, 0x0001, 0x7f80, 0x7f7f))],
    [1, -3, 2 ** -133, Infinity, f32bits(0x7f7f0000)],
  );
  assert.ok(Number.isNaN(decodeToFloat32("BF16", u16(0x7fc0))[0]));
  assert.deepEqual(
    [...decodeToFloat32("F8_E4M3", Uint8Array.of(0x38, 0x7e, 0xfe, 0x01, 0x80))],
    [1, 448, -448, 2 ** -9, -0],
  );
  assert.deepEqual(
    [...decodeToFloat32("F8_E5M2", Uint8Array.of(0x3c, 0x7b, 0x7c, 0x01))],
    [1, 57344, Infinity, 2 ** -16],
  );
  assert.deepEqual(
    [...decodeToFloat32("F8_E8M0", Uint8Array.of(0, 127, 134, 254))],
    [2 ** -127, 1, 128, 2 ** 127],
  );
  assert.ok(Number.isNaN(decodeToFloat32("F8_E8M0", Uint8Array.of(255))[0]));
  assert.deepEqual([...decodeToFloat32("F32", u8(new Float32Array([1.5, -2])))], [1.5, -2]);
  assert.deepEqual(
    [...decodeToFloat32("F64", u8(new Float64Array([0.1, 1e300])))],
    [Math.fround(0.1), Infinity],
  );
});

test("decodeToFloat32 and decodeToInt32 decode integer dtypes", () => {
  const cases: Array<[Parameters<typeof decodeToInt32>[0], Uint8Array, number[]]> = [
    ["BOOL", Uint8Array.of(0, 1, 1), [0, 1, 1]],
    ["U8", Uint8Array.of(0, 255), [0, 255]],
    ["I8", u8(new Int8Array([-128, 127])), [-128, 127]],
    ["I16", u8(new Int16Array([-32768, 32767])), [-32768, 32767]],
    ["U16", u8(new Uint16Array([65535])), [65535]],
    ["I32", u8(new Int32Array([-(2 ** 31), 2 ** 31 - 1])), [-(2 ** 31), 2 ** 31 - 1]],
    ["U32", u8(new Uint32Array([2 ** 31 - 1])), [2 ** 31 - 1]],
    ["I64", u8(new BigInt64Array([-(2n ** 31n), 2n ** 31n - 1n])), [-(2 ** 31), 2 ** 31 - 1]],
    ["U64", u8(new BigUint64Array([123n])), [123]],
  ];
  for (const [dtype, bytes, values] of cases) {
    assert.deepEqual([...decodeToInt32(dtype, bytes)], values, dtype);
    assert.deepEqual([...decodeToFloat32(dtype, bytes)], values.map(Math.fround), dtype);
  }
  // I64 beyond int32 is fine for float32 (up to 2^53) but not for int32.
  const big = u8(new BigInt64Array([0n, 2n ** 31n]));
  assert.deepEqual([...decodeToFloat32("I64", big)], [0, 2 ** 31]);
  assert.throws(
    () => decodeToInt32("I64", big, "layers.0.ffn.gate.tid2eid"),
    /tensor "layers\.0\.ffn\.gate\.tid2eid": I64 value 2147483648 at index 1 is outside the int32/,
  );
  assert.throws(
    () => decodeToFloat32("I64", u8(new BigInt64Array([2n ** 60n])), "t"),
    /tensor "t": I64 value 1152921504606846976 at index 0 is outside \+-\(2\^53 - 1\)/,
  );
  assert.throws(() => decodeToInt32("U32", u8(new Uint32Array([2 ** 31]))), /U32 value 2147483648/);
  assert.throws(() => decodeToInt32("BF16", u16(1)), /BF16 is not an integer dtype/);
  assert.throws(() => decodeToFloat32("F32", new Uint8Array(6)), /6 bytes is not a whole number/);
});

test("decoding works on misaligned byte views", () => {
  const buf = new Uint8Array(9);
  buf.set(u8(new Float64Array([3.25])), 1);
  assert.deepEqual([...decodeToFloat32("F64", buf.subarray(1))], [3.25]);
  buf.set(u8(new BigInt64Array([-7n])), 1);
  assert.deepEqual([...decodeToInt32("I64", buf.subarray(1))], [-7]);
});

test("F16: every non-NaN bit pattern round-trips through encode", () => {
  for (let h = 0; h < 65536; h++) {
    const v = f16BitsToNumber(h);
    if (Number.isNaN(v)) assert.ok(Number.isNaN(f16BitsToNumber(numberToF16Bits(v))));
    else assert.equal(numberToF16Bits(v), h, `0x${h.toString(16)}`);
  }
});

test("F16 encode: RNE ties, overflow, subnormals, NaN, Inf", () => {
  const cases: Array<[number, number]> = [
    [1 + 2 ** -11, 0x3c00], // tie between 1 and 1 + 2^-10 -> even (1)
    [1 + 3 * 2 ** -11, 0x3c02], // tie -> even (1 + 2^-9)
    [1 + 2 ** -11 + 2 ** -20, 0x3c01],
    [1 + 2 ** -11 + 2 ** -40, 0x3c01], // not a float32: general (float64) path
    [1 + 2 ** -11 - 2 ** -40, 0x3c00],
    [65504, 0x7bff],
    [65519, 0x7bff],
    [65520, 0x7c00], // tie between 65504 (odd) and 65536 -> Inf
    [1e6, 0x7c00],
    [-1e6, 0xfc00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -24, 0x0001],
    [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal -> 0
    [1.5 * 2 ** -24, 0x0002],
    [2 ** -26, 0x0000],
    [1023.5 * 2 ** -24, 0x0400], // largest subnormal + half ulp rounds to the smallest normal
    [-0, 0x8000],
  ];
  for (const [x, h] of cases) assert.equal(numberToF16Bits(x), h, `${x}`);
  assert.equal(numberToF16Bits(Number.NaN) & 0x7c00, 0x7c00);
  assert.notEqual(numberToF16Bits(Number.NaN) & 0x3ff, 0);
});

test("F16 encode matches a brute-force nearest search on random float32 inputs", () => {
  const pos: number[] = [];
  for (let h = 0; h <= 0x7bff; h++) pos.push(f16BitsToNumber(h));
  let seed = 5;
  for (let k = 0; k < 2000; k++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const x = Math.fround(2 ** ((seed / 2 ** 31) * 44 - 27));
    // Binary search the neighbours, then pick the nearer, ties to even.
    let lo = 0;
    let hi = pos.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((pos[mid] ?? 0) <= x) lo = mid;
      else hi = mid;
    }
    let expected: number;
    const dl = x - (pos[lo] ?? 0);
    const dh = (pos[hi] ?? 0) - x;
    if (x >= 65520) expected = 0x7c00;
    else if (x >= 65504) expected = 0x7bff;
    else expected = dl < dh || (dl === dh && lo % 2 === 0) ? lo : hi;
    assert.equal(numberToF16Bits(x), expected, `x = ${x}`);
  }
});

test("BF16 and F16 array round trips through encodeFloat32To / decodeToFloat32", () => {
  const x = new Float32Array([
    0,
    -0,
    1,
    -2.5,
    f32bits(0x3f808000), // 1 + 2^-8: tie -> 1
    f32bits(0x3f818000), // 1 + 3 * 2^-8: tie -> 1 + 2^-6
    f32bits(0x3f808001), // just above the tie -> up
    f32bits(0x7f7fffff), // max float32 rounds up to Inf
    f32bits(0x00010000), // bf16 subnormal 2^-133, exact
    f32bits(0x00018000), // 1.5 * 2^-133: tie -> 2 * 2^-133
    Infinity,
    -Infinity,
    Number.NaN,
  ]);
  const bf = decodeToFloat32("BF16", encodeFloat32To("BF16", x));
  const expectedBf = [
    0,
    -0,
    1,
    -2.5,
    1,
    1 + 2 ** -6,
    1 + 2 ** -7,
    Infinity,
    2 ** -133,
    2 ** -132,
    Infinity,
    -Infinity,
  ];
  assert.deepEqual([...bf.subarray(0, 12)], expectedBf);
  assert.ok(Number.isNaN(bf[12]));
  const bfBits = new Uint16Array(encodeFloat32To("BF16", x).buffer);
  assert.equal(bfBits[5], 0x3f82);
  assert.equal(bfBits[7], 0x7f80);

  const h = decodeToFloat32("F16", encodeFloat32To("F16", x));
  assert.deepEqual([...h.subarray(0, 4)], [0, -0, 1, -2.5]);
  assert.equal(h[7], Infinity);
  assert.equal(h[8], 0);
  assert.ok(Number.isNaN(h[12]));
  const y = new Float32Array([1, 2 ** -14, 2 ** -24, 65504, -3.140625]);
  assert.deepEqual(decodeToFloat32("F16", encodeFloat32To("F16", y)), y);
  assert.deepEqual(decodeToFloat32("F32", encodeFloat32To("F32", x)), x);
  assert.deepEqual(decodeToFloat32("F64", encodeFloat32To("F64", x)), x);
  assert.deepEqual(
    [...encodeFloat32To("F8_E4M3", new Float32Array([1, 500, -0.5]))],
    [0x38, 0x7e, 0xb0],
  );
});
