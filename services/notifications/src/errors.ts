/** The notifications service's typed errors; `http/problem.ts` maps them to HTTP answers. */

/** A query parameter is not what it must be: `field` names it, `reason` says why. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** No verified caller: no or a bad token, or no subject. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** The caller may not read this: another customer's notifications. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}
