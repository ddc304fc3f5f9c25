import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { parseData, type EventEnvelope } from '@mesh/contracts';
import { DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff';
import { DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES, type ClaimCheckStore } from './claimCheck';
import { entrySize, PUT_EVENTS_MAX_BYTES, PUT_EVENTS_MAX_ENTRIES } from './entrySize';
import { EventTooLargeError, PublishError } from './errors';
import { createLogger, type Logger } from './logger';
import { sharedTracer } from './instrumentHandler';
import { sharedMetrics, type MeshMetrics, type MetricsScope } from './MeshMetrics';
import { sendInBatches, type BatchOutcome, type PendingEntry } from './sendInBatches';
import { currentTraceHeader } from './traceHeader';
import type { EventBus, OutgoingEvent, PublishResult } from './types';

// Entries refused for what they are, not for a passing condition: retrying them cannot succeed.
const PERMANENT_ERRORS = new Set([
  'MalformedDetail',
  'InvalidArgument',
  'ValidationException',
  'AccessDeniedException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

export interface EventPublisherOptions {
  eventBusName: string;
  client?: EventBridgeClient;
  backoff?: Partial<BackoffOptions>;
  maxRequestBytes?: number;
  logger?: Logger;
  /** Where EventsPublished and PutEventsFailedEntries are counted; the process's shared one by default. */
  metrics?: MeshMetrics;
  /**
   * Where to put event data too large for the bus: an event whose entry exceeds `thresholdBytes` travels
   * with a reference in `detail.claimCheck` instead of `detail.data`; subscribers fetch it back
   * transparently. Without it, an event over the request limit is refused.
   */
  claimCheck?: { store: ClaimCheckStore; thresholdBytes?: number };
  /** Seams for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  newId?: () => string;
}

interface Pending extends PendingEntry {
  entry: PutEventsRequestEntry;
  eventId: string;
  detailType: string;
}

/**
 * Publishes events to an EventBridge bus: wraps each in the mesh envelope, validates it against its
 * contract (a bad event throws and nothing is sent), packs PutEvents requests by count and size, and
 * retries only the entries that failed, with jittered exponential backoff. Throws {@link PublishError}
 * when any event is still unpublished after the last attempt: nothing is dropped silently.
 *
 * @example
 * const bus = new EventPublisher({ eventBusName: process.env.EVENT_BUS_NAME! });
 * await bus.publish([event(BookLent, loan, { correlationId, causationId: requestId })]);
 */
export class EventPublisher implements EventBus {
  private readonly client: EventBridgeClient;
  private readonly backoff: BackoffOptions;
  private readonly maxRequestBytes: number;
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly metrics: MetricsScope;

  constructor(private readonly options: EventPublisherOptions) {
    // Traced when tracing is on: a PutEvents subsegment per call (a no-op offline and in tests).
    this.client = options.client ?? sharedTracer().captureAWSv3Client(new EventBridgeClient({}));
    this.metrics = (options.metrics ?? sharedMetrics()).scope();
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.maxRequestBytes = options.maxRequestBytes ?? PUT_EVENTS_MAX_BYTES;
    this.logger = options.logger ?? createLogger();
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async publish(events: readonly OutgoingEvent[]): Promise<PublishResult[]> {
    // Validate and size everything before sending anything: a bad batch must not be half published.
    const pending = events.map((event, index) => this.toPending(event, index));
    await Promise.all(pending.map((item) => this.claimCheckIfLarge(item)));
    const results = await sendInBatches<Pending, PublishResult>(pending, {
      limits: { maxEntries: PUT_EVENTS_MAX_ENTRIES, maxBytes: this.maxRequestBytes },
      backoff: this.backoff,
      sleep: this.sleep,
      random: this.random,
      sendBatch: (batch, outcome) => this.send(batch, outcome),
      giveUp: (item, error) => ({
        status: 'failed',
        eventId: item.eventId,
        detailType: item.detailType,
        errorCode: error.code,
        errorMessage: error.message,
        attempts: item.attempts,
      }),
      onRetry: (count, attempt) => this.logger.warn('retrying failed PutEvents entries', { count, attempt }),
    });
    if (results.some((r) => r.status === 'failed')) {
      const error = new PublishError(results);
      this.logger.error('events not published', { error });
      throw error;
    }
    return results;
  }

  private toPending(event: OutgoingEvent, index: number): Pending {
    const { contract, trace } = event;
    const data = parseData(contract, event.data);
    const detail: EventEnvelope = {
      eventId: event.eventId ?? this.newId(),
      version: contract.version,
      occurredAt: (event.occurredAt ?? this.now()).toISOString(),
      correlationId: trace.correlationId,
      causationId: trace.causationId,
      data,
    };
    // EventBridge hands TraceHeader on to the targets (as SQS's AWSTraceHeader); it is not part of the size.
    const traceHeader = trace.traceHeader ?? currentTraceHeader();
    const entry: PutEventsRequestEntry = {
      EventBusName: this.options.eventBusName,
      Source: contract.source,
      DetailType: contract.detailType,
      Detail: JSON.stringify(detail),
      ...(traceHeader ? { TraceHeader: traceHeader } : {}),
    };
    const size = entrySize(entry);
    if (size > this.maxRequestBytes && !this.options.claimCheck) {
      throw new EventTooLargeError(contract.detailType, detail.eventId, size, this.maxRequestBytes);
    }
    return { index, entry, size, eventId: detail.eventId, detailType: contract.detailType, attempts: 0 };
  }

  // Claim-check: the data goes to the store, the entry carries where it is. Runs after every event has
  // been validated, so a bad batch still stores nothing.
  private async claimCheckIfLarge(item: Pending): Promise<void> {
    const claimCheck = this.options.claimCheck;
    const threshold = Math.min(claimCheck?.thresholdBytes ?? DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES, this.maxRequestBytes);
    if (!claimCheck || item.size <= threshold) return;
    const { data, ...envelope } = JSON.parse(item.entry.Detail ?? '{}') as EventEnvelope;
    const ref = await claimCheck.store.put(`${item.detailType}/${item.eventId}.json`, JSON.stringify(data));
    item.entry.Detail = JSON.stringify({ ...envelope, claimCheck: ref });
    item.size = entrySize(item.entry);
  }

  private async send(batch: Pending[], outcome: BatchOutcome<Pending, PublishResult>): Promise<void> {
    let entries;
    try {
      ({ Entries: entries } = await this.client.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) })));
    } catch (error) {
      // The SDK already retried what it deems transient; the whole request failed, so every entry did.
      const { name, message } = error as Error;
      for (const item of batch) {
        this.metrics.of(item.detailType).count('putEventsFailedEntries');
        outcome.failed(item, { code: name, message, permanent: false });
      }
      return;
    }
    batch.forEach((item, i) => {
      const answer = entries?.[i];
      if (answer?.EventId && !answer.ErrorCode) {
        this.metrics.of(item.detailType).count('eventsPublished');
        outcome.succeeded(item, {
          status: 'published',
          eventId: item.eventId,
          detailType: item.detailType,
          awsEventId: answer.EventId,
          attempts: item.attempts,
        });
      } else {
        const code = answer?.ErrorCode ?? 'MissingEntry';
        const message = answer?.ErrorMessage ?? 'PutEvents returned no result for this entry';
        this.metrics.of(item.detailType).count('putEventsFailedEntries');
        outcome.failed(item, { code, message, permanent: PERMANENT_ERRORS.has(code) });
      }
    });
  }
}

/**
 * Builds an {@link OutgoingEvent} with its data type checked against the contract at compile time.
 *
 * @example
 * event(BookLent, { loanId, memberId, bookId, dueOn }, { correlationId, causationId })
 */
export function event<C extends OutgoingEvent['contract']>(
  contract: C,
  data: OutgoingEvent<C>['data'],
  trace: OutgoingEvent['trace'],
  extra: Pick<OutgoingEvent, 'eventId' | 'occurredAt'> = {},
): OutgoingEvent<C> {
  return { contract, data, trace, ...extra };
}
