/** No Node.js able to run fauxqs (it needs `node:sqlite`, Node >= 22.5) was found. */
export class Node22NotFoundError extends Error {
  override readonly name = 'Node22NotFoundError';
}

/** The fauxqs child process died, or did not answer in time, while starting. */
export class SqsStartError extends Error {
  override readonly name = 'SqsStartError';
}

/**
 * An SQS API error as AWS names it (`ResourceNotFoundException`, `InvalidParameterValue`, …), for the APIs the
 * offline mesh serves itself in front of fauxqs; the edge writes it in the shape the SDK parses.
 */
export class SqsApiError extends Error {
  override readonly name = 'SqsApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
