/** The console could not start (its port is taken, or the address cannot be bound). */
export class ConsoleStartError extends Error {
  override readonly name = 'ConsoleStartError';
}

/** A console API request the console refuses: its status and message go back to the page as JSON. */
export class ConsoleRequestError extends Error {
  override readonly name = 'ConsoleRequestError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
