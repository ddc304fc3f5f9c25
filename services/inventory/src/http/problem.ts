import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse, validationProblem } from '@mesh/bus';
import {
  ForbiddenError,
  InvalidRequestError,
  StockBelowReservedError,
  StockNotFoundError,
  StockUpdateConflictError,
  UnauthenticatedError,
} from '../errors';

/** The problem types of the inventory API (docs/errors.md lists every type of the mesh). */
export const STOCK_NOT_FOUND = 'urn:mesh:problem:stock-not-found';
export const STOCK_BELOW_RESERVED = 'urn:mesh:problem:stock-below-reserved';
export const CONCURRENT_UPDATE = 'urn:mesh:problem:concurrent-update';

/**
 * The one place where the inventory's errors become HTTP answers, as RFC 9457 problem details
 * (`@mesh/bus`). Anything unknown is a 500 with no detail (it is logged by the caller); every error a
 * client can cause has its own 4xx.
 *
 * @example
 * catch (error) { return problemFor(error); }
 */
export function problemFor(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof InvalidRequestError) return validationProblem(error.errors);
  if (error instanceof UnauthenticatedError) {
    return problemResponse({ status: 401, detail: error.message }, { 'www-authenticate': 'Bearer' });
  }
  if (error instanceof ForbiddenError) return problemResponse({ status: 403, detail: error.message });
  if (error instanceof StockNotFoundError) {
    return problemResponse({
      type: STOCK_NOT_FOUND,
      title: 'Stock not found',
      status: 404,
      detail: error.message,
      sku: error.sku,
    });
  }
  if (error instanceof StockBelowReservedError) {
    return problemResponse({
      type: STOCK_BELOW_RESERVED,
      title: 'Stock would fall below what is reserved',
      status: 409,
      detail: error.message,
      sku: error.sku,
      onHand: error.onHand,
      reserved: error.reserved,
    });
  }
  if (error instanceof StockUpdateConflictError) {
    return problemResponse({
      type: CONCURRENT_UPDATE,
      title: 'Concurrent update',
      status: 409,
      detail: error.message,
      sku: error.sku,
    });
  }
  return problemResponse({ status: 500, detail: 'the request failed; the service logged why' });
}
