/** No Node.js able to run fauxqs (it needs `node:sqlite`, Node >= 22.5) was found. */
export class Node22NotFoundError extends Error {
  override readonly name = 'Node22NotFoundError';
}

/** The fauxqs child process died, or did not answer in time, while starting. */
export class SqsStartError extends Error {
  override readonly name = 'SqsStartError';
}
