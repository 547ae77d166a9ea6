export { bf16ToFloat32, float32BitsToBf16Bits, float32ToBf16, roundToBf16 } from "./bf16.ts";
export { decodeE2M1, E2M1_MAX, E2M1_VALUES, e2m1MagnitudeCode, encodeE2M1 } from "./e2m1.ts";
export { decodeE4M3, E4M3_MAX, E4M3_NAN, E4M3_VALUES, encodeE4M3, roundToE4M3 } from "./e4m3.ts";
export { decodeE5M2, E5M2_VALUES } from "./e5m2.ts";
export {
  decodeE8M0,
  E8M0_BIAS,
  E8M0_NAN,
  encodeE8M0Ceil,
  encodeE8M0Nearest,
  encodeE8M0PowerOfTwo,
} from "./e8m0.ts";
export { f16BitsToNumber, f16ToFloat32, float32ToF16, numberToF16Bits } from "./f16.ts";
export {
  assertLittleEndian,
  ceilLog2,
  floorLog2,
  IS_LITTLE_ENDIAN,
  roundHalfEven,
} from "./float-bits.ts";
export { packFp4, unpackFp4 } from "./fp4-pack.ts";
export { type Fp4ToFp8Options, mxfp4ToFp8Block } from "./fp4-to-fp8.ts";
export {
  dequantizeFp8Block,
  type Fp8BlockOptions,
  type Fp8BlockTensor,
  type Fp8ScaleFormat,
  fakeQuantFp8Block,
  fp8BlockScale,
  quantizeFp8Activation,
  quantizeFp8Block,
} from "./fp8-block.ts";
export { hadamardMatrix, hadamardRows } from "./hadamard.ts";
export {
  dequantizeMxfp4,
  type FakeQuantMxfp4Options,
  fakeQuantMxfp4,
  MXFP4_BLOCK,
  type Mxfp4Options,
  type Mxfp4ScaleRule,
  type Mxfp4Tensor,
  mxfp4ScaleByte,
  quantizeMxfp4,
} from "./mxfp4.ts";
export { fakeQuantMxfp4Ste, hadamardRotate, indexerFakeQuantSte } from "./qat.ts";
