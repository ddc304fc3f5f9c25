/** A `/_mesh/hops` or `/_mesh/stream` query value is wrong; the edge answers 400 with this message. */
export class HopQueryError extends Error {
  override readonly name = 'HopQueryError';
}
