import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ContractViolationError } from '@mesh/contracts';
import type { MessageLogger } from '@mesh/bus';
import {
  ConcurrentUpdateError,
  ForbiddenError,
  InvalidRequestError,
  OrderNotFoundError,
  IdempotencyKeyReusedError,
  OrderStatusConflictError,
  UnauthorizedError,
} from '../errors';

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * THE place where errors become HTTP answers, for every route of the service: typed errors map to their
 * status; anything else is a 500 whose detail stays in the logs, never in the answer.
 *
 * @example
 * catch (error) { return errorResponse(error, logger); }
 */
export function errorResponse(error: unknown, logger: MessageLogger): APIGatewayProxyStructuredResultV2 {
  if (error instanceof InvalidRequestError) {
    return json(400, { error: 'invalid request', issues: error.issues });
  }
  if (error instanceof UnauthorizedError) {
    logger.info('request refused: unauthenticated', { reason: error.message });
    return json(401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
  }
  if (error instanceof ForbiddenError) {
    logger.info('request refused: forbidden', { reason: error.message });
    return json(403, { error: 'forbidden' });
  }
  if (error instanceof OrderNotFoundError) return json(404, { error: 'order not found', orderId: error.orderId });
  if (error instanceof OrderStatusConflictError) {
    return json(409, { error: error.message, orderId: error.orderId, status: error.status });
  }
  if (error instanceof IdempotencyKeyReusedError) return json(422, { error: error.message, orderId: error.orderId });
  if (error instanceof ConcurrentUpdateError) return json(503, { error: error.message }, { 'retry-after': '1' });
  // An event we built violating its contract is our bug, not the caller's: log it as one.
  const reason = error instanceof ContractViolationError ? { issues: error.issues } : {};
  logger.error('request failed', { error: error as Error, ...reason });
  return json(500, { error: 'internal error' });
}
