import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  acceptedVersions,
  liftEventDetail,
  type DataOf,
  type EventContract,
  type EventEnvelope,
} from '@mesh/contracts';
import { isClaimCheckRef, type ClaimCheckStore } from './claimCheck';
import { blameObserver } from './classifyFailure';
import { consumeBatch } from './consumeBatch';
import { failureHandler, type DeadLetterOptions } from './deadLetter';
import { MalformedMessageError, NoObserverError } from './errors';
import { runOnce, type IdempotencyOptions } from './idempotency';
import { instrumentHandler, sharedTracer, traceMessage, type Instrumentation } from './instrumentHandler';
import { createLogger, withKeys, writesDebug, type Logger, type MessageLogger } from './logger';
import { isObject, parseBody, receiveCountOf, type MessageContext } from './messageContext';
import { CONSUMER_DIMENSION, sharedMetrics, UNKNOWN_TYPE, type MetricsBucket } from './MeshMetrics';

/** An event as an observer sees it: its contract-checked data and where it came from. */
export interface ObservedEvent<Data = unknown> {
  eventId: string;
  data: Data;
  envelope: EventEnvelope<Data>;
  detailType: string;
  source: string;
  /** EventBridge's id: changes when a producer retries, so never key anything on it. */
  awsEventId: string;
  time: string;
  /** Set when the event is a replay from an archive, so observers can tell. */
  replayName?: string;
  /** Set when the event was published as this earlier version and upcast into the observed one. */
  upcastFrom?: number;
}

export type Observer<C extends EventContract = EventContract> = (
  event: ObservedEvent<DataOf<C>>,
  context: MessageContext,
) => Promise<void>;

/** One observer registered for one event contract. */
export interface Observation<C extends EventContract = EventContract> {
  readonly contract: C;
  readonly observer: Observer<C>;
  /** Stable name: part of the idempotency key and of every log line. */
  readonly name: string;
}

/**
 * Registers an observer for one event contract (and version).
 *
 * @example
 * observe(BookReturned, onBookReturned) // name taken from the function: 'onBookReturned'
 */
export function observe<C extends EventContract>(
  contract: C,
  observer: Observer<C>,
  options: { name?: string } = {},
): Observation<C> {
  const name = options.name ?? observer.name;
  if (!name) throw new TypeError(`An observer of ${contract.name} needs a name: pass a named function or { name }`);
  return { contract, observer, name };
}

export interface SubscriberOptions extends Instrumentation {
  /** The subscriber's name, e.g. `reminders-loan-events`: in logs and in each idempotency key's scope. */
  name: string;
  observers: readonly Observation[];
  /** When set, each observer's effect happens once per eventId, however often SQS delivers it. */
  idempotency?: IdempotencyOptions;
  /** Fetches the data of claim-checked events (those published with a `claimCheck` store). */
  claimCheck?: { store: ClaimCheckStore };
  logger?: Logger;
  /**
   * Where failures it gives up on go, with their reason: its DLQ and its queue's maxReceiveCount. By
   * default from the function's environment (`deadLetterEnvironment` of @mesh/infra); `false` leaves every
   * failure to SQS's redrive.
   */
  deadLetter?: DeadLetterOptions | false;
}

export type SqsBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/** The events a subscriber observes: what its EventBridge rule must route to its queue. */
export interface Subscriber extends SqsBatchHandler {
  readonly subscriberName: string;
  readonly contracts: readonly EventContract[];
}

/** Where a message goes: its contract, its observers in registration order, and what its logs name. */
interface Route {
  readonly contract: EventContract;
  readonly observations: Observation[];
  /** The extra keys of the line logged when the message is handled, made once. */
  readonly handled: { readonly observers: string[] };
}

/**
 * The SQS-triggered Lambda handler of a subscriber: each message (an EventBridge event) is checked against
 * its contract and given to the observers registered for its detail-type, in registration order. Returns
 * `batchItemFailures` for the failed messages only, never failing the rest of the batch. A message that can
 * never succeed (malformed, unknown, breaking its contract, or an observer's `PermanentError`) goes to the
 * DLQ at once, and a retriable failure on its last allowed receive too, each with its reason as message
 * attributes (docs/dead-letters.md); any other failure is logged and returns to its queue.
 *
 * @example
 * export const handler = subscriber({
 *   name: 'reminders-loan-events',
 *   observers: [observe(BookLent, onBookLent), observe(BookReturned, onBookReturned)],
 * });
 */
