import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ContractViolationError } from '@mesh/contracts';
import { problemResponse, validationProblem, type MessageLogger } from '@mesh/bus';
import {
  ConcurrentUpdateError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidRequestError,
  OrderNotFoundError,
  OrderStatusConflictError,
  UnauthorizedError,
} from '../errors';

/** The problem types of the orders API (docs/errors.md lists every type of the mesh). */
export const ORDER_NOT_FOUND = 'urn:mesh:problem:order-not-found';
export const ORDER_STATUS_CONFLICT = 'urn:mesh:problem:order-status-conflict';
export const IDEMPOTENCY_KEY_REUSED = 'urn:mesh:problem:idempotency-key-reused';
export const CONCURRENT_UPDATE = 'urn:mesh:problem:concurrent-update';

/**
 * THE place where errors become HTTP (and WebSocket) answers, for every route of the service: each typed
 * error maps to its status as RFC 9457 problem details (`@mesh/bus`); anything else is a 500 whose detail
 * stays in the logs, never in the answer. Refusals do not say whose order it is.
 *
 * @example
 * catch (error) { return problemFor(error, logger); }
 */
export function problemFor(error: unknown, logger: MessageLogger): APIGatewayProxyStructuredResultV2 {
  if (error instanceof InvalidRequestError) return validationProblem(error.errors);
  if (error instanceof UnauthorizedError) {
    logger.info('request refused: unauthenticated', { reason: error.message });
    return problemResponse(
      { status: 401, detail: 'a valid bearer token is required' },
      { 'www-authenticate': 'Bearer' },
    );
  }
  if (error instanceof ForbiddenError) {
    logger.info('request refused: forbidden', { reason: error.message });
    return problemResponse({ status: 403, detail: 'the caller may not do this' });
  }
  if (error instanceof OrderNotFoundError) {
    return problemResponse({
      type: ORDER_NOT_FOUND,
      title: 'Order not found',
      status: 404,
      detail: error.message,
      orderId: error.orderId,
    });
  }
  if (error instanceof OrderStatusConflictError) {
    return problemResponse({
      type: ORDER_STATUS_CONFLICT,
      title: "The order's status does not allow this",
      status: 409,
      detail: error.message,
      orderId: error.orderId,
      orderStatus: error.status,
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return problemResponse({
      type: IDEMPOTENCY_KEY_REUSED,
      title: 'Idempotency-Key reused for another request',
      status: 422,
      detail: error.message,
      orderId: error.orderId,
    });
  }
  if (error instanceof ConcurrentUpdateError) {
    return problemResponse(
      { type: CONCURRENT_UPDATE, title: 'Concurrent update', status: 503, detail: error.message },
      { 'retry-after': '1' },
    );
  }
  // An event we built violating its contract is our bug, not the caller's: log it as one.
  const reason = error instanceof ContractViolationError ? { issues: error.issues } : {};
  logger.error('request failed', { error: error as Error, ...reason });
  return problemResponse({ status: 500, detail: 'the request failed; the service logged why' });
}
