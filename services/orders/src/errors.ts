import type { ProblemFieldError } from '@mesh/bus';

/**
 * One part of a request that is not what it must be: a JSON Pointer into the request (`/body/items/0/sku`,
 * `/path/id`, `/query/limit`, `/headers/idempotency-key`) and what is wrong with it.
 */
export type Issue = ProblemFieldError;

/** The request itself is wrong (malformed JSON, a bad field, an unknown SKU): the caller must change it. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(readonly errors: Issue[]) {
    super(`invalid request: ${errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')}`);
  }
}

/** No valid credentials: no bearer token, a bad signature, an expired token, or no subject. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** The caller is known but may not touch this: another customer's order, or an admin-only listing. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** No order has this id. */
export class OrderNotFoundError extends Error {
  override readonly name = 'OrderNotFoundError';
  constructor(readonly orderId: string) {
    super(`order ${orderId} does not exist`);
  }
}

/** The order's status does not allow what was asked (e.g. cancelling a confirmed order). */
export class OrderStatusConflictError extends Error {
  override readonly name = 'OrderStatusConflictError';
  constructor(
    readonly orderId: string,
    readonly status: string,
    action: string,
  ) {
    super(`order ${orderId} is ${status}: it cannot be ${action}`);
  }
}

/** A conditional write kept losing to concurrent writers; the caller retries (SQS redelivers, HTTP answers 503). */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
  constructor(readonly orderId: string) {
    super(`order ${orderId} kept changing under us; try again`);
  }
}

/** An Idempotency-Key already placed an order that differs from this request's: the key was reused. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly orderId: string) {
    super(`this Idempotency-Key already placed order ${orderId} with other items; use a new key for a new order`);
  }
}
