import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import {
  DTYPES,
  dtypeSize,
  openSafetensors,
  SafetensorsError,
  type TensorToWrite,
  writeSafetensors,
} from "../../src/io/index.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-st-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
function tmpFile(bytes: Uint8Array | string): string {
  const p = path.join(dir, `f${fileCounter++}.safetensors`);
  fs.writeFileSync(p, bytes);
  return p;
}

// A file with the given JSON header (padded with spaces to `pad`) and data bytes.
function rawFile(header: string, data: Uint8Array, pad = 0): string {
  const json = Buffer.from(header + " ".repeat(pad), "utf8");
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return tmpFile(Buffer.concat([len, json, data]));
}

const F32_DATA = new Uint8Array(new Float32Array([1.0, 2.0]).buffer);

function headerFor(entry: string): string {
  return `{"a":${entry}}`;
}

test("the 72-byte example file loads", () => {
  const json = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
  assert.equal(json.length, 54);
  const p = rawFile(json, F32_DATA, 2);
  assert.equal(fs.statSync(p).size, 72);
  assert.equal(fs.readFileSync(p).readBigUInt64LE(0), 56n);
  const f = openSafetensors(p);
  try {
    assert.deepEqual(f.names, ["a"]);
    assert.deepEqual(f.info("a"), { name: "a", dtype: "F32", shape: [2], numel: 2, byteLength: 8 });
    assert.deepEqual(f.metadata, {});
    assert.deepEqual([...f.readRaw("a")], [...F32_DATA]);
    assert.deepEqual([...f.readFloat32("a")], [1, 2]);
  } finally {
    f.close();
  }
});

test("files that are not safetensors get specific errors", () => {
  const big = Buffer.alloc(16);
  big.writeBigUInt64LE(1000n);
  assert.throws(
    () => openSafetensors(tmpFile(big)),
    /header length 1000 is larger than the rest of the file \(8 bytes after the 8-byte prefix\)/,
  );
  const huge = Buffer.alloc(16);
  huge.writeBigUInt64LE(2n ** 63n);
  assert.throws(() => openSafetensors(tmpFile(huge)), /header length 9223372036854775808 is/);
  // A sparse 200 MB file whose header length fits in the file but exceeds the header limit.
  const sparse = path.join(dir, "sparse.safetensors");
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(150_000_000n);
  fs.writeFileSync(sparse, prefix);
  fs.truncateSync(sparse, 200_000_000);
  assert.throws(
    () => openSafetensors(sparse),
    /header length 150000000 exceeds the 100000000-byte limit/,
  );
  fs.rmSync(sparse);
  assert.throws(() => openSafetensors(dir), /is not a regular file/);
  const zip = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100)]);
  assert.throws(() => openSafetensors(tmpFile(zip)), /zip archive \(a PyTorch \.bin\/\.pt/);
  const lfs =
    "version https://git-lfs.github.com/spec/v1\n" +
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
  assert.throws(() => openSafetensors(tmpFile(lfs)), /git-lfs pointer file.*`git lfs pull`/);
  assert.throws(() => openSafetensors(tmpFile(new Uint8Array(5))), /file is 5 bytes, shorter/);
  assert.throws(() => openSafetensors(tmpFile(new Uint8Array(0))), /file is 0 bytes, shorter/);
  assert.throws(() => openSafetensors(tmpFile('{"a": 1}')), /is it a JSON file\?/);
  // Every error names the file and is a SafetensorsError.
  const p = tmpFile(new Uint8Array(3));
  assert.throws(
    () => openSafetensors(p),
    (e: unknown) => e instanceof SafetensorsError && e.path === p && e.message.includes(p),
  );
});

test("malformed headers are rejected", () => {
  assert.throws(() => openSafetensors(rawFile("{abc", F32_DATA)), /header is not valid JSON/);
  assert.throws(
    () => openSafetensors(rawFile("[1, 2]", F32_DATA)),
    /header JSON must be an object, got an array/,
  );
  const nul = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}\0\0';
  assert.throws(() => openSafetensors(rawFile(nul, F32_DATA)), /NUL bytes.*spaces \(0x20\)/);
  assert.throws(
    () => openSafetensors(rawFile('{"__metadata__":{"format":"pt","n":3}}', new Uint8Array(0))),
    /__metadata__ key "n" must map to a string, got 3/,
  );
  assert.throws(
    () => openSafetensors(rawFile('{"__metadata__":["x"]}', new Uint8Array(0))),
    /__metadata__ must be an object of string -> string/,
  );
});

