/**
 * Linear weights kept in their packed storage format on a device, so a quantized model holds
 * its packed size in memory: MXFP4 (two E2M1 codes per byte + one E8M0 scale per 32 inputs,
 * 4.25 bits per weight) or block-scaled FP8 E4M3 (one byte per weight + one scale per tile).
 * Bytes live in i32 buffers, four per word little-endian, since devices store 32-bit words;
 * the matmul kernels read them as bytes and dequantise tile by tile.
 */
import type { Device, DeviceBuffer } from "../backend/index.ts";
import { DeviceError } from "../backend/index.ts";
import type { Fp8BlockTensor } from "../quant/fp8-block.ts";
import { dequantizeFp8Block } from "../quant/fp8-block.ts";
import type { Mxfp4Tensor } from "../quant/mxfp4.ts";
import { dequantizeMxfp4, MXFP4_BLOCK } from "../quant/mxfp4.ts";
import { type DType, defaultDevice, type Tensor, tensor } from "../tensor/index.ts";

/** Geometry and format of a packed weight [rows, cols] (rows = outputs, cols = inputs). */
export type QuantLayout =
  | Readonly<{ format: "mxfp4"; rows: number; cols: number }>
  | Readonly<{
      format: "fp8-block";
      rows: number;
      cols: number;
      blockRows: number;
      blockCols: number;
      scaleFormat: "e8m0" | "f32";
    }>;

