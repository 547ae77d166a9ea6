/** The vocabulary kernels that have tile implementations, shared by the WASM and WGSL devices. */
import { attentionBackwardTile, attentionTile } from "./attention.ts";
import {
  rmsNormRowsBackwardTile,
  rmsNormRowsTile,
  swigluBackwardTile,
  swigluTile,
} from "./fused.ts";
import { gatherTile, indexAddTile, indexSelectTile, scatterAddTile } from "./indexing.ts";
import type { TileTable } from "./launch.ts";
import { binaryTile, clampTile, copyTile, fillTile, unaryTile, whereTile } from "./map.ts";
import { matmulTile } from "./matmul.ts";
import {
  argmaxRowsTile,
  logsumexpRowsTile,
  reduceRowsTile,
  softmaxRowsTile,
  topkRowsTile,
} from "./rows.ts";

export const TILE_KERNELS: TileTable = {
  fill: fillTile,
  copy: copyTile,
  unary: unaryTile,
  clamp: clampTile,
  binary: binaryTile,
  where: whereTile,
  reduceRows: reduceRowsTile,
  argmaxRows: argmaxRowsTile,
  softmaxRows: softmaxRowsTile,
  logsumexpRows: logsumexpRowsTile,
  topkRows: topkRowsTile,
  matmul: matmulTile,
  indexSelect: indexSelectTile,
  indexAdd: indexAddTile,
  gather: gatherTile,
  scatterAdd: scatterAddTile,
  rmsNormRows: rmsNormRowsTile,
  rmsNormRowsBackward: rmsNormRowsBackwardTile,
  swiglu: swigluTile,
  swigluBackward: swigluBackwardTile,
  attention: attentionTile,
  attentionBackward: attentionBackwardTile,
};