test("inconsistent tensor entries are rejected by name", () => {
  const data16 = new Uint8Array(16);
  const cases: Array<[string, Uint8Array, RegExp]> = [
    [
      '{"dtype":"F32","shape":[2],"data_offsets":[0,12]}',
      data16,
      /tensor "a" data_offsets \[0, 12\] \(12 bytes\) do not match shape \[2\] x F32 \(8 bytes\)/,
    ],
    [
      '{"dtype":"F32","shape":[2],"data_offsets":[8,0]}',
      data16,
      /tensor "a" data_offsets \[8, 0\] are reversed/,
    ],
    [
      '{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}',
      data16,
      /tensor "a" data_offsets \[-8,0\] must be two non-negative integers/,
    ],
    [
      '{"dtype":"F32","shape":[2],"data_offsets":[0]}',
      data16,
      /tensor "a" data_offsets \[0\] must be two non-negative integers/,
    ],
    [
      '{"dtype":"F32","shape":[4],"data_offsets":[0,16]}',
      F32_DATA,
      /tensor "a" data_offsets \[0, 16\] run past the end of the data section \(8 bytes\)/,
    ],
    [
      '{"dtype":"F4","shape":[2],"data_offsets":[0,8]}',
      F32_DATA,
      /tensor "a" has unknown dtype "F4"; expected one of BOOL, U8/,
    ],
    [
      '{"dtype":"F32","shape":[1073741824,1073741824,1073741824],"data_offsets":[0,8]}',
      F32_DATA,
      /tensor "a" shape \[1073741824, 1073741824, 1073741824\] has more than 2\^53 - 1 elements/,
    ],
    [
      '{"dtype":"F64","shape":[4503599627370496],"data_offsets":[0,8]}',
      F32_DATA,
      /tensor "a" shape \[4503599627370496\] x F64 is more than 2\^53 - 1 bytes/,
    ],
    [
      '{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}',
      F32_DATA,
      /tensor "a" shape \[-2\] must be an array of non-negative integers/,
    ],
    [
      '{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}',
      F32_DATA,
      /tensor "a" shape \[1.5\] must be an array/,
    ],
    ['{"dtype":"F32","shape":"2","data_offsets":[0,8]}', F32_DATA, /shape "2" must be an array/],
    ["[1]", F32_DATA, /tensor "a" must be an object with dtype, shape, data_offsets/],
  ];
  for (const [entry, data, re] of cases) {
    assert.throws(() => openSafetensors(rawFile(headerFor(entry), data)), re, entry);
  }
  const overlap =
    '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
    '"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}';
  assert.throws(
    () => openSafetensors(rawFile(overlap, data16)),
    /tensor "b" data_offsets \[4, 12\] overlap tensor "a" \[0, 8\]/,
  );
});

test("reads are lazy: tensor bytes come from disk at readRaw time", () => {
  const p = rawFile(
    headerFor('{"dtype":"U8","shape":[4],"data_offsets":[0,4]}'),
    Uint8Array.of(1, 2, 3, 4),
  );
  const f = openSafetensors(p);
  try {
    const fd = fs.openSync(p, "r+");
    fs.writeSync(fd, Uint8Array.of(9, 8), 0, 2, fs.statSync(p).size - 4);
    fs.closeSync(fd);
    assert.deepEqual([...f.readRaw("a")], [9, 8, 3, 4]);
    assert.throws(() => f.readRaw("zz"), /no tensor named "zz"; the file has "a"/);
  } finally {
    f.close();
  }
  assert.throws(() => f.readRaw("a"), /file is closed/);
});

