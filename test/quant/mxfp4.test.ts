import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ceilLog2,
  decodeE8M0,
  dequantizeMxfp4,
  fakeQuantMxfp4,
  type Mxfp4ScaleRule,
  mxfp4ScaleByte,
  quantizeMxfp4,
  unpackFp4,
} from "../../src/quant/index.ts";

function block(first: number[], fill = 0): Float32Array {
  const x = new Float32Array(32).fill(fill);
  x.set(first);
  return x;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
}

test("scale selection for single-dominant-element blocks (spec 8.3)", () => {
  // [amax, floor byte, floor code, floor decoded, ceil byte, ceil code, ceil decoded]
  const rows: Array<[number, number, number, number, number, number, number]> = [
    [6.0, 0x7f, 0x7, 6.0, 0x7f, 0x7, 6.0],
    [6.5, 0x7f, 0x7, 6.0, 0x80, 0x5, 6.0],
    [7.0, 0x7f, 0x7, 6.0, 0x80, 0x6, 8.0],
    [8.0, 0x80, 0x6, 8.0, 0x80, 0x6, 8.0],
    [12.0, 0x80, 0x7, 12.0, 0x80, 0x7, 12.0],
    [5.0, 0x7f, 0x6, 4.0, 0x7f, 0x6, 4.0],
    [3.0, 0x7e, 0x7, 3.0, 0x7e, 0x7, 3.0],
    [1.0, 0x7d, 0x6, 1.0, 0x7d, 0x6, 1.0],
    [0.75, 0x7c, 0x7, 0.75, 0x7c, 0x7, 0.75],
    [448.0, 0x85, 0x7, 384.0, 0x86, 0x6, 512.0],
    [0.001, 0x73, 0x6, 0.0009765625, 0x73, 0x6, 0.0009765625],
    [2 ** -126, 0x00, 0x4, 2 ** -126, 0x01, 0x2, 2 ** -126],
    [0.0, 0x00, 0x0, 0.0, 0x01, 0x0, 0.0],
  ];
  for (const [amax, fb, fc, fd, cb, cc, cd] of rows) {
    const cases: Array<[Mxfp4ScaleRule, number, number, number]> = [
      ["floor", fb, fc, fd],
      ["ceil", cb, cc, cd],
    ];
    for (const [rule, byte, code, decoded] of cases) {
      const q = quantizeMxfp4(block([amax]), 1, 32, { scaleRule: rule });
      const where = `${rule} amax ${amax}`;
      assert.equal(q.scales[0], byte, `${where}: scale byte`);
      assert.equal(mxfp4ScaleByte(Math.fround(amax), rule), byte, `${where}: mxfp4ScaleByte`);
      assert.equal(unpackFp4(q.packed)[0], code, `${where}: code`);
      assert.equal(dequantizeMxfp4(q)[0], decoded, `${where}: decoded`);
      // All other (zero) elements stay code 0.
      assert.ok(
        unpackFp4(q.packed)
          .subarray(1)
          .every((c) => c === 0),
        `${where}: zero tail`,
      );
    }
  }
});

test("ceil scale: float64 and float32 division by 6 agree next to every 6 * 2^k", () => {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let k = -125; k <= 125; k++) {
    f32[0] = 6 * 2 ** k;
    const centre = u32[0] ?? 0;
    for (let d = -2; d <= 2; d++) {
      u32[0] = centre + d;
      const amax: number = f32[0] ?? 0;
      const viaF32: number = ceilLog2(Math.fround(amax / 6)) + 127;
      assert.equal(mxfp4ScaleByte(amax, "ceil"), viaF32, `amax ${amax}`);
    }
  }
});

test("non-finite blocks: floor gives the NaN scale, ceil refuses", () => {
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    const x = block([1, 2, bad]);
    const q = quantizeMxfp4(x, 1, 32, { scaleRule: "floor" });
    assert.equal(q.scales[0], 0xff);
    assert.ok(dequantizeMxfp4(q).every((v) => Number.isNaN(v)));
    assert.throws(
      () => quantizeMxfp4(x, 1, 32),
      /quantizeMxfp4: block at row 0, cols 0\.\.31 contains a non-finite value/,
    );
  }
});

test("block A of spec 8.4: FLOOR codes, adjacent packing, and CEIL decode", () => {
  const half = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5];
  const v = [...half, ...half.map((h) => (h === 0 ? 0 : -h))];
  const x = new Float32Array(v);
  const q = quantizeMxfp4(x, 1, 32, { scaleRule: "floor" });
  assert.equal(q.scales[0], 0x7e);
  const codes = [...unpackFp4(q.packed)].map((c) => c.toString(16).toUpperCase()).join("");
  assert.equal(codes, "02456677024566770ACDEEFF0ACDEEFF");
  assert.equal(hex(q.packed), "20 54 66 77 20 54 66 77 A0 DC EE FF A0 DC EE FF");
  const decHalf = [0, 0.5, 1, 1.5, 2, 2, 3, 3, 0, 0.5, 1, 1.5, 2, 2, 3, 3];
  const expected = [...decHalf, ...decHalf.map((h) => (h === 0 ? 0 : -h))];
  assert.deepEqual([...dequantizeMxfp4(q)], expected);

  const c = quantizeMxfp4(x, 1, 32, { scaleRule: "ceil" });
  assert.equal(c.scales[0], 0x7f);
  assert.deepEqual([...dequantizeMxfp4(c).subarray(0, 8)], [0, 0.5, 1, 1.5, 2, 2, 3, 4]);
});

