/** A wrong command line: the command prints it with its usage and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
