import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger, instrumentHandler } from '@mesh/bus';
import { problemFor } from './problem';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

const logger = createLogger();

/** A JSON response. */
export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Wraps an HTTP API route: whatever it throws becomes the problem details `problemFor` maps it to, so a
 * bad request is always a 4xx and never escapes as a 500.
 *
 * @example
 * export const handler = httpHandler(async (event) => json(200, await read(event)));
 */
export function httpHandler(
  route: (event: HttpEvent) => Promise<HttpResult>,
): (event: HttpEvent) => Promise<HttpResult> {
  // Traced like every mesh handler (a no-op offline); its metrics flushed.
  return instrumentHandler(process.env._HANDLER ?? 'httpHandler', async (event: HttpEvent) => {
    try {
      return await route(event);
    } catch (error) {
      const response = problemFor(error);
      const { name, message } = error as Error;
      const log = response.statusCode === 500 ? logger.error : logger.info;
      log.call(logger, 'request refused', { status: response.statusCode, reason: `${name}: ${message}` });
      return response;
    }
  });
}
