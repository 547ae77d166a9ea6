/**
 * DSL errors are reported at kernel-build time (or compile time) with the file:line of the
 * DSL call that caused them: each case below marks its offending line with a comment and
 * expects this file's name and that line in the message.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  compileWgsl,
  defineKernel,
  type KernelBuilder,
  TileError,
  toF32,
} from "../../src/tile/index.ts";

const SOURCE = readFileSync(new URL(import.meta.url), "utf8").split("\n");

/** The 1-based line of this file holding `marker`. */
function lineOf(marker: string): number {
  return SOURCE.findIndex((l) => l.includes(`// ${marker}`) && !l.includes("lineOf(")) + 1;
}

function expectAt(marker: string, message: RegExp, build: () => unknown): void {
  const err = (() => {
    try {
      build();
    } catch (e) {
      return e;
    }
    assert.fail(`expected a TileError for ${marker}`);
  })();
  assert.ok(err instanceof TileError, `got ${String(err)}`);
  assert.match(err.message, message);
  assert.match(err.message, new RegExp(`test/tile/dsl-errors\\.test\\.ts:${lineOf(marker)}:\\d+`));
}

function base(k: KernelBuilder) {
  const [M, N] = k.sizes("M", "N");
  const x = k.tensor("x", "f32", [M, N]);
  const [bx] = k.grid([M]);
  return { M, N, x, bx };
}

test("a copy whose window and tile shapes differ points at the copy", () => {
  expectAt("@copy", /window of x \[4,4\] does not match tile aShared \[8,4\]/, () =>
    defineKernel("badCopy", (k) => {
      const { x, bx } = base(k);
      const aShared = k.shared("aShared", "f32", [8, 4]);
      k.copy(x.tile([bx, 0], [4, 4]), aShared); // @copy
    }),
  );
});

test("a gemm whose shapes do not chain points at the gemm", () => {
  expectAt("@gemm", /gemm: shapes do not chain/, () =>
    defineKernel("badGemm", (k) => {
      base(k);
      const aShared = k.shared("aShared", "f32", [8, 4]);
      const bShared = k.shared("bShared", "f32", [8, 8]);
      const cFrag = k.fragment("cFrag", "f32", [8, 8]);
      k.gemm(aShared, bShared, cFrag); // @gemm
    }),
  );
});

test("mixing i32 and f32 points at the arithmetic", () => {
  expectAt("@types", /add: operand types differ \(i32 vs f32\)/, () =>
    defineKernel("badTypes", (k) => {
      const { M, N } = base(k);
      M.add(toF32(N)); // @types
    }),
  );
});

test("a tile index that provably leaves the tile points at the access", () => {
  expectAt("@bounds", /tile xFrag \[4,8\]: index 1 ranges over \[1, 8\], outside \[0, 7\]/, () =>
    defineKernel("badBounds", (k) => {
      base(k);
      const xFrag = k.fragment("xFrag", "f32", [4, 8]);
      k.parallel([4, 8], (i, j) => {
        xFrag.set([i, j.add(1)], 0); // @bounds
      });
    }),
  );
});

test("block-level control flow on a loaded value points at the branch", () => {
  expectAt("@uniform", /when: condition must be uniform/, () =>
    defineKernel("badUniform", (k) => {
      const { x, bx } = base(k);
      k.when(x.at(bx, 0).gt(0), () => {}); // @uniform
    }),
  );
});

test("a fragment read by another thread's index is rejected when compiling for WGSL", () => {
  const kernel = defineKernel("badFragment", (k) => {
    base(k);
    const xFrag = k.fragment("xFrag", "f32", [4, 8]);
    k.fill(xFrag, 0);
    k.parallel([4, 8], (i, j) => {
      xFrag.set([i, j], xFrag.at(i, 0)); // @fragment
    });
  });
  expectAt("@fragment", /fragment xFrag \[4,8\] \(2d\) must be indexed by the loop variables/, () =>
    compileWgsl(kernel),
  );
});

test("tiles are named after their memory scope", () => {
  expectAt("@name", /shared tile "tmp" must end in "Shared"/, () =>
    defineKernel("badName", (k) => {
      base(k);
      k.shared("tmp", "f32", [4]); // @name
    }),
  );
});
