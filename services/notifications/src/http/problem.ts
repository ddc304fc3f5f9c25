import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { MessageLogger } from '@mesh/bus';
import { ForbiddenError, InvalidRequestError, UnauthorizedError } from '../errors';

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * THE place where the service's errors become HTTP answers; anything unexpected is a 500 whose detail stays
 * in the logs.
 *
 * @example
 * catch (error) { return httpErrorResponse(error, logger); }
 */
export function httpErrorResponse(error: unknown, logger: MessageLogger): APIGatewayProxyStructuredResultV2 {
  if (error instanceof InvalidRequestError) {
    return json(400, { error: 'invalid request', field: error.field, reason: error.reason });
  }
  if (error instanceof UnauthorizedError) {
    logger.info('request refused: unauthenticated', { reason: error.message });
    return json(401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
  }
  if (error instanceof ForbiddenError) {
    logger.info('request refused: forbidden', { reason: error.message });
    return json(403, { error: 'forbidden' });
  }
  logger.error('request failed', { error: error as Error });
  return json(500, { error: 'internal error' });
}
