import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger, instrumentHandler, withKeys, type Logger, type MessageLogger } from '@mesh/bus';
import { problemFor } from './problem';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A JSON response. */
export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Wraps an HTTP API route: a logger keyed with the request, and whatever the route throws answered by the
 * service's one error mapping ({@link problemFor}: RFC 9457 problem details). Traced like every mesh
 * handler (a no-op offline); its metrics flushed.
 *
 * @example
 * export const handler = httpHandler('listNotifications', async (event) => json(200, await read(event)));
 */
export function httpHandler(
  name: string,
  route: (event: HttpEvent, logger: MessageLogger) => Promise<HttpResult>,
  options: { logger?: Logger } = {},
) {
  const baseLogger = options.logger ?? createLogger('notifications');
  return instrumentHandler(name, async (event: HttpEvent): Promise<HttpResult> => {
    const logger = withKeys(baseLogger, { requestId: event.requestContext?.requestId, route: event.routeKey });
    try {
      return await route(event, logger);
    } catch (error) {
      return problemFor(error, logger);
    }
  });
}
