import type { ProblemFieldError } from '@mesh/bus';

/** The notifications service's typed errors; `http/problem.ts` maps them to HTTP answers. */

/** Query parameters are not what they must be: each error points at one (`/query/limit`) and says why. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(readonly errors: ProblemFieldError[]) {
    super(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '));
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
