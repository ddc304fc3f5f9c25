import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { sharedMetrics, type MeshMetrics } from './MeshMetrics';

export { Tracer };

let shared: Tracer | undefined;

/**
 * The process's one Powertools Tracer. Tracing is on only in Lambda with active tracing; offline
 * (`IS_OFFLINE`), in tests (`POWERTOOLS_TRACE_ENABLED=false`) and anywhere outside Lambda it is a no-op.
 *
 * @example
 * const client = sharedTracer().captureAWSv3Client(new SQSClient({}));
 */
export function sharedTracer(): Tracer {
  shared ??= new Tracer({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mesh',
    ...(process.env.IS_OFFLINE === 'true' ? { enabled: false } : {}),
  });
  return shared;
}

/** What {@link instrumentHandler} traces and flushes; the shared instances by default. */
export interface Instrumentation {
  tracer?: Tracer;
  metrics?: MeshMetrics;
}

/**
 * Wraps a Lambda handler as Powertools' `captureLambdaHandler` and `logMetrics` would: a `## <name>`
 * subsegment annotated with ColdStart and Service (errors recorded on it) when tracing is on, and the
 * mesh's metrics flushed as EMF when the invocation ends, however it ends. The bus's handler helpers
 * (subscriber, commandHandler, outboxRelay) are wrapped already.
 *
 * @example
 * export const handler = instrumentHandler('pushOrderStatus', async (event: DynamoDBStreamEvent) => push(event));
 */
export function instrumentHandler<E, R>(
  name: string,
  handler: (event: E, context?: Context) => Promise<R>,
  options: Instrumentation = {},
): (event: E, context?: Context) => Promise<R> {
  const tracer = options.tracer ?? sharedTracer();
  const metrics = options.metrics ?? sharedMetrics();
  if (!tracer.isTracingEnabled()) {
    return async (event, context) => {
      try {
        return await handler(event, context);
      } finally {
        metrics.flush();
      }
    };
  }
  return async (event, context) => {
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${name}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(event, context);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      metrics.flush();
    }
  };
}

/**
 * Runs one message's work in its own `### <name>` subsegment annotated with its ids, so X-Ray can find a
 * saga's traces by `annotation.correlationId`. Call it only when tracing is on: it allocates per message.
 *
 * @example
 * if (tracing) await traceMessage(tracer, 'OrderPlaced', { correlationId, eventId }, () => handle(message));
 */
export function traceMessage(
  tracer: Tracer,
  name: string,
  annotations: Readonly<Record<string, string>>,
  work: () => Promise<void>,
): Promise<void> {
  return tracer.provider.captureAsyncFunc(`### ${name}`, async (subsegment) => {
    for (const [key, value] of Object.entries(annotations)) subsegment?.addAnnotation(key, value);
    try {
      await work();
    } catch (error) {
      subsegment?.addError(error as Error);
      throw error;
    } finally {
      subsegment?.close();
    }
  }) as Promise<void>;
}
