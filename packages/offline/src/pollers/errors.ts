/** The function ran and failed (Lambda's `FunctionError`): the payload is the error it returned. */
export class FunctionInvocationError extends Error {
  override readonly name = 'FunctionInvocationError';
  constructor(
    readonly functionName: string,
    /** `Unhandled` or `Handled`, as Lambda reports it. */
    readonly functionError: string,
    /** The error payload, e.g. `{ errorType, errorMessage, trace }`. */
    readonly payload: unknown,
  ) {
    super(`${functionName} failed (${functionError}): ${describePayload(payload)}`);
  }
}

/** A `batchItemFailures` response Lambda would not accept: the whole batch counts as failed. */
export class InvalidBatchResponseError extends Error {
  override readonly name = 'InvalidBatchResponseError';
}

function describePayload(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null) {
    const { errorType, errorMessage } = payload as { errorType?: unknown; errorMessage?: unknown };
    if (typeof errorMessage === 'string')
      return typeof errorType === 'string' ? `${errorType}: ${errorMessage}` : errorMessage;
  }
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
