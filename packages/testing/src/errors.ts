/** One input of a concurrently checked batch failed: names the input (its place in the batch and its value). */
export class FuzzCaseFailedError extends Error {
  constructor(
    readonly index: number,
    readonly input: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`input ${index} of the batch failed: ${input}\n${reason}`, { cause });
    this.name = 'FuzzCaseFailedError';
  }
}
