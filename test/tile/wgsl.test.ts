/**
 * Structure of the generated WGSL for one kernel of every family, in the plain build and in
 * the builds with optional features (subgroups, f16 gemm tiles): balanced delimiters, one
 * compute entry point with the reported workgroup size, bindings that match the reported
 * layout and WebGPU's default limits, uniform fields that exist, no JavaScript-only tokens and
 * no name declared twice in one scope. (Running the shaders is the WebGPU backend's test.)
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as T from "../../src/tile/index.ts";
import { packUniforms, type WgslOptions } from "../../src/tile/index.ts";

const SHAPE = { batch: 2, queries: 9, heads: 2, keys: 17, headDim: 32, maskBatch: 1 };
const KERNELS: [string, T.Kernel][] = [
  [
    "matmul",
    T.planMatmul("wgsl", { batch: 2, m: 70, k: 33, n: 65, transA: true, transB: false }).kernel,
  ],
  [
    "matmul thin",
    T.planMatmul("wgsl", { batch: 1, m: 1, k: 33, n: 65, transA: false, transB: true }).kernel,
  ],
  [
    "unary strided",
    T.planUnary("wgsl", "softplus", [3, 5], { shape: [3, 5], strides: [1, 3] }).kernel,
  ],
  ["binary", T.planBinary("wgsl", "pow", [7]).kernel],
  ["clamp", T.planClamp("wgsl", [7], 0, 1).kernel],
  ["where", T.planWhere("wgsl", "f32", [7]).kernel],
  ["fill", T.planFill("wgsl", "i32", 7, 3).kernel],
  [
    "copy",
    T.planCopy(
      "wgsl",
      "i32",
      "f32",
      [2, 3],
      { shape: [2, 3], strides: [3, 1] },
      { shape: [2, 3], strides: [1, 2] },
    ).kernel,
  ],
  ["reduceRows", T.planReduceRows("wgsl", "max", 5, 300).kernel],
  ["argmaxRows", T.planArgmaxRows("wgsl", 5, 3000).kernel],
  ["softmax", T.planSoftmax("wgsl", 5, 30, true).kernel],
  ["logsumexp", T.planLogsumexp("wgsl", 5, 30).kernel],
  ["rmsNorm", T.planRmsNorm("wgsl", 5, 30, 1e-5, false).kernel],
  ["rmsNormDx", T.planRmsNormDx("wgsl", 5, 30, true).kernel],
  ["rmsNormDw", T.planRmsNormDw("wgsl", 5, 30).kernel],
  ["swigluBackward", T.planSwigluBackward("wgsl", 5, 7).kernel],
  ["attention", T.planAttention("wgsl", SHAPE, 0.2).kernel],
  ["attentionDelta", T.planAttentionDelta("wgsl", SHAPE).kernel],
  ["attentionDq", T.planAttentionDq("wgsl", SHAPE, 0.2).kernel],
  ["attentionDkv", T.planAttentionDkv("wgsl", SHAPE, 0.2).kernel],
  [
    "groupedGemm",
    T.planGroupedGemm("wgsl", { rows: 9, inDim: 5, outDim: 7, experts: 3, transW: true }).kernel,
  ],
  ["topk", T.planTopk("wgsl", 4, 100, 8).kernel],
];

function assertBalanced(code: string): void {
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  const stack: string[] = [];
  for (const ch of code) {
    if ("([{".includes(ch)) stack.push(ch);
    else if (ch in pairs) assert.equal(stack.pop(), pairs[ch], `unbalanced ${ch}`);
  }
  assert.equal(stack.length, 0, "unclosed delimiters");
}

/**
 * Names declared by let/var in each brace scope must be unique within that scope (a `for`
 * header's variable belongs to the loop, not the enclosing scope).
 */
