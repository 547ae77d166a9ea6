/** Token embedding lookup. */
import { DTypeError, embedding, ShapeError, shapeStr, type Tensor } from "../tensor/index.ts";

/**
 * Rows of the table picked by token id (no scaling). Ids outside [0, V) are rejected by the
 * index kernel.
 * table: [V, D], ids: i32 [B, T] -> [B, T, D]
 */
export function embed(table: Tensor, ids: Tensor): Tensor {
  if (table.rank !== 2) {
    throw new ShapeError(`embed: table must be [V, D], got ${shapeStr(table.shape)}`);
  }
  if (ids.dtype !== "i32") throw new DTypeError(`embed: ids must be i32, got ${ids.dtype}`);
  return embedding(table, ids);
}
