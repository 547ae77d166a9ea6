/**
 * The Tensor: a dtype, a shape and a strided view onto a reference-counted device buffer, plus
 * an autograd node when it requires grad. Views (reshape, permute, slice, expand) share the
 * buffer; the buffer goes back to the device when the last tensor viewing it is disposed.
 */
import type { Device, DeviceBuffer, DType, TypedArray, View } from "../backend/index.ts";
import { allocArray } from "../backend/index.ts";
import { backward, type GradNode } from "./autograd.ts";
import { checkArg, DeviceError } from "./errors.ts";
import * as ew from "./ops/elementwise.ts";
import * as idx from "./ops/indexing.ts";
import * as join from "./ops/join.ts";
import * as mm from "./ops/matmul.ts";
import * as red from "./ops/reduce.ts";
import * as views from "./ops/views.ts";
import { setTensorGuard, trackTensor } from "./scope.ts";
import { contiguousStrides, isContiguous, type Shape, shapeSize, shapeStr } from "./shape.ts";

/** A device buffer shared by every tensor that views it. */
export class Storage {
  refs = 0;
  constructor(readonly buffer: DeviceBuffer) {}
}

let nextId = 0;

export class Tensor {
  readonly id = nextId++;
  requiresGrad = false;
  /** Accumulated gradient of a leaf after backward(). */
  grad: Tensor | null = null;
  node: GradNode | null = null;
  private disposed = false;

  constructor(
    readonly storage: Storage,
    readonly shape: Shape,
    readonly strides: readonly number[] = contiguousStrides(shape),
    readonly offset = 0,
  ) {
    storage.refs++;
    trackTensor(this);
  }

  /** A new contiguous tensor owning `buffer`. */
  static fromBuffer(buffer: DeviceBuffer, shape: Shape): Tensor {
    return new Tensor(new Storage(buffer), shape);
  }

  get dtype(): DType {
    return this.storage.buffer.dtype;
  }

  get device(): Device {
    return this.storage.buffer.device;
  }

  get size(): number {
    return shapeSize(this.shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  get isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The strided window kernels read. */
  get layout(): View {
    this.assertAlive("layout");
    return {
      buffer: this.storage.buffer,
      shape: this.shape,
      strides: this.strides,
      offset: this.offset,
    };
  }

  /**
   * Releases this tensor's hold on its buffer. Safe to call twice. The autograd node stays, so a
   * disposed intermediate still connects the graph as long as no backward needs its values.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (--this.storage.refs === 0) this.device.release(this.storage.buffer);
  }

  assertAlive(op: string): void {
    if (this.disposed) {
      throw new DeviceError(`${op}: tensor #${this.id} ${shapeStr(this.shape)} was disposed`);
    }
  }

  /** A new tensor object over the same data and layout (and the same grad history). */
  view(): Tensor {
    return views.alias(this);
  }

  /** The same data without grad history. */
  detach(): Tensor {
    this.assertAlive("detach");
    return new Tensor(this.storage, this.shape, this.strides, this.offset);
  }

  /** Marks a leaf tensor as a parameter whose gradient is wanted. */
  requireGrad(flag = true): this {
    checkArg(!this.node, () => "requireGrad: only leaf tensors can be marked; use detach() first");
    this.requiresGrad = flag;
    return this;
  }

  backward(grad?: Tensor): void {
    backward(this, grad);
  }

  /** Contents as a new row-major host array (synchronous devices only). */
  toArray(): TypedArray {
    this.assertAlive("toArray");
    const src = this.isContiguous ? this : this.contiguous();
    const data = this.device.readSync(src.storage.buffer);
    const out = data.slice(src.offset, src.offset + this.size);
    if (src !== this) src.dispose();
    return out;
  }

  /** Contents as a new row-major host array, from any device. */
  async read(): Promise<TypedArray> {
    this.assertAlive("read");
    const src = this.isContiguous ? this : this.contiguous();
    const data = await this.device.read(src.storage.buffer);
    const out = data.slice(src.offset, src.offset + this.size);
    if (src !== this) src.dispose();
    return out;
  }

  /** Nested JavaScript arrays, for printing and tests. */
  toNested(): unknown {
    const flat = Array.from(this.toArray());
    const build = (dim: number, start: number): unknown => {
      if (dim === this.rank) return flat[start];
      const inner = shapeSize(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim]! }, (_, i) => build(dim + 1, start + i * inner));
    };
    return build(0, 0);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    checkArg(this.size === 1, () => `item: tensor has ${this.size} elements, expected 1`);
    return this.toArray()[0]!;
  }

  /** Copies `src` (broadcastable to this shape) into this tensor's memory, outside autograd. */
  assign(src: Tensor): this {
    ew.assignInto(this, src);
    return this;
  }

  onesLike(): Tensor {
    return ew.fullLike(this, 1);
  }

