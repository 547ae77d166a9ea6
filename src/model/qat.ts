/**
 * Which parts of the model run MXFP4 quantization-aware training in a forward pass (spec §12):
 * the routed experts' weights (fake-quantised along their input dim) and the lightning
 * indexer's queries and compressed keys (Hadamard-rotated, then fake-quantised in 1 x 32
 * blocks). Both use a straight-through backward to the fp32 masters.
 */
export type QatOptions = Readonly<{
  /** Fake-quantise every routed expert's w1, w2 and w3. */
  experts: boolean;
  /** Fake-quantise the indexer's rotated queries and keys in CSA layers. */
  indexer: boolean;
}>;

/** QAT of both targets, as DeepSeek-V4 applies it in its late training stage. */
export const QAT_MXFP4: QatOptions = Object.freeze({ experts: true, indexer: true });
