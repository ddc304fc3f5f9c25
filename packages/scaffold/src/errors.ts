/**
 * The scaffold's typed errors. Each is a {@link ScaffoldError}: the command line asked for something that
 * cannot be written, so `npm run new` prints it with its usage, exits 2 and writes nothing.
 */

/** What every error of the scaffold is: a request that cannot be written as asked. */
export class ScaffoldError extends Error {
  override readonly name: string = 'ScaffoldError';
}

/** A name breaks AWS's naming rules or the mesh's conventions; `rule` says which. */
export class InvalidNameError extends ScaffoldError {
  override readonly name = 'InvalidNameError';
  constructor(
    readonly kind: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`${kind} name "${value}" ${rule}`);
  }
}

/** An event the contracts registry does not hold. */
export class UnknownEventError extends ScaffoldError {
  override readonly name = 'UnknownEventError';
  constructor(
    readonly event: string,
    known: readonly string[],
  ) {
    super(`no event contract named "${event}" in the registry; known events: ${known.join(', ') || 'none'}`);
  }
}

/** A service that `services/` does not hold. */
export class UnknownServiceError extends ScaffoldError {
  override readonly name = 'UnknownServiceError';
  constructor(
    readonly service: string,
    known: readonly string[],
  ) {
    super(`no service "${service}" in services/; known services: ${known.join(', ') || 'none'}`);
  }
}

/** What the command would write exists already: a file, a service, a function or a contract. */
export class TargetExistsError extends ScaffoldError {
  override readonly name = 'TargetExistsError';
  constructor(readonly target: string) {
    super(`${target} exists already; pick another name (nothing was written)`);
  }
}

/** An existing file the command must edit does not have the shape it knows how to edit. */
export class UnexpectedSourceError extends ScaffoldError {
  override readonly name = 'UnexpectedSourceError';
  constructor(
    readonly file: string,
    readonly expected: string,
  ) {
    super(`${file}: ${expected}; edit it by hand as the guide shows (nothing was written)`);
  }
}
