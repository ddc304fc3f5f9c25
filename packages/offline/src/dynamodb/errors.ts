/** How to get a Java runtime DynamoDB Local can run on, shown in every {@link JavaUnavailableError}. */
export const JAVA_INSTALL_HINT =
  'DynamoDB Local needs Java 17 or newer: install it with `apt-get install -y default-jre-headless` ' +
  '(Debian/Ubuntu), `brew install openjdk@17` (macOS), or point `javaPath` at a java binary.';

/** Java is missing, cannot be run, or is older than 17, so DynamoDB Local cannot start. */
export class JavaUnavailableError extends Error {
  override readonly name = 'JavaUnavailableError';

  constructor(
    readonly javaPath: string,
    readonly reason: 'missing' | 'too-old' | 'unreadable',
    readonly foundVersion?: string,
  ) {
    const what =
      reason === 'missing'
        ? `no Java runtime at "${javaPath}"`
        : reason === 'too-old'
          ? `Java ${foundVersion ?? '?'} at "${javaPath}" is older than 17`
          : `could not read the version of "${javaPath}"`;
    super(`${what}. ${JAVA_INSTALL_HINT}`);
  }
}

/** DynamoDB Local exited or did not answer in time while starting; the message carries its output tail. */
export class DynamoDbStartError extends Error {
  override readonly name = 'DynamoDbStartError';

  constructor(
    message: string,
    readonly outputTail: string,
  ) {
    super(outputTail ? `${message}\n--- DynamoDB Local output (tail) ---\n${outputTail}` : message);
  }
}
