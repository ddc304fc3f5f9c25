/**
 * X-Ray trace headers (`Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`): what
 * the mesh passes on at every hop so that one saga is one trace — PutEvents `TraceHeader`, the SQS
 * `AWSTraceHeader` system attribute, and the outbox row in between (X-Ray cannot follow a DynamoDB stream).
 */

/** The environment variable Lambda sets to the current invocation's trace header. */
export const TRACE_HEADER_ENV = '_X_AMZN_TRACE_ID';

/** The SQS message system attribute that carries a trace header (the only one SQS accepts). */
export const AWS_TRACE_HEADER = 'AWSTraceHeader';

// Root is required (version 1, 8 hex digits of epoch seconds, 24 hex digits); Parent, Sampled and Lineage
// may follow. X-Ray drops a header it cannot read, so the mesh never passes one on.
const TRACE_HEADER = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}(;[A-Za-z][A-Za-z0-9]*=[A-Za-z0-9:_.-]*)*$/;
const MAX_TRACE_HEADER_LENGTH = 256;

/**
 * True when `value` is an X-Ray trace header X-Ray would accept.
 *
 * @example
 * isTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'); // true
 */
export function isTraceHeader(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TRACE_HEADER_LENGTH && TRACE_HEADER.test(value);
}

interface LambdaInvokeStore {
  getXRayTraceId?: () => string | undefined;
}

/**
 * The trace header of the running invocation: Lambda's (its invoke store when it runs several invocations
 * at once, else `_X_AMZN_TRACE_ID`), or undefined outside Lambda (offline, tests) or when unreadable.
 *
 * @example
 * const header = currentTraceHeader(); // 'Root=1-…;Parent=…;Sampled=1' in Lambda
 */
export function currentTraceHeader(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: LambdaInvokeStore } }).awslambda?.InvokeStore;
  const value = store?.getXRayTraceId?.() ?? env[TRACE_HEADER_ENV];
  return isTraceHeader(value) ? value : undefined;
}

/**
 * The trace id (the header's `Root`) of a trace header, for logs and annotations.
 *
 * @example
 * traceIdOf('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'); // '1-5759e988-bd862e3fe1be46a994272793'
 */
export function traceIdOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const end = header.indexOf(';');
  return header.slice(5, end < 0 ? undefined : end);
}
