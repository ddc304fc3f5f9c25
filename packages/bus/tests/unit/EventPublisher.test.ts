import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ContractViolationError, defineEvent } from '@mesh/contracts';
import { BookLent } from '../helpers/fixtureContracts';
import * as z from 'zod';
import {
  entrySize,
  event,
  EventPublisher,
  EventTooLargeError,
  PublishError,
  type EventPublisherOptions,
} from '../../src';
import { fakeEventBridge } from '../helpers/fakeClients';

const trace = { correlationId: 'cor-1', causationId: 'req-1' };
const Blob = defineEvent({
  name: 'BlobStored',
  service: 'tests',
  version: 1,
  description: 'An event of any size, for size limits.',
  schema: z.object({ blob: z.string() }),
  example: { blob: 'x' },
});

function publisher(client: EventPublisherOptions['client'], extra: Partial<EventPublisherOptions> = {}) {
  const delays: number[] = [];
  const pub = new EventPublisher({
    eventBusName: 'mesh-test',
    client,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    ...extra,
  });
  return { pub, delays };
}

const placed = (n: number) =>
  Array.from({ length: n }, (_, i) => event(BookLent, { ...BookLent.example, loanId: `loan-${i}` }, trace));
const loanIdOf = (entry: PutEventsRequestEntry) => JSON.parse(entry.Detail ?? '{}').data.loanId;