function assertNoRedeclaration(code: string): void {
  const scopes: Set<string>[] = [new Set()];
  const token = /\{|\}|(for \()?\b(?:let|var)(?:<[^>]*>)?\s+([A-Za-z_][A-Za-z0-9_]*)/g;
  for (const m of code.matchAll(token)) {
    if (m[0] === "{") scopes.push(new Set());
    else if (m[0] === "}") scopes.pop();
    else if (!m[1]) {
      const scope = scopes[scopes.length - 1]!;
      assert.ok(!scope.has(m[2]!), `${m[2]} declared twice in one scope`);
      scope.add(m[2]!);
    }
  }
}

const BUILDS: [string, WgslOptions][] = [
  ["", {}],
  [" (subgroups)", { subgroups: true }],
  [" (f16 gemm tiles)", { f16GemmTiles: true }],
];

describe("generated WGSL", () => {
  for (const [name, kernel] of KERNELS) {
    for (const [build, options] of BUILDS) {
      test(`${name}${build}`, () => {
        const c = T.compileWgsl(kernel, options);
        const code = c.code;
        assertBalanced(code);
        assertNoRedeclaration(code);
        assert.doesNotMatch(
          code,
          /\b(undefined|NaN|Infinity|null)\b/,
          "JavaScript value leaked into WGSL",
        );
        const entries = [...code.matchAll(/@compute @workgroup_size\((\d+)\)\nfn (\w+)/g)];
        assert.equal(entries.length, 1, "one compute entry point");
        assert.equal(Number(entries[0]![1]), c.workgroupSize[0]);
        assert.equal(entries[0]![2], c.entryPoint);
        assert.ok(c.workgroupSize[0] <= 256, "maxComputeInvocationsPerWorkgroup");
        assert.ok(
          c.workgroupStorageBytes <= 16384,
          `workgroup storage ${c.workgroupStorageBytes} B`,
        );
        const bindings = [...code.matchAll(/@binding\((\d+)\) var<(\w+)(?:, (\w+))?> (\w+)/g)];
        assert.deepEqual(
          bindings.map((b) => Number(b[1])),
          c.bindings.map((b) => b.binding),
        );
        assert.ok(
          bindings.filter((b) => b[2] === "storage").length <= 8,
          "storage buffers per stage",
        );
        c.bindings.forEach((b, i) => {
          const kind =
            bindings[i]![2] === "uniform"
              ? "uniform"
              : bindings[i]![3] === "read"
                ? "storage-read"
                : "storage";
          assert.equal(kind, b.kind, `binding ${b.binding} kind`);
        });
        const fields = new Set(c.uniformLayout.map((f) => f.name));
        for (const m of code.matchAll(/params\.(\w+)/g))
          assert.ok(fields.has(m[1]!), `params.${m[1]} is a field`);
        assert.equal(c.uniformBytes % 16, 0);
      });
    }
  }

  test("f16 gemm tiles: the shared operands of gemm are f16, nothing else changes", () => {
    const kernel = KERNELS[0]![1];
    const plain = T.compileWgsl(kernel);
    const half = T.compileWgsl(kernel, { f16GemmTiles: true });
    assert.match(half.code, /^enable f16;\n/);
    assert.equal([...half.code.matchAll(/var<workgroup> \w+: array<f16, \d+>;/g)].length, 2);
    assert.equal(half.workgroupStorageBytes * 2, plain.workgroupStorageBytes);
    assert.doesNotMatch(plain.code, /f16/);
    assert.match(half.code, /fma\(/);
    const softmax = T.planSoftmax("wgsl", 5, 30, true).kernel;
    assert.equal(T.compileWgsl(softmax, { f16GemmTiles: true }).code, T.compileWgsl(softmax).code);
  });

  test("dispatch folds grids beyond 65535 blocks into y", () => {
    const c = T.compileWgsl(T.planFill("wgsl", "f32", 1, 0).kernel);
    const n = 2 ** 27;
    const [x, y, z] = c.dispatch({ n, value: 0 });
    assert.deepEqual([x, z], [65535, 1]);
    assert.ok(x * y >= n / 1024 && x * (y - 1) < n / 1024);
    assert.deepEqual(c.dispatch({ n: 0, value: 0 }), [0, 0, 1]);
  });

  test("packUniforms writes sizes, scalars and view offsets at their offsets", () => {
    const c = T.compileWgsl(T.planClamp("wgsl", [7], -1, 2).kernel);
    const view = new DataView(packUniforms(c, { n: 7, lo: -1, hi: 2.5, off_x: 3 }));
    const at = (name: string) => c.uniformLayout.find((f) => f.name === name)!.offset;
    assert.equal(view.getInt32(at("n"), true), 7);
    assert.equal(view.getFloat32(at("hi"), true), 2.5);
    assert.equal(view.getInt32(at("off_x"), true), 3);
    assert.equal(view.getInt32(at("off_out"), true), 0);
    assert.throws(
      () => packUniforms(c, { n: 1.5, lo: 0, hi: 1 }),
      /uniform "n" must be a 32-bit integer/,
    );
  });
});
