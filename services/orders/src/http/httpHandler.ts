import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  createLogger,
  currentTraceHeader,
  instrumentHandler,
  isTraceHeader,
  sharedTracer,
  withKeys,
  type Instrumentation,
  type Logger,
  type MessageLogger,
  type Trace,
} from '@mesh/bus';
import { Id } from '@mesh/contracts';
import { InvalidRequestError } from '../errors';
import { callerOf, type Caller } from './caller';
import { problemFor } from './problem';

export const CORRELATION_HEADER = 'x-correlation-id';
/** The X-Ray trace header a caller (or a load balancer, CloudFront) may send; Lambda's own wins on AWS. */
export const TRACE_HEADER = 'x-amzn-trace-id';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a route gets: the event, its authenticated caller and the ids its effects carry. */
export interface HttpRequest {
  event: HttpEvent;
  caller: Caller;
  /** From the `x-correlation-id` header (a valid id, else the request is refused with 400), or new. */
  correlationId: string;
  /** The id of this request, as the causation id of what it causes first. */
  requestId: string;
  /** What the request's effects carry: its correlation id, the request as their cause, and its X-Ray trace. */
  trace: Trace;
  logger: MessageLogger;
}

export interface RouteResult {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

const headerOf = (headers: Record<string, string | undefined>, name: string) => {
  const value = headers[name];
  return value === undefined || value === '' ? undefined : value;
};

/** A correlation id the caller sent that is not an Id: the request is refused, saying why. */
function badCorrelationId(given: string): InvalidRequestError {
  const reason = Id.safeParse(given).error?.issues[0]?.message ?? 'is not a valid id';
  return new InvalidRequestError([{ pointer: `/headers/${CORRELATION_HEADER}`, detail: reason }]);
}

/**
 * Wraps a route: picks the correlation id (refusing a bad one with 400), authenticates the caller, answers
 * JSON, and maps every thrown error to its HTTP answer in one place ({@link problemFor}: RFC 9457 problem details). The
 * correlation id is echoed in the `x-correlation-id` response header, errors included, and is on every
 * log line of the request. Traced (when tracing is on) and its metrics flushed like every mesh handler.
 *
 * @example
 * export const handler = httpHandler(async ({ caller }) => ({ statusCode: 200, body: { me: caller.customerId } }));
 */
export function httpHandler(
  route: (request: HttpRequest) => Promise<RouteResult>,
  options: { logger?: Logger; env?: NodeJS.ProcessEnv } & Instrumentation = {},
) {
  const baseLogger = options.logger ?? createLogger('orders');
  const tracer = options.tracer ?? sharedTracer();
  const tracing = tracer.isTracingEnabled();
  const handle = async (event: HttpEvent): Promise<HttpResult> => {
    const headers = event.headers ?? {};
    // API Gateway's request ids may hold '=' (not an Id): keep them readable, make them valid.
    const requestId = (event.requestContext?.requestId ?? randomUUID()).replace(/[^A-Za-z0-9_.:-]/g, '_');
    const given = headerOf(headers, CORRELATION_HEADER);
    const valid = given === undefined || Id.safeParse(given).success;
    // A refused request still answers (and logs) with a correlation id: a new one.
    const correlationId = valid && given !== undefined ? given : randomUUID();
    const logger = withKeys(baseLogger, { correlationId, requestId, route: event.routeKey });
    // X-Ray finds the request's trace by `annotation.correlationId`, as it finds each message's.
    if (tracing) tracer.putAnnotation('correlationId', correlationId);
    let result: HttpResult;
    try {
      if (!valid) throw badCorrelationId(given ?? '');
      const caller = callerOf(event, options.env ?? process.env);
      const requestTrace = headerOf(headers, TRACE_HEADER);
      const traceHeader = currentTraceHeader() ?? (isTraceHeader(requestTrace) ? requestTrace : undefined);
      const trace: Trace = { correlationId, causationId: requestId, ...(traceHeader ? { traceHeader } : {}) };
      const {
        statusCode,
        body,
        headers: extra,
      } = await route({
        event,
        caller,
        correlationId,
        requestId,
        trace,
        logger,
      });
      result = { statusCode, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) };
    } catch (error) {
      result = problemFor(error, logger);
    }
    // One line per request: joins the API's access log (its requestId, as API Gateway wrote it) to the
    // correlation id, which an HTTP API's access log cannot hold.
    logger.info('request answered', { statusCode: result.statusCode, apiRequestId: event.requestContext?.requestId });
    return { ...result, headers: { ...result.headers, [CORRELATION_HEADER]: correlationId } };
  };
  return instrumentHandler(process.env._HANDLER ?? 'httpHandler', handle, options);
}