export function subscriber(options: SubscriberOptions): Subscriber {
  const logger = options.logger ?? createLogger();
  const once = options.idempotency ? runOnce(options.idempotency) : undefined;
  const metrics = (options.metrics ?? sharedMetrics()).scope({ [CONSUMER_DIMENSION]: options.name });
  const routes = routesOf(options.observers);
  const failed = failureHandler({
    consumer: options.name,
    ...(options.deadLetter !== undefined ? { deadLetter: options.deadLetter } : {}),
    noun: 'message',
    consumerKey: 'subscriber',
  });

  const tracer = options.tracer ?? sharedTracer();
  const tracing = tracer.isTracingEnabled();

  // Each observer of the event in turn; with idempotency, each effect once per eventId.
  const observeAll = async (
    observations: readonly Observation[],
    observed: ObservedEvent,
    messageContext: MessageContext,
    bucket: MetricsBucket,
    context: Context | undefined,
  ): Promise<void> => {
    for (const { observer, name } of observations) {
      const effect = () => observer(observed, messageContext);
      if (!once) {
        await effect().catch((error: unknown) => Promise.reject(blameObserver(error, name)));
        continue;
      }
      const { duplicate } = await once(`${options.name}#${name}#${observed.eventId}`, effect, context).catch(
        (error: unknown) => Promise.reject(blameObserver(error, name)),
      );
      if (duplicate) {
        bucket.count('duplicatesSuppressed');
        messageContext.logger.info('duplicate delivery suppressed', { observer: name });
      }
    }
  };

  // The hot path: every message of every batch. It allocates only what observers receive, and awaits only
  // what must be awaited (each promise costs more once the X-Ray SDK's async hooks are loaded).
  const handleRecord = async (record: SQSRecord, context: Context | undefined, debug: boolean): Promise<void> => {
    const receiveCount = receiveCountOf(record.attributes);
    let log: MessageLogger = logger;
    let bucket: MetricsBucket | undefined;
    try {
      const event = parseBody(record.body, MalformedMessageError);
      if (!isObject(event) || typeof event['detail-type'] !== 'string' || !isObject(event.detail)) {
        throw new MalformedMessageError('message body is not an EventBridge event with a detail object');
      }
      const detailType = event['detail-type'];
      bucket = metrics.of(detailType);
      if (receiveCount > 1) bucket.count('messagesRetried');
      const version = typeof event.detail.version === 'number' ? event.detail.version : NaN;
      const route = routeOf(routes, detailType, event.source, version);
      if (!route) {
        throw new NoObserverError(
          `${options.name} has no observer for ${detailType} v${version} from ${String(event.source)}`,
        );
      }
      const detail =
        'claimCheck' in event.detail ? await resolveClaimCheck(event.detail, options.claimCheck?.store) : event.detail;
      const { envelope, upcastFrom } = liftEventDetail(route.contract, detail);
      log = withKeys(logger, {
        eventId: envelope.eventId,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId,
        detailType,
        messageId: record.messageId,
      });
      const observed: ObservedEvent = {
        eventId: envelope.eventId,
        data: envelope.data,
        envelope,
        detailType,
        source: String(event.source),
        awsEventId: String(event.id),
        time: String(event.time),
      };
      if (typeof event['replay-name'] === 'string') observed.replayName = event['replay-name'];
      if (upcastFrom !== undefined) {
        observed.upcastFrom = upcastFrom;
        bucket.count('eventsUpcast');
        log.info('event upcast', { fromVersion: upcastFrom, toVersion: envelope.version });
      }
      const messageContext: MessageContext = {
        logger: log,
        // The trace goes on from the header EventBridge delivered the event with (SQS's AWSTraceHeader).
        trace: {
          correlationId: envelope.correlationId,
          causationId: envelope.eventId,
          traceHeader: record.attributes?.AWSTraceHeader,
        },
        messageId: record.messageId,
        receiveCount,
      };
      if (tracing) {
        const annotations = { correlationId: envelope.correlationId, eventId: envelope.eventId };
        await traceMessage(tracer, detailType, annotations, () =>
          observeAll(route.observations, observed, messageContext, bucket!, context),
        );
      } else if (once) {
        await observeAll(route.observations, observed, messageContext, bucket, context);
      } else {
        for (const { observer, name } of route.observations) {
          try {
            await observer(observed, messageContext);
          } catch (error) {
            throw blameObserver(error, name);
          }
        }
      }
      bucket.count('messagesHandled');
      bucket.lag(Date.now() - Date.parse(envelope.occurredAt));
      if (debug) log.debug('event handled', route.handled);
    } catch (error) {
      (bucket ?? metrics.of(UNKNOWN_TYPE)).count('messagesFailed');
      await failed(record, error, log);
    }
  };

  const handler = instrumentHandler(
    options.name,
    (event: SQSEvent, context?: Context) => {
      const debug = writesDebug(logger);
      return consumeBatch(event, context, (record) => handleRecord(record, context, debug), logger);
    },
    options,
  );
  const contracts = [...new Set(options.observers.map((o) => o.contract))];
  return Object.assign(handler, { subscriberName: options.name, contracts });
}

// The routes by detail-type, made once: a message finds its route without building a key or filtering.
function routesOf(observations: readonly Observation[]): Map<string, Route[]> {
  const routes = new Map<string, Route[]>();
  for (const observation of observations) {
    const { contract } = observation;
    let sameType = routes.get(contract.detailType);
    if (!sameType) routes.set(contract.detailType, (sameType = []));
    let route = sameType.find((r) => r.contract.source === contract.source && r.contract.version === contract.version);
    if (!route) sameType.push((route = { contract, observations: [], handled: { observers: [] } }));
    route.observations.push(observation);
    route.handled.observers.push(observation.name);
  }
  return routes;
}

function routeOf(
  routes: Map<string, Route[]>,
  detailType: string,
  source: unknown,
  version: number,
): Route | undefined {
  const sameType = routes.get(detailType);
  if (!sameType) return undefined;
  for (const route of sameType) {
    if (route.contract.source === source && route.contract.version === version) return route;
  }
  // No observer of this very version: one of a later version whose upcasters reach it takes it, lifted.
  for (const route of sameType) {
    if (route.contract.source === source && acceptedVersions(route.contract).includes(version)) return route;
  }
  return undefined;
}

// A claim-checked detail carries a reference instead of its data: fetch the data back before validating,
// so observers never see the difference.
async function resolveClaimCheck(detail: Record<string, unknown>, store: ClaimCheckStore | undefined) {
  if (!('claimCheck' in detail)) return detail;
  const { claimCheck, ...envelope } = detail;
  if (!isClaimCheckRef(claimCheck)) throw new MalformedMessageError('detail.claimCheck is not a claim-check reference');
  if (!store) throw new MalformedMessageError(`claim-checked event, but this subscriber has no claim-check store`);
  return { ...envelope, data: JSON.parse(await store.get(claimCheck)) as unknown };
}
