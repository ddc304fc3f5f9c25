import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger, withKeys, type Logger, type MessageLogger } from '@mesh/bus';
import { Id } from '@mesh/contracts';
import { callerOf, type Caller } from './caller';
import { errorResponse } from './errorResponse';

export const CORRELATION_HEADER = 'x-correlation-id';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a route gets: the event, its authenticated caller and the ids its effects carry. */
export interface HttpRequest {
  event: HttpEvent;
  caller: Caller;
  /** From the `x-correlation-id` header when it is a valid id, else new: every event of the saga carries it. */
  correlationId: string;
  /** The id of this request, as the causation id of what it causes first. */
  requestId: string;
  logger: MessageLogger;
}

export interface RouteResult {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

const validId = (value: string | undefined) => (value !== undefined && Id.safeParse(value).success ? value : undefined);

/**
 * Wraps a route: authenticates the caller, picks the correlation id, answers JSON, and maps every
 * thrown error to its HTTP answer in one place ({@link errorResponse}). The correlation id is echoed in
 * the `x-correlation-id` response header, errors included.
 *
 * @example
 * export const handler = httpHandler(async ({ caller }) => ({ statusCode: 200, body: { me: caller.customerId } }));
 */
export function httpHandler(
  route: (request: HttpRequest) => Promise<RouteResult>,
  options: { logger?: Logger; env?: NodeJS.ProcessEnv } = {},
) {
  const baseLogger = options.logger ?? createLogger('orders');
  return async (event: HttpEvent): Promise<HttpResult> => {
    const headers = event.headers ?? {};
    const correlationId = validId(headers[CORRELATION_HEADER]) ?? randomUUID();
    // API Gateway's request ids may hold '=' (not an Id): keep them readable, make them valid.
    const requestId = (event.requestContext?.requestId ?? randomUUID()).replace(/[^A-Za-z0-9_.:-]/g, '_');
    const logger = withKeys(baseLogger, { correlationId, requestId, route: event.routeKey });
    let result: HttpResult;
    try {
      const caller = callerOf(event, options.env ?? process.env);
      const { statusCode, body, headers: extra } = await route({ event, caller, correlationId, requestId, logger });
      result = { statusCode, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) };
    } catch (error) {
      result = errorResponse(error, logger);
    }
    return { ...result, headers: { ...result.headers, [CORRELATION_HEADER]: correlationId } };
  };
}
