import type { ProblemFieldError } from '@mesh/bus';

/**
 * The inventory's typed errors. HTTP handlers map them to status codes in one place
 * (`http/problem.ts`); the command handler lets them fail the message so SQS redelivers it.
 */

/**
 * Request fields are missing or malformed: each error points at one (a JSON Pointer into the request,
 * `/path/sku`, `/body/onHand`) and says what is wrong.
 */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(readonly errors: ProblemFieldError[]) {
    super(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '));
  }
}

/** The caller presented no verified identity (no JWT claims reached the handler). */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  constructor() {
    super('authentication required');
  }
}

/** The caller is known but lacks the scope this operation needs. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(readonly scope: string) {
    super(`the "${scope}" scope is required`);
  }
}

/** No stock record exists for this SKU. */
export class StockNotFoundError extends Error {
  override readonly name = 'StockNotFoundError';
  constructor(readonly sku: string) {
    super(`no stock is recorded for ${sku}`);
  }
}

/** Setting on-hand below what is already reserved would let available stock go negative. */
export class StockBelowReservedError extends Error {
  override readonly name = 'StockBelowReservedError';
  constructor(
    readonly sku: string,
    readonly onHand: number,
    readonly reserved: number,
  ) {
    super(`${sku}: on hand ${onHand} would be below the ${reserved} already reserved`);
  }
}

/** A stock record kept changing under a conditional write; the caller may try again. */
export class StockUpdateConflictError extends Error {
  override readonly name = 'StockUpdateConflictError';
  constructor(
    readonly sku: string,
    readonly attempts: number,
  ) {
    super(`${sku} changed concurrently ${attempts} times in a row`);
  }
}

/** An order's reservation lost every race for its stock records; SQS redelivers the command. */
export class ReservationContendedError extends Error {
  override readonly name = 'ReservationContendedError';
  constructor(
    readonly orderId: string,
    readonly attempts: number,
  ) {
    super(`reservation of ${orderId} was contended ${attempts} times in a row`);
  }
}
