/** The endpoint does not answer: the mesh is not running there (offline) or the network is down. */
export class EndpointUnreachableError extends Error {
  override readonly name = 'EndpointUnreachableError';

  constructor(
    readonly endpoint: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot reach ${endpoint} (${reason})`, options);
  }
}

/** No queue of that name or URL exists at the endpoint. */
export class QueueNotFoundError extends Error {
  override readonly name = 'QueueNotFoundError';

  constructor(
    readonly queue: string,
    readonly suggestions: string[] = [],
  ) {
    super(
      `no queue "${queue}"${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''} (list them with: npm run mesh -- queues)`,
    );
  }
}

/** `redrive` cannot tell where a dead-letter queue's messages go back to. */
export class RedriveTargetError extends Error {
  override readonly name = 'RedriveTargetError';
}

/** `peek` refuses to receive from a queue whose receives count towards its redrive policy. */
export class PeekRefusedError extends Error {
  override readonly name = 'PeekRefusedError';
}