test("writer pads the header with spaces to a multiple of 8 and aligns the data", () => {
  for (let nameLen = 1; nameLen <= 8; nameLen++) {
    const p = path.join(dir, `pad${nameLen}.safetensors`);
    writeSafetensors(p, [
      { name: "x".repeat(nameLen), dtype: "F32", shape: [2], data: new Float32Array([1, 2]) },
    ]);
    const bytes = fs.readFileSync(p);
    const n = Number(bytes.readBigUInt64LE(0));
    assert.equal(n % 8, 0);
    const header = bytes.subarray(8, 8 + n);
    assert.ok(!header.includes(0), "no NUL padding");
    const text = header.toString("utf8");
    const json = text.trimEnd();
    assert.ok(n - json.length < 8, "at most 7 padding bytes");
    assert.equal(text, json + " ".repeat(n - json.length), "padding is spaces only");
    assert.equal(JSON.parse(json)["x".repeat(nameLen)].dtype, "F32");
    assert.equal(bytes.length, 8 + n + 8);
    const data = new Float32Array(Uint8Array.from(bytes.subarray(8 + n)).buffer);
    assert.deepEqual(data, new Float32Array([1, 2]));
  }
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.includes(".tmp-")),
    [],
    "no temporary files left behind",
  );
});

test("round trip of every dtype, in the given order, with metadata", () => {
  let seed = 1;
  const tensors: TensorToWrite[] = DTYPES.map((dtype, i) => {
    const shape = i % 3 === 0 ? [3, 2] : i % 3 === 1 ? [5] : [];
    const n = shape.reduce((a, d) => a * d, 1) * dtypeSize(dtype);
    const data = new Uint8Array(n).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed & 0xff;
    });
    return { name: `t${DTYPES.length - i}.${dtype}`, dtype, shape, data };
  });
  tensors.push({ name: "empty", dtype: "BF16", shape: [0, 4], data: new Uint8Array(0) });
  const p = path.join(dir, "all.safetensors");
  writeSafetensors(p, tensors, { format: "pt", note: "ünïcode" });
  const f = openSafetensors(p);
  try {
    assert.deepEqual(
      f.names.filter((n) => n !== "empty"),
      tensors.map((t) => t.name).filter((n) => n !== "empty"),
    );
    assert.deepEqual(f.metadata, { format: "pt", note: "ünïcode" });
    for (const t of tensors) {
      const info = f.info(t.name);
      assert.equal(info.dtype, t.dtype);
      assert.deepEqual(info.shape, t.shape);
      assert.deepEqual(f.readRaw(t.name), t.data, t.name);
    }
  } finally {
    f.close();
  }
});

test("writer accepts matching typed arrays and rejects inconsistent input", () => {
  const p = path.join(dir, "typed.safetensors");
  writeSafetensors(p, [
    { name: "i64", dtype: "I64", shape: [2], data: new BigInt64Array([-5n, 7n]) },
    { name: "bf", dtype: "BF16", shape: [1], data: new Uint16Array([0x3f80]) },
    { name: "i8", dtype: "I8", shape: [2], data: new Int8Array([-1, 1]) },
  ]);
  const f = openSafetensors(p);
  assert.deepEqual([...f.readInt32("i64")], [-5, 7]);
  assert.deepEqual([...f.readFloat32("bf")], [1]);
  assert.deepEqual([...f.readInt32("i8")], [-1, 1]);
  f.close();
  const f32 = new Float32Array([1, 2]);
  const bad: Array<[TensorToWrite[], RegExp]> = [
    [[{ name: "a", dtype: "F32", shape: [3], data: f32 }], /has 8 bytes of data, expected/],
    [[{ name: "a", dtype: "I32", shape: [2], data: f32 }], /Float32Array but dtype is I32/],
    [
      [
        { name: "a", dtype: "F32", shape: [2], data: f32 },
        { name: "a", dtype: "F32", shape: [2], data: f32 },
      ],
      /duplicate tensor "a"/,
    ],
    [[{ name: "__metadata__", dtype: "F32", shape: [2], data: f32 }], /invalid tensor name/],
    [[{ name: "a", dtype: "F32", shape: [-2], data: f32 }], /must be non-negative integers/],
  ];
  for (const [tensors, re] of bad) assert.throws(() => writeSafetensors(p, tensors), re);
  assert.ok(fs.existsSync(p), "a failed write leaves the previous file in place");
});
