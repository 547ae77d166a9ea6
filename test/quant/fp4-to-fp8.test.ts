import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dequantizeFp8Block,
  dequantizeMxfp4,
  mxfp4ToFp8Block,
  packFp4,
  quantizeMxfp4,
} from "../../src/quant/index.ts";

// An MXFP4 [rows, cols] matrix from 4-bit codes [rows, cols] and scale exponents [rows, cols/32].
function mx(rows: number, cols: number, codes: Uint8Array, exps: number[]) {
  return { packed: packFp4(codes), scales: new Uint8Array(exps.map((e) => e + 127)), rows, cols };
}

test("spec 8.7: e_max 3 and e_min -8 re-encode exactly; spread 12 is rejected", () => {
  const rows = 128;
  const cols = 128;
  const codes = new Uint8Array(rows * cols);
  const exps = new Array<number>(rows * 4).fill(0);
  exps[0] = 3; // row 0, sub-block 0
  codes[0] = 0x7; // 6.0 * 2^3
  exps[4 * 5 + 2] = -8; // row 5, sub-block 2
  codes[5 * cols + 64] = 0x1; // 0.5 * 2^-8
  codes[5 * cols + 65] = 0xf; // -6 * 2^-8
  const q = mx(rows, cols, codes, exps);
  const f = mxfp4ToFp8Block(q);
  assert.equal(f.scales.length, 1);
  assert.equal(f.scales[0], 127 - 3); // 2^(3 - 6)
  assert.equal(f.data[0], 0x7c); // 384
  assert.equal(f.data[5 * cols + 64], 0x08); // 2^-6
  assert.deepEqual(dequantizeFp8Block(f), dequantizeMxfp4(q));
  assert.equal(dequantizeFp8Block(f)[0], 48);
  assert.equal(dequantizeFp8Block(f)[5 * cols + 64], 2 ** -9);

  exps[4 * 5 + 2] = -9;
  const bad = mx(rows, cols, codes, exps);
  assert.throws(
    () => mxfp4ToFp8Block(bad),
    /tile rows 0\.\.127, cols 0\.\.127: FP4 scale exponents span -9\.\.3 \(spread 12\)/,
  );
  // Spread 12 is still exact with E4M3 subnormals when explicitly allowed.
  const loose = mxfp4ToFp8Block(bad, { maxExponentSpread: 14 });
  assert.deepEqual(dequantizeFp8Block(loose), dequantizeMxfp4(bad));
  // The stricter ratio-2^6 rule is available as an option.
  exps[4 * 5 + 2] = -4;
  assert.throws(() => mxfp4ToFp8Block(mx(rows, cols, codes, exps), { maxExponentSpread: 6 }));
  assert.throws(() => mxfp4ToFp8Block(bad, { maxExponentSpread: 15 }), /must be an integer/);
});

test("every FP4 code at every spread up to 14 survives the re-encode bit-exactly", () => {
  const rows = 15;
  const cols = 64;
  const codes = new Uint8Array(rows * cols);
  for (let i = 0; i < codes.length; i++) codes[i] = i % 16;
  // Row r has exponents (10, 10 - r): spreads 0..14 inside one tile each row block.
  const exps: number[] = [];
  for (let r = 0; r < rows; r++) exps.push(10, 10 - r);
  for (let r = 0; r < rows; r++) {
    const q = mx(1, cols, codes.subarray(r * cols, (r + 1) * cols), exps.slice(2 * r, 2 * r + 2));
    const f = mxfp4ToFp8Block(q, { maxExponentSpread: 14 });
    assert.deepEqual(dequantizeFp8Block(f), dequantizeMxfp4(q), `spread ${r}`);
  }
});

test("random MXFP4 weights with ragged tiles re-encode losslessly; zero blocks are ignored", () => {
  const rows = 150;
  const cols = 320;
  let seed = 99;
  const x = new Float32Array(rows * cols).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31 - 0.5) * 2 ** ((seed % 5) - 2);
  });
  // An all-zero sub-block gets the minimum scale (2^-126) but must not break the tile.
  x.fill(0, 0, 32);
  const q = quantizeMxfp4(x, rows, cols);
  assert.equal(q.scales[0], 1);
  const f = mxfp4ToFp8Block(q);
  assert.equal(f.scales.length, 2 * 3);
  assert.deepEqual(dequantizeFp8Block(f), dequantizeMxfp4(q));
  const g = mxfp4ToFp8Block(q, { blockRows: 1, blockCols: 128 });
  assert.deepEqual(dequantizeFp8Block(g), dequantizeMxfp4(q));
  assert.throws(() => mxfp4ToFp8Block(q, { blockCols: 48 }), /multiple of 32/);
});

test("a NaN FP4 scale is rejected", () => {
  const q = mx(1, 32, new Uint8Array(32).fill(1), [0]);
  q.scales[0] = 0xff;
  assert.throws(() => mxfp4ToFp8Block(q), /FP4 scale at row 0, block 0 is NaN/);
});
