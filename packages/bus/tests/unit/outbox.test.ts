import { marshall } from '@aws-sdk/util-dynamodb';
import { ContractViolationError } from '@mesh/contracts';
import { BookLent, BookReturned, findFixtureEvent } from '../helpers/fixtureContracts';
import { InMemoryBus } from '../../src/testing';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  event,
  outboxRecords,
  outboxRelay,
  outboxStreamFilter,
  PublishError,
  type EventBus,
  type OutboxRecord,
} from '../../src';

const trace = { correlationId: 'cor-1', causationId: 'req-1' };
const now = () => new Date('2026-11-25T12:00:00.000Z');

function streamEvent(rows: object[], eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBStreamEvent {
  return {
    Records: rows.map((row, i) => ({
      eventName,
      eventSource: 'aws:dynamodb',
      dynamodb: {
        SequenceNumber: String(100 + i),
        NewImage: marshall(row as Record<string, unknown>) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      },
    })),
  };
}

describe('outboxRecords', () => {
  it('stores each validated event with its identity, trace and an expiry', () => {
    const [row] = outboxRecords([event(BookLent, BookLent.example, trace)], { now, newId: () => 'evt-1' });
    expect(row).toEqual({
      pk: 'OUTBOX#evt-1',
      sk: 'OUTBOX',
      kind: 'outbox',
      eventId: 'evt-1',
      name: 'BookLent',
      version: 1,
      data: JSON.stringify(BookLent.example),
      correlationId: 'cor-1',
      causationId: 'req-1',
      occurredAt: '2026-11-25T12:00:00.000Z',
      expiresAt: Date.parse('2026-11-25T12:00:00.000Z') / 1000 + 7 * 24 * 3600,
    });
  });

  it('refuses an invalid event, so the transaction carrying it is never written', () => {
    expect(() => outboxRecords([event(BookLent, { ...BookLent.example, books: [] }, trace)])).toThrow(
      ContractViolationError,
    );
  });

  it('filters the stream to outbox inserts', () => {
    expect(outboxStreamFilter).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['outbox'] } } } });
  });
});

describe('outboxRelay', () => {
  const rows = (): OutboxRecord[] => [
    ...outboxRecords([event(BookLent, BookLent.example, trace, { eventId: 'e1' })], { now }),
    ...outboxRecords([event(BookReturned, BookReturned.example, trace, { eventId: 'e2' })], { now }),
  ];

  it('publishes new outbox rows in order with their original eventId, occurredAt and trace', async () => {
    const bus = new InMemoryBus();
    const result = await outboxRelay({ publisher: bus, findContract: findFixtureEvent })(
      streamEvent([...rows(), { pk: 'LOAN#1', sk: 'LOAN', kind: 'loan' }]),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(
      bus.published.map((p) => [p.contract.name, p.envelope.eventId, p.envelope.occurredAt, p.envelope.correlationId]),
    ).toEqual([
      ['BookLent', 'e1', '2026-11-25T12:00:00.000Z', 'cor-1'],
      ['BookReturned', 'e2', '2026-11-25T12:00:00.000Z', 'cor-1'],
    ]);
  });

  it('ignores modifications and removals of outbox rows', async () => {
    const bus = new InMemoryBus();
    await outboxRelay({ publisher: bus, findContract: findFixtureEvent })(streamEvent(rows(), 'REMOVE'));
    expect(bus.published).toHaveLength(0);
  });

  it('retries the stream from the first event the bus refused', async () => {
    const failing: EventBus = {
      publish: async (events) => {
        throw new PublishError(
          events.map((e, i) =>
            i === 0
              ? { status: 'published', eventId: e.eventId!, detailType: e.contract.name, awsEventId: 'a', attempts: 1 }
              : {
                  status: 'failed',
                  eventId: e.eventId!,
                  detailType: e.contract.name,
                  errorCode: 'X',
                  errorMessage: 'y',
                  attempts: 5,
                },
          ),
        );
      },
    };
    expect(await outboxRelay({ publisher: failing, findContract: findFixtureEvent })(streamEvent(rows()))).toEqual({
      batchItemFailures: [{ itemIdentifier: '101' }],
    });
  });

  it('relays the rows before a broken one and reports the broken one, instead of failing all forever', async () => {
    const bus = new InMemoryBus();
    const [good, second] = rows();
    const broken = { ...second!, name: 'NoSuchEvent' };
    const result = await outboxRelay({ publisher: bus, findContract: findFixtureEvent })(
      streamEvent([good!, broken, good!]),
    );
    expect(bus.published.map((p) => p.envelope.eventId)).toEqual(['e1']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }] });
  });
});
