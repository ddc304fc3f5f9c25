import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse, validationProblem, type MessageLogger } from '@mesh/bus';
import { ForbiddenError, InvalidRequestError, UnauthorizedError } from '../errors';

/**
 * THE place where the service's errors become HTTP answers, as RFC 9457 problem details (`@mesh/bus`);
 * anything unexpected is a 500 whose detail stays in the logs.
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
    return problemResponse({ status: 403, detail: 'the caller may not read these notifications' });
  }
  logger.error('request failed', { error: error as Error });
  return problemResponse({ status: 500, detail: 'the request failed; the service logged why' });
}
