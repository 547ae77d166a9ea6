export { Checkpoint, INDEX_FILE, openCheckpoint, SINGLE_FILE } from "./checkpoint.ts";
export { decodeToFloat32, decodeToInt32 } from "./decode.ts";
export { DTYPES, type Dtype, dtypeSize, isDtype, isIntegerDtype } from "./dtypes.ts";
export { encodeFloat32To, type FloatEncodeDtype } from "./encode.ts";
export {
  MAX_HEADER_BYTES,
  type ParsedHeader,
  parseHeader,
  SafetensorsError,
  type TensorEntry,
  type TensorInfo,
} from "./safetensors-header.ts";
export { openSafetensors, SafetensorsFile } from "./safetensors-read.ts";
export { type TensorData, type TensorToWrite, writeSafetensors } from "./safetensors-write.ts";
export type { TensorSource } from "./tensor-source.ts";