describe('EventPublisher', () => {
  it('wraps each event in the envelope, with source, detail-type and bus from the contract', async () => {
    const { client, calls } = fakeEventBridge();
    const now = new Date('2026-11-25T12:00:00.000Z');
    const { pub } = publisher(client, { now: () => now, newId: () => 'evt-1' });

    const [result] = await pub.publish([event(BookLent, BookLent.example, trace)]);

    const entry = calls[0]![0]!;
    expect(entry).toMatchObject({ EventBusName: 'mesh-test', Source: 'mesh.loans', DetailType: 'BookLent' });
    expect(JSON.parse(entry.Detail!)).toEqual({
      eventId: 'evt-1',
      version: 1,
      occurredAt: '2026-11-25T12:00:00.000Z',
      correlationId: 'cor-1',
      causationId: 'req-1',
      data: BookLent.example,
    });
    expect(result).toEqual({
      status: 'published',
      eventId: 'evt-1',
      detailType: 'BookLent',
      awsEventId: 'aws-1',
      attempts: 1,
    });
  });

  it('sends 25 events in 3 PutEvents calls of at most 10 entries, in order', async () => {
    const { client, calls } = fakeEventBridge();
    const { pub } = publisher(client);

    const results = await pub.publish(placed(25));

    expect(calls.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(calls.flat().map(loanIdOf)).toEqual(placed(25).map((e) => e.data.loanId));
    expect(results.every((r) => r.status === 'published')).toBe(true);
  });

  it('splits requests at the size limit: entries filling it exactly share a call, one byte more does not', async () => {
    const limit = 10_000;
    // One entry's size for a given blob, measured on what is actually sent (eventId fixed so sizes repeat).
    const measure = async (blob: string) => {
      const { client, calls } = fakeEventBridge();
      await publisher(client, { maxRequestBytes: limit, newId: () => 'evt-fixed-id' }).pub.publish([
        event(Blob, { blob }, trace),
      ]);
      return entrySize(calls[0]![0]!);
    };
    const base = await measure('');
    const half = 'x'.repeat(limit / 2 - base);
    expect(await measure(half)).toBe(limit / 2);

    const exact = fakeEventBridge();
    await publisher(exact.client, { maxRequestBytes: limit, newId: () => 'evt-fixed-id' }).pub.publish([
      event(Blob, { blob: half }, trace),
      event(Blob, { blob: half }, trace),
    ]);
    expect(exact.calls.map((c) => c.length)).toEqual([2]);

    const over = fakeEventBridge();
    await publisher(over.client, { maxRequestBytes: limit, newId: () => 'evt-fixed-id' }).pub.publish([
      event(Blob, { blob: half }, trace),
      event(Blob, { blob: `${half}y` }, trace),
    ]);
    expect(over.calls.map((c) => c.length)).toEqual([1, 1]);
  });

  it('packs by the real 1 MiB limit by default', async () => {
    const { client, calls } = fakeEventBridge();
    const blob = 'x'.repeat(400 * 1024);
    await publisher(client).pub.publish([0, 1, 2, 3].map(() => event(Blob, { blob }, trace)));
    expect(calls.map((c) => c.length)).toEqual([2, 2]);
    for (const call of calls) expect(call.reduce((sum, e) => sum + entrySize(e), 0)).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses an event larger than a whole request, sending nothing', async () => {
    const { client, calls } = fakeEventBridge();
    const big = event(Blob, { blob: 'x'.repeat(1024 * 1024) }, trace);
    await expect(publisher(client).pub.publish([event(BookLent, BookLent.example, trace), big])).rejects.toThrow(
      EventTooLargeError,
    );
    expect(calls).toHaveLength(0);
  });

  it('refuses an event that violates its contract, sending nothing', async () => {
    const { client, calls } = fakeEventBridge();
    const bad = event(BookLent, { ...BookLent.example, books: [] }, trace);
    await expect(publisher(client).pub.publish([event(BookLent, BookLent.example, trace), bad])).rejects.toThrow(
      ContractViolationError,
    );
    expect(calls).toHaveLength(0);
  });

  it('retries only the entries of a partial failure, keeping their eventId', async () => {
    const { client, calls } = fakeEventBridge((entry, call) =>
      call === 1 && ['loan-3', 'loan-7'].includes(loanIdOf(entry))
        ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
        : 'ok',
    );
    const { pub, delays } = publisher(client);

    const results = await pub.publish(placed(10));

    expect(calls.map((c) => c.map(loanIdOf))).toEqual([placed(10).map((e) => e.data.loanId), ['loan-3', 'loan-7']]);
    const firstIds = calls[0]!.map((e) => JSON.parse(e.Detail!).eventId);
    const retriedIds = calls[1]!.map((e) => JSON.parse(e.Detail!).eventId);
    expect(retriedIds).toEqual([firstIds[3], firstIds[7]]);
    expect(results.map((r) => r.attempts)).toEqual([1, 1, 1, 2, 1, 1, 1, 2, 1, 1]);
    expect(results.every((r) => r.status === 'published')).toBe(true);
    expect(delays).toHaveLength(1);
  });

  it('reports what still fails after the last attempt, with jittered, growing, capped backoff', async () => {
    const { client, calls } = fakeEventBridge((entry) =>
      loanIdOf(entry) === 'loan-1' ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' } : 'ok',
    );
    const { pub, delays } = publisher(client, { backoff: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 } });

    const error = await pub.publish(placed(3)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PublishError);
    const results = (error as PublishError).results;
    expect(results.map((r) => r.status)).toEqual(['published', 'failed', 'published']);
    expect(results[1]).toMatchObject({ errorCode: 'ThrottlingException', errorMessage: 'slow down', attempts: 4 });
    expect(calls).toHaveLength(4);
    // random() = 0.5: half of 100, 200, then the 300 cap.
    expect(delays).toEqual([50, 100, 150]);
  });

  it('does not retry an entry refused for what it is', async () => {
    const { client, calls } = fakeEventBridge((entry) =>
      loanIdOf(entry) === 'loan-0' ? { ErrorCode: 'MalformedDetail', ErrorMessage: 'bad' } : 'ok',
    );
    const error = (await publisher(client)
      .pub.publish(placed(2))
      .catch((e: unknown) => e)) as PublishError;
    expect(error.results[0]).toMatchObject({ status: 'failed', errorCode: 'MalformedDetail', attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it('retries a request that failed as a whole', async () => {
    const { client, calls } = fakeEventBridge(undefined, (call) =>
      call === 1 ? new Error('socket hang up') : undefined,
    );
    const results = await publisher(client).pub.publish(placed(2));
    expect(calls).toHaveLength(2);
    expect(results.map((r) => r.attempts)).toEqual([2, 2]);
  });
});

describe('entrySize', () => {
  it('counts as AWS documents: 14 bytes for Time, UTF-8 bytes of the strings and resources', () => {
    expect(entrySize({ Source: 'abc', DetailType: 'de', Detail: '{}' })).toBe(7);
    expect(
      entrySize({ Time: new Date(), Source: 'é', DetailType: 'x', Detail: '{"a":"€"}', Resources: ['arn:1'] }),
    ).toBe(14 + 2 + 1 + 11 + 5);
  });
});
