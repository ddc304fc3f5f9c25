import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { TracerOptions } from '@aws-lambda-powertools/tracer/types';
import type { Context } from 'aws-lambda';
import { sharedMetrics, type MeshMetrics } from './MeshMetrics';

export type { Tracer };

/** What the bus asks of a tracer: a Powertools Tracer, or {@link DISABLED_TRACER} where tracing is off. */
export type MeshTracer = Pick<
  Tracer,
  | 'isTracingEnabled'
  | 'captureAWSv3Client'
  | 'getSegment'
  | 'setSegment'
  | 'annotateColdStart'
  | 'addServiceNameAnnotation'
  | 'addErrorAsMetadata'
  | 'putAnnotation'
> & { provider: Pick<Tracer['provider'], 'captureAsyncFunc'> };

/** Traces nothing: what a Powertools Tracer does where tracing is off, without loading the X-Ray SDK. */
export const DISABLED_TRACER: MeshTracer = {
  isTracingEnabled: () => false,
  captureAWSv3Client: (client) => client,
  getSegment: () => undefined,
  setSegment: () => undefined,
  annotateColdStart: () => undefined,
  addServiceNameAnnotation: () => undefined,
  addErrorAsMetadata: () => undefined,
  putAnnotation: () => undefined,
  provider: { captureAsyncFunc: (_name, work) => work() },
};

let shared: MeshTracer | undefined;

/**
 * True where a Powertools Tracer could trace: in Lambda (not serverless-offline) unless
 * `POWERTOOLS_TRACE_ENABLED` turns it off, as in tests.
 */
export function tracingPossible(env: NodeJS.ProcessEnv = process.env): boolean {
  const off = ['false', '0'].includes((env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase());
  return env.IS_OFFLINE !== 'true' && !off && Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
}

/**
 * The process's one tracer: Powertools' Tracer in Lambda with active tracing; offline (`IS_OFFLINE`), in tests
 * (`POWERTOOLS_TRACE_ENABLED=false`) and anywhere outside Lambda, {@link DISABLED_TRACER}. The Tracer is loaded
 * only when it can trace: its X-Ray SDK enables async hooks (cls-hooked) that tax every promise of the
 * process, about a fifth of an offline handler's CPU for a tracer that does nothing there.
 *
 * @example
 * const client = sharedTracer().captureAWSv3Client(new SQSClient({}));
 */
export function sharedTracer(): MeshTracer {
  if (!shared) {
    if (tracingPossible()) {
      // Loaded here, not imported at the top, so that nothing loads the X-Ray SDK where it cannot trace.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const powertools = require('@aws-lambda-powertools/tracer') as { Tracer: new (options: TracerOptions) => Tracer };
      shared = new powertools.Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mesh' });
    } else {
      shared = DISABLED_TRACER;
    }
  }
  return shared;
}

/** What {@link instrumentHandler} traces and flushes; the shared instances by default. */
export interface Instrumentation {
  tracer?: MeshTracer;
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
 * if (tracing) await traceMessage(tracer, 'BookLent', { correlationId, eventId }, () => handle(message));
 */
export function traceMessage(
  tracer: MeshTracer,
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
