import assert from "node:assert/strict";
import { test } from "node:test";
import { hadamardRows } from "../../src/quant/index.ts";

function popcount(v: number): number {
  let c = 0;
  for (let x = v; x; x &= x - 1) c++;
  return c;
}

test("hadamardRows equals the Sylvester matrix times n^-1/2, row by row", () => {
  for (const n of [1, 2, 4, 8, 64]) {
    const rows = 3;
    let seed = n;
    const x = new Float32Array(rows * n).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31 - 0.5;
    });
    const y = Float32Array.from(x);
    hadamardRows(y, n);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += (popcount(i & j) % 2 ? -1 : 1) * (x[r * n + j] ?? 0);
        const expected = s / Math.sqrt(n);
        assert.ok(Math.abs((y[r * n + i] ?? 0) - expected) < 1e-6, `n ${n} row ${r} i ${i}`);
      }
    }
  }
});

test("hadamardRows: natural order on a basis vector, involution, norm preserving", () => {
  const e1 = new Float32Array([0, 1, 0, 0]);
  hadamardRows(e1, 4);
  assert.deepEqual([...e1], [0.5, -0.5, 0.5, -0.5]);
  const x = new Float32Array(256).map((_, i) => Math.sin(i));
  const y = Float32Array.from(x);
  hadamardRows(y, 128);
  const norm = (a: Float32Array) => Math.hypot(...a);
  assert.ok(Math.abs(norm(y) - norm(x)) < 1e-4);
  hadamardRows(y, 128);
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs((y[i] ?? 0) - (x[i] ?? 0)) < 1e-6);
});

test("hadamardRows rejects a non power of two and a ragged input", () => {
  assert.throws(() => hadamardRows(new Float32Array(12), 12), /length 12 must be a power of two/);
  assert.throws(() => hadamardRows(new Float32Array(12), 8), /12 is not a multiple of n = 8/);
});
