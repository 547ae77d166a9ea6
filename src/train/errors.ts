/** A problem with the training inputs or state (data, tokenizer, checkpoint, settings). */
export class TrainError extends Error {
  override name = "TrainError";
}
