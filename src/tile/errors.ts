/** Errors of the tile DSL: a kernel that cannot be built or compiled, located at a DSL line. */

/** A type, shape or placement error in a kernel, with the DSL call site that caused it. */
export class TileError extends Error {
  override name = "TileError";

  constructor(
    message: string,
    /** file:line:col of the DSL call. */
    readonly loc: string,
  ) {
    super(`${message}\n    at ${loc}`);
  }
}
