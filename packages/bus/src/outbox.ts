import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { findEvent, parseData, type EventContract } from '@mesh/contracts';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { PublishError } from './errors';
import { instrumentHandler, type Instrumentation } from './instrumentHandler';
import { createLogger, type Logger } from './logger';
import { currentTraceHeader } from './traceHeader';
import type { EventBus, OutgoingEvent } from './types';

/** Outbox rows expire a week after they were written: long after the relay has published them. */
export const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** An event waiting in the producer's own table, written in the same transaction as the state it records. */
export interface OutboxRecord {
  pk: string;
  sk: 'OUTBOX';
  kind: 'outbox';
  eventId: string;
  name: string;
  version: number;
  /** The event's data as JSON: stored opaque, so the table needs no schema for every contract. */
  data: string;
  correlationId: string;
  causationId: string;
  occurredAt: string;
  /**
   * The X-Ray trace header of the write (the request's), published with the event: X-Ray cannot follow a
   * DynamoDB stream, so the row carries the trace across it.
   */
  traceHeader?: string;
  /** Epoch seconds, for the table's TTL. */
  expiresAt: number;
}

/**
 * The outbox rows for `events`, to write in the SAME DynamoDB transaction as the state change they
 * record: either both happen or neither does, so an event is never lost nor published for a change
 * that did not happen. Each event is validated against its contract here (ContractViolationError).
 *
 * @example
 * await dynamoose.transaction([
 *   Loan.transaction.create(loan),
 *   ...outboxRecords([event(BookLent, data, trace)]).map((r) => Outbox.transaction.create(r)),
 * ]);
 */
export function outboxRecords(
  events: readonly OutgoingEvent[],
  options: { now?: () => Date; newId?: () => string; ttlSeconds?: number } = {},
): OutboxRecord[] {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  return events.map((event) => {
    const data = parseData(event.contract, event.data);
    const eventId = event.eventId ?? newId();
    const written = now();
    const traceHeader = event.trace.traceHeader ?? currentTraceHeader();
    return {
      pk: `OUTBOX#${eventId}`,
      sk: 'OUTBOX',
      kind: 'outbox',
      eventId,
      name: event.contract.name,
      version: event.contract.version,
      data: JSON.stringify(data),
      correlationId: event.trace.correlationId,
      causationId: event.trace.causationId,
      occurredAt: (event.occurredAt ?? written).toISOString(),
      ...(traceHeader ? { traceHeader } : {}),
      expiresAt: Math.floor(written.getTime() / 1000) + (options.ttlSeconds ?? OUTBOX_TTL_SECONDS),
    };
  });
}

/**
 * The event source mapping filter that hands the relay only new outbox rows, so the table's other
 * writes never wake it (Lambda `FilterCriteria.Filters[].Pattern`).
 */
export const outboxStreamFilter = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: ['outbox'] } } },
};

/** Finds the contract of an outbox row's event by name and version. */
export type FindEventContract = (name: string, version: number) => EventContract | undefined;

function toOutgoing(record: OutboxRecord, find: FindEventContract): OutgoingEvent {
  const contract = find(record.name, record.version);
  if (!contract) throw new Error(`outbox row ${record.eventId}: no contract ${record.name} v${record.version}`);
  return {
    contract,
    data: JSON.parse(record.data),
    trace: {
      correlationId: record.correlationId,
      causationId: record.causationId,
      ...(record.traceHeader ? { traceHeader: record.traceHeader } : {}),
    },
    eventId: record.eventId,
    occurredAt: new Date(record.occurredAt),
  };
}

const isOutboxInsert = (record: DynamoDBRecord) =>
  record.eventName === 'INSERT' && record.dynamodb?.NewImage?.kind?.S === 'outbox';

/**
 * The DynamoDB Streams handler that relays outbox rows to the bus, in stream order, keeping each event's
 * eventId (so a relay retried after a crash is a duplicate subscribers suppress, never a new fact). When
 * some events fail, it reports the first failed record's sequence number: Lambda retries the stream from
 * there, as order requires.
 *
 * @example
 * export const handler = outboxRelay({ publisher: new EventPublisher({ eventBusName }) });
 */
export function outboxRelay(
  options: {
    publisher: EventBus;
    logger?: Logger;
    /** Where the rows' contracts are looked up: every event of @mesh/contracts unless given. */
    findContract?: FindEventContract;
  } & Instrumentation,
) {
  const logger = options.logger ?? createLogger();
  const find = options.findContract ?? findEvent;
  return instrumentHandler('outboxRelay', relay, options);

  async function relay(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    const records = event.Records.filter(isOutboxInsert);
    // Convert in order and stop at the first row that cannot become an event: the rows before it are
    // published, and it is reported so the stream retries from it (then, after the mapping's bounded
    // retries, sends it to its on-failure destination) instead of the whole batch failing forever.
    const outgoing: OutgoingEvent[] = [];
    let firstFailed = -1;
    for (const [i, record] of records.entries()) {
      const row = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>) as OutboxRecord;
      try {
        const next = toOutgoing(row, find);
        parseData(next.contract, next.data);
        outgoing.push(next);
      } catch (error) {
        logger.error('outbox row cannot be relayed', {
          eventId: row.eventId,
          correlationId: row.correlationId,
          reason: (error as Error).message,
        });
        firstFailed = i;
        break;
      }
    }
    try {
      if (outgoing.length > 0) await options.publisher.publish(outgoing);
    } catch (error) {
      if (!(error instanceof PublishError)) throw error;
      firstFailed = error.results.findIndex((r) => r.status === 'failed');
    }
    if (firstFailed < 0) return { batchItemFailures: [] };
    const failed = records[firstFailed]!;
    logger.error('outbox relay stopped; the stream retries from the first failure', {
      sequenceNumber: failed.dynamodb?.SequenceNumber,
      relayed: firstFailed,
    });
    return { batchItemFailures: [{ itemIdentifier: failed.dynamodb!.SequenceNumber! }] };
  }
}