  zerosLike(): Tensor {
    return ew.fullLike(this, 0);
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${shapeStr(this.shape)})`;
  }

  // Element-wise arithmetic; numbers are scalars of this tensor's dtype.
  add(b: Tensor | number): Tensor {
    return ew.add(this, b);
  }
  sub(b: Tensor | number): Tensor {
    return ew.sub(this, b);
  }
  mul(b: Tensor | number): Tensor {
    return ew.mul(this, b);
  }
  div(b: Tensor | number): Tensor {
    return ew.div(this, b);
  }
  pow(b: Tensor | number): Tensor {
    return ew.pow(this, b);
  }
  minimum(b: Tensor | number): Tensor {
    return ew.minimum(this, b);
  }
  maximum(b: Tensor | number): Tensor {
    return ew.maximum(this, b);
  }
  neg(): Tensor {
    return ew.neg(this);
  }
  exp(): Tensor {
    return ew.exp(this);
  }
  log(): Tensor {
    return ew.log(this);
  }
  sqrt(): Tensor {
    return ew.sqrt(this);
  }
  rsqrt(): Tensor {
    return ew.rsqrt(this);
  }
  abs(): Tensor {
    return ew.abs(this);
  }
  square(): Tensor {
    return ew.square(this);
  }
  relu(): Tensor {
    return ew.relu(this);
  }
  silu(): Tensor {
    return ew.silu(this);
  }
  sigmoid(): Tensor {
    return ew.sigmoid(this);
  }
  softplus(): Tensor {
    return ew.softplus(this);
  }
  tanh(): Tensor {
    return ew.tanh(this);
  }
  clamp(lo: number | null, hi: number | null = null): Tensor {
    return ew.clamp(this, lo, hi);
  }
  cast(dtype: DType): Tensor {
    return ew.cast(this, dtype);
  }

  // Comparisons give i32 masks (1 where true).
  eq(b: Tensor | number): Tensor {
    return ew.compare("eq", this, b);
  }
  ne(b: Tensor | number): Tensor {
    return ew.compare("ne", this, b);
  }
  lt(b: Tensor | number): Tensor {
    return ew.compare("lt", this, b);
  }
  le(b: Tensor | number): Tensor {
    return ew.compare("le", this, b);
  }
  gt(b: Tensor | number): Tensor {
    return ew.compare("gt", this, b);
  }
  ge(b: Tensor | number): Tensor {
    return ew.compare("ge", this, b);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return ew.maskedFill(this, mask, value);
  }

  // Reductions.
  sum(axis?: number | readonly number[], keepdim = false): Tensor {
    return red.sum(this, axis, keepdim);
  }
  mean(axis?: number | readonly number[], keepdim = false): Tensor {
    return red.mean(this, axis, keepdim);
  }
  max(axis?: number | readonly number[], keepdim = false): Tensor {
    return red.max(this, axis, keepdim);
  }
  min(axis?: number | readonly number[], keepdim = false): Tensor {
    return red.min(this, axis, keepdim);
  }
  argmax(axis = -1, keepdim = false): Tensor {
    return red.argmax(this, axis, keepdim);
  }
  softmax(axis = -1): Tensor {
    return red.softmax(this, axis);
  }
  logSoftmax(axis = -1): Tensor {
    return red.logSoftmax(this, axis);
  }
  logsumexp(axis = -1, keepdim = false): Tensor {
    return red.logsumexp(this, axis, keepdim);
  }

  // Views and layout.
  reshape(shape: Shape): Tensor {
    return views.reshape(this, shape);
  }
  permute(axes: readonly number[]): Tensor {
    return views.permute(this, axes);
  }
  transpose(a = -2, b = -1): Tensor {
    return views.transpose(this, a, b);
  }
  /** Elements [start, end) along `axis` (negative bounds count from the end). */
  slice(axis: number, start: number, end?: number): Tensor {
    return views.slice(this, axis, start, end);
  }
  expand(shape: Shape): Tensor {
    return views.expand(this, shape);
  }
  unsqueeze(axis: number): Tensor {
    return views.unsqueeze(this, axis);
  }
  squeeze(axis: number): Tensor {
    return views.squeeze(this, axis);
  }
  flatten(start = 0, end = -1): Tensor {
    return views.flatten(this, start, end);
  }
  contiguous(): Tensor {
    return views.contiguous(this);
  }
  /** A copy in a buffer of its own (contiguous() may return a view). */
  clone(): Tensor {
    return views.clone(this);
  }
  split(sizes: number | readonly number[], axis = 0): Tensor[] {
    return join.split(this, sizes, axis);
  }

  matmul(b: Tensor): Tensor {
    return mm.matmul(this, b);
  }
  gather(axis: number, index: Tensor): Tensor {
    return idx.gather(this, axis, index);
  }
  indexSelect(axis: number, index: Tensor): Tensor {
    return idx.indexSelect(this, axis, index);
  }
}

setTensorGuard((v: unknown): v is Tensor => v instanceof Tensor);

/** A new contiguous tensor holding a copy of `data`, on `device`. */
export function tensorFromArray(data: TypedArray, shape: Shape, device: Device): Tensor {
  checkArg(
    data.length === shapeSize(shape),
    () => `tensor: ${data.length} values do not fill shape ${shapeStr(shape)}`,
  );
  return Tensor.fromBuffer(device.upload(data), shape);
}

/** A new uninitialised-by-contract (zero-filled) tensor. */
export function emptyTensor(dtype: DType, shape: Shape, device: Device): Tensor {
  return Tensor.fromBuffer(device.alloc(dtype, shapeSize(shape)), shape);
}

export { allocArray };
