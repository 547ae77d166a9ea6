import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodeE4M3,
  decodeE8M0,
  dequantizeFp8Block,
  fakeQuantFp8Block,
  fp8BlockScale,
  quantizeFp8Activation,
  quantizeFp8Block,
  roundToE4M3,
} from "../../src/quant/index.ts";

function randomMatrix(n: number, seed: number): Float32Array {
  return new Float32Array(n).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31 - 0.5) * 2 ** ((seed % 9) - 2);
  });
}

test("UE8M0 activation scale of spec 8.6: amax 448 -> 0x7F, 449 -> 0x80, 1e-5 -> 0x69", () => {
  const cases: Array<[number, number]> = [
    [448, 0x7f],
    [449, 0x80],
    [1e-5, 0x69],
  ];
  for (const [amax, byte] of cases) {
    const x = new Float32Array(128);
    x[5] = -amax;
    const q = quantizeFp8Activation(x, 1, 128);
    assert.ok(q.scales instanceof Uint8Array);
    assert.equal(q.scales[0], byte, `amax ${amax}`);
    assert.equal(fp8BlockScale(Math.fround(amax)), decodeE8M0(byte));
  }
  assert.equal(fp8BlockScale(1e-5), 2 ** -22);
});

test("128x128 weight blocks with ragged edges: scales shape and per-element rounding", () => {
  const rows = 130;
  const cols = 200;
  const x = randomMatrix(rows * cols, 3);
  for (const format of ["e8m0", "f32"] as const) {
    const q = quantizeFp8Block(x, rows, cols, { scaleFormat: format });
    assert.equal(q.scales.length, 2 * 2);
    assert.equal(q.scales instanceof Uint8Array, format === "e8m0");
    const y = dequantizeFp8Block(q);
    for (let ti = 0; ti < 2; ti++) {
      for (let tj = 0; tj < 2; tj++) {
        let amax = 0;
        for (let r = ti * 128; r < Math.min(rows, ti * 128 + 128); r++) {
          for (let c = tj * 128; c < Math.min(cols, tj * 128 + 128); c++) {
            amax = Math.max(amax, Math.abs(x[r * cols + c] ?? 0));
          }
        }
        const stored = q.scales[ti * 2 + tj] ?? 0;
        const s = format === "e8m0" ? decodeE8M0(stored) : stored;
        assert.equal(s, fp8BlockScale(amax, format));
        if (format === "e8m0") assert.ok(amax / s <= 448 && amax / s > 224, "power-of-two fit");
        else assert.equal(s, Math.fround(amax / 448));
        for (let r = ti * 128; r < Math.min(rows, ti * 128 + 128); r++) {
          for (let c = tj * 128; c < Math.min(cols, tj * 128 + 128); c++) {
            const i = r * cols + c;
            const expected = Math.fround(roundToE4M3(Math.fround((x[i] ?? 0) / s)) * s);
            assert.equal(y[i], expected, `${format} element (${r}, ${c})`);
            assert.equal(Math.fround(decodeE4M3(q.data[i] ?? 0) * s), y[i]);
          }
        }
      }
    }
  }
});

test("configurable block sizes: 1 x 64 KV blocks, all-zero rows, fake quant", () => {
  const x = randomMatrix(3 * 192, 11);
  x.fill(0, 64, 128);
  const q = quantizeFp8Block(x, 3, 192, { blockRows: 1, blockCols: 64 });
  assert.equal(q.scales.length, 9);
  // An all-zero block uses the 1e-4 amax floor: 2^ceil(log2(1e-4 / 448)) = 2^-22.
  assert.equal(q.scales[1], 127 - 22);
  const y = fakeQuantFp8Block(x, 3, 192, { blockRows: 1, blockCols: 64 });
  assert.deepEqual(y, dequantizeFp8Block(q));
  assert.ok(y.subarray(64, 128).every((v) => v === 0));
  for (let i = 0; i < x.length; i++) {
    const rel = Math.abs((y[i] ?? 0) - (x[i] ?? 0)) / Math.max(Math.abs(x[i] ?? 0), 1e-30);
    // E4M3 has 3 mantissa bits: relative error <= 2^-4 for normals.
    if (Math.abs(x[i] ?? 0) > 1e-3) assert.ok(rel <= 2 ** -4, `element ${i}: ${rel}`);
  }
});

test("non-finite input and bad geometry are rejected with specific errors", () => {
  const x = new Float32Array(256);
  x[200] = Number.POSITIVE_INFINITY;
  assert.throws(
    () => quantizeFp8Block(x, 2, 128, { blockRows: 1 }),
    /tile rows 1\.\.1, cols 0\.\.127 contains a non-finite value/,
  );
  x[200] = Number.NaN;
  x[201] = 5;
  assert.throws(() => quantizeFp8Block(x, 2, 128), /non-finite value \(amax NaN\)/);
  assert.throws(() => quantizeFp8Block(x, 2, 100), /expected rows x cols = 200/);
  assert.throws(
    () => quantizeFp8Block(x, 2, 128, { blockCols: 0 }),
    /blockCols must be a positive integer/,
  );
  assert.throws(
    () =>
      dequantizeFp8Block({
        data: new Uint8Array(256),
        scales: new Uint8Array(3),
        rows: 2,
        cols: 128,
        blockRows: 128,
        blockCols: 128,
      }),
    /scales has 3 entries, expected ceil\(2\/128\) x ceil\(128\/128\) = 1/,
  );
});
