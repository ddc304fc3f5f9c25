/**
 * Thrown when an event pattern is rejected, worded as AWS words `InvalidEventPatternException`
 * ("Event pattern is not valid. Reason: ..."), so the emulator can hand the message straight back to SDK callers.
 *
 * @example
 * ```ts
 * try {
 *   compilePattern({ source: 'mesh.loans' });
 * } catch (error) {
 *   if (error instanceof InvalidEventPatternError) console.log(error.reason); // "source" must be an object or an array
 * }
 * ```
 */
export class InvalidEventPatternError extends Error {
  /** The reason alone, without the "Event pattern is not valid" preamble. */
  public readonly reason: string;

  public constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
    this.reason = reason;
  }
}