test("block B of spec 8.4: rounding-sensitive values under FLOOR and CEIL with RNE", () => {
  const x = block([0.0, 0.3, -0.75, 1.1, 2.6, -3.5, 5.2, 7.9], 0.01);
  const f = quantizeMxfp4(x, 1, 32, { scaleRule: "floor" });
  assert.equal(f.scales[0], 0x7f);
  const fCodes = unpackFp4(f.packed);
  assert.deepEqual([...fCodes.subarray(0, 8)], [0x0, 0x1, 0xa, 0x2, 0x5, 0xe, 0x7, 0x7]);
  assert.ok(fCodes.subarray(8).every((c) => c === 0));
  assert.deepEqual([...dequantizeMxfp4(f).subarray(0, 8)], [0, 0.5, -1, 1, 3, -4, 6, 6]);
  assert.equal(hex(f.packed.subarray(0, 4)), "10 2A E5 77");

  const c = quantizeMxfp4(x, 1, 32, { scaleRule: "ceil" });
  assert.equal(c.scales[0], 0x80);
  assert.deepEqual(
    [...unpackFp4(c.packed).subarray(0, 8)],
    [0x0, 0x0, 0x9, 0x1, 0x3, 0xc, 0x5, 0x6],
  );
  assert.deepEqual([...dequantizeMxfp4(c).subarray(0, 8)], [0, 0, -1, 1, 3, -4, 6, 8]);
});

test("quantized elements are the RNE-nearest scaled grid points, per row and block", () => {
  const rows = 3;
  const cols = 64;
  let seed = 42;
  const x = new Float32Array(rows * cols).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31 - 0.5) * 2 ** ((seed % 13) - 6);
  });
  const grid = [0, 0.5, 1, 1.5, 2, 3, 4, 6];
  for (const rule of ["ceil", "floor"] as const) {
    const q = quantizeMxfp4(x, rows, cols, { scaleRule: rule });
    assert.equal(q.packed.length, rows * (cols / 2));
    assert.equal(q.scales.length, rows * (cols / 32));
    const y = dequantizeMxfp4(q);
    for (let i = 0; i < x.length; i++) {
      const s = decodeE8M0(q.scales[Math.floor(i / 32)] ?? 0);
      const a = Math.min(Math.abs((x[i] ?? 0) / s), 6);
      let best = 0;
      for (let c = 1; c < 8; c++) {
        const d = Math.abs((grid[c] ?? 0) - a);
        const db = Math.abs((grid[best] ?? 0) - a);
        if (d < db || (d === db && c % 2 === 0)) best = c;
      }
      assert.equal(Math.abs(y[i] ?? 0), (grid[best] ?? 0) * s, `${rule} element ${i}`);
    }
    if (rule === "ceil") {
      // The DeepSeek rule never clips: every |x| <= 6 X.
      for (let i = 0; i < x.length; i++) {
        const s = decodeE8M0(q.scales[Math.floor(i / 32)] ?? 0);
        assert.ok(Math.abs(x[i] ?? 0) <= 6 * s);
      }
    }
  }
});

test("fakeQuantMxfp4 equals dequantize(quantize(x)) and is idempotent", () => {
  let seed = 7;
  const x = new Float32Array(4 * 96).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  });
  const fq = fakeQuantMxfp4(x, { cols: 96 });
  assert.notEqual(fq, x);
  assert.deepEqual(fq, dequantizeMxfp4(quantizeMxfp4(x, 4, 96)));
  assert.deepEqual(fakeQuantMxfp4(fq), fq);
  assert.deepEqual(fakeQuantMxfp4(x), fq);
});

test("cols that are not a multiple of 32 are rejected with a clear error", () => {
  assert.throws(
    () => quantizeMxfp4(new Float32Array(40), 1, 40),
    /quantizeMxfp4: cols 40 must be a multiple of 32/,
  );
  assert.throws(
    () => quantizeMxfp4(new Float32Array(64), 1, 32),
    /input has 64 elements, expected rows x cols = 32/,
  );
  assert.throws(() => fakeQuantMxfp4(new Float32Array(48)), /not a whole number of rows/);
  assert.throws(
    () => fakeQuantMxfp4(new Float32Array(48), { cols: 48 }),
    /cols 48 must be a multiple of 32/,
  );
});
