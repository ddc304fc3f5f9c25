import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ForbiddenError,
  InvalidRequestError,
  StockBelowReservedError,
  StockNotFoundError,
  StockUpdateConflictError,
  UnauthenticatedError,
} from '../errors';

/** A JSON response. */
export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * The one place where the inventory's errors become HTTP answers. Anything unknown is a 500 with no
 * detail (it is logged by the caller); every error a client can cause has its own 4xx.
 */
export function httpErrorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof InvalidRequestError) {
    return json(400, { error: 'InvalidRequest', field: error.field, reason: error.reason });
  }
  if (error instanceof UnauthenticatedError) return json(401, { error: 'Unauthenticated', message: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: 'Forbidden', message: error.message });
  if (error instanceof StockNotFoundError) return json(404, { error: 'StockNotFound', sku: error.sku });
  if (error instanceof StockBelowReservedError) {
    return json(409, { error: 'StockBelowReserved', sku: error.sku, onHand: error.onHand, reserved: error.reserved });
  }
  if (error instanceof StockUpdateConflictError) return json(409, { error: 'StockUpdateConflict', sku: error.sku });
  return json(500, { error: 'InternalError' });
}