/** Bytes as i32 words (little-endian, zero-padded to a whole word). */
export function bytesToWords(bytes: Uint8Array): Int32Array {
  const words = new Int32Array(Math.ceil(bytes.length / 4));
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

/** The first `length` bytes held by i32 words. */
export function wordsToBytes(words: Int32Array, length: number): Uint8Array {
  return new Uint8Array(words.buffer, words.byteOffset, words.byteLength).slice(0, length);
}

/**
 * A weight [rows, cols] in packed storage on one device. `data` holds the element bytes
 * (MXFP4 [rows, cols/2], FP8 [rows, cols]) and `scales` the block scales (E8M0 bytes as words,
 * or f32 for FP8 with float scales). The weight owns both buffers until `dispose`.
 */
export class QuantizedWeight {
  private released = false;

  constructor(
    readonly layout: QuantLayout,
    readonly data: DeviceBuffer,
    readonly scales: DeviceBuffer,
  ) {
    if (data.device !== scales.device) {
      throw new DeviceError("QuantizedWeight: data and scales are on different devices");
    }
  }

  get format(): QuantLayout["format"] {
    return this.layout.format;
  }

  get rows(): number {
    return this.layout.rows;
  }

  get cols(): number {
    return this.layout.cols;
  }

  /** The logical (dequantised) shape [rows, cols]. */
  get shape(): readonly [number, number] {
    return [this.layout.rows, this.layout.cols];
  }

  get device(): Device {
    return this.data.device;
  }

  get isDisposed(): boolean {
    return this.released;
  }

  /** Bytes of the packed elements plus their scales, as stored (before word padding). */
  get byteLength(): number {
    const l = this.layout;
    if (l.format === "mxfp4") return (l.rows * l.cols) / 2 + (l.rows * l.cols) / MXFP4_BLOCK;
    const tiles = Math.ceil(l.rows / l.blockRows) * Math.ceil(l.cols / l.blockCols);
    return l.rows * l.cols + tiles * (l.scaleFormat === "e8m0" ? 1 : 4);
  }

  /** Throws a DeviceError naming `op` when the buffers were released. */
  assertAlive(op: string): void {
    if (this.released) {
      throw new DeviceError(`${op}: quantized weight [${this.shape.join(", ")}] was disposed`);
    }
  }

  /** Returns both buffers to the device; safe to call twice. */
  dispose(): void {
    if (this.released) return;
    this.released = true;
    this.device.release(this.data);
    this.device.release(this.scales);
  }
}

/** Uploads an MXFP4 matrix to `device` as a packed weight. */
export function mxfp4Weight(q: Mxfp4Tensor, device: Device = defaultDevice()): QuantizedWeight {
  const { rows, cols } = q;
  if (cols % MXFP4_BLOCK !== 0 || q.packed.length * 2 !== rows * cols) {
    throw new RangeError(
      `mxfp4Weight: packed has ${q.packed.length} bytes, expected [${rows}, ${cols}/2] with ` +
        `cols a multiple of ${MXFP4_BLOCK}`,
    );
  }
  if (q.scales.length * MXFP4_BLOCK !== rows * cols) {
    throw new RangeError(
      `mxfp4Weight: scales has ${q.scales.length} bytes, expected [${rows}, ${cols}/32]`,
    );
  }
  const data = device.upload(bytesToWords(q.packed));
  const scales = device.upload(bytesToWords(q.scales));
  return new QuantizedWeight({ format: "mxfp4", rows, cols }, data, scales);
}

/** Uploads a block-scaled FP8 matrix to `device` as a packed weight. */
export function fp8BlockWeight(
  q: Fp8BlockTensor,
  device: Device = defaultDevice(),
): QuantizedWeight {
  const { rows, cols, blockRows, blockCols } = q;
  const tiles = Math.ceil(rows / blockRows) * Math.ceil(cols / blockCols);
  if (q.data.length !== rows * cols || q.scales.length !== tiles) {
    throw new RangeError(
      `fp8BlockWeight: got ${q.data.length} data bytes and ${q.scales.length} scales, expected ` +
        `${rows * cols} and ceil(${rows}/${blockRows}) x ceil(${cols}/${blockCols}) = ${tiles}`,
    );
  }
  const scaleFormat = q.scales instanceof Uint8Array ? "e8m0" : "f32";
  const data = device.upload(bytesToWords(q.data));
  const scales =
    q.scales instanceof Uint8Array
      ? device.upload(bytesToWords(q.scales))
      : device.upload(Float32Array.from(q.scales));
  const layout = { format: "fp8-block", rows, cols, blockRows, blockCols, scaleFormat } as const;
  return new QuantizedWeight(layout, data, scales);
}

/** The host form of a packed weight (MXFP4 or FP8), read back synchronously. */
export function quantizedToHost(w: QuantizedWeight): Mxfp4Tensor | Fp8BlockTensor {
  w.assertAlive("quantizedToHost");
  const dev = w.device;
  if (!dev.canReadSync) {
    throw new DeviceError(
      `quantizedToHost: device "${dev.name}" cannot read synchronously; the packed weight ` +
        "cannot be brought to the host here",
    );
  }
  const words = (b: DeviceBuffer): Int32Array => {
    const a = dev.readSync(b);
    if (!(a instanceof Int32Array)) {
      throw new DeviceError(`quantizedToHost: expected an i32 word buffer, got ${b.dtype}`);
    }
    return a;
  };
  const l = w.layout;
  if (l.format === "mxfp4") {
    const n = l.rows * l.cols;
    const packed = wordsToBytes(words(w.data), n / 2);
    const scales = wordsToBytes(words(w.scales), n / MXFP4_BLOCK);
    return { packed, scales, rows: l.rows, cols: l.cols };
  }
  const tiles = Math.ceil(l.rows / l.blockRows) * Math.ceil(l.cols / l.blockCols);
  const data = wordsToBytes(words(w.data), l.rows * l.cols);
  const scales =
    l.scaleFormat === "e8m0"
      ? wordsToBytes(words(w.scales), tiles)
      : Float32Array.from(dev.readSync(w.scales).subarray(0, tiles));
  const { rows, cols, blockRows, blockCols } = l;
  return { data, scales, rows, cols, blockRows, blockCols };
}

/**
 * The dequantised weight as a new [rows, cols] tensor of `dtype` on the weight's device
 * (values are exact in f32: E2M1 or E4M3 times a power of two, or rounded once to f32 for
 * float FP8 scales).
 */
export function dequantizeWeight(w: QuantizedWeight, dtype: DType = "f32"): Tensor {
  const host = quantizedToHost(w);
  const values = "packed" in host ? dequantizeMxfp4(host) : dequantizeFp8Block(host);
  return tensor(values, [w.rows, w.cols], { dtype, device: w.device });
}
