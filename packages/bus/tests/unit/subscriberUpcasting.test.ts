import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import { defineEvent, type EventBridgeEvent } from '@mesh/contracts';
import { InMemoryPersistenceLayer, lambdaContext, makeEvent, sqsEvent, sqsRecord } from '../../src/testing';
import { MeshMetrics, observe, subscriber, type Metrics, type ObservedEvent } from '../../src';

// Fixture contracts: production ones stay at v1 until a team needs v2.
const ParcelShippedV1 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 1,
  description: 'fixture v1',
  schema: z.object({ parcelId: z.string(), grams: z.number() }),
  example: { parcelId: 'p-1', grams: 1500 },
});
const ParcelShippedV2 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 2,
  description: 'fixture v2',
  schema: z.object({ parcelId: z.string(), weight: z.object({ kg: z.number() }) }),
  example: { parcelId: 'p-1', weight: { kg: 1.5 } },
  upcast: { from: ParcelShippedV1, lift: ({ parcelId, grams }) => ({ parcelId, weight: { kg: grams / 1000 } }) },
});

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = new Logger({ serviceName: 'upcast-test', logLevel: 'INFO' });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = chunk.toString();
      if (!text.includes('"upcast-test"')) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    });
  }
  return { logger, lines };
}

/** A Powertools Metrics stand-in that keeps what each flush publishes: metric name → total count. */
function recordingMetrics() {
  const totals: Record<string, number> = {};
  const fake = {
    isDisabled: () => false,
    addDimension: () => undefined,
    addMetric: (name: string, _unit: unknown, value: number) => void (totals[name] = (totals[name] ?? 0) + value),
    publishStoredMetrics: () => undefined,
  };
  return { metrics: new MeshMetrics({ metrics: fake as unknown as Metrics, serviceName: 'shipping' }), totals };
}

afterEach(() => jest.restoreAllMocks());

function v2Subscriber(options: { idempotent?: boolean } = {}) {
  const seen: ObservedEvent[] = [];
  const { metrics, totals } = recordingMetrics();
  const { logger, lines } = capturingLogger();
  const handler = subscriber({
    name: 'billing-parcels',
    observers: [observe(ParcelShippedV2, async (event) => void seen.push(event), { name: 'onParcelShipped' })],
    metrics,
    logger,
    ...(options.idempotent ? { idempotency: { persistenceStore: new InMemoryPersistenceLayer() } } : {}),
  });
  const upcastCount = () => totals.EventsUpcast ?? 0;
  return { handler, seen, lines, upcastCount };
}

describe('a subscriber observing v2 of an event that upcasts v1', () => {
  it('receives a v1 event lifted into v2, with the ids as published, logged and counted as upcast', async () => {
    const { handler, seen, lines, upcastCount } = v2Subscriber();
    const v1 = makeEvent(ParcelShippedV1, { eventId: 'evt-1', correlationId: 'cor-1', data: { grams: 2500 } });

    const result = await handler(sqsEvent([sqsRecord(v1)]), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      eventId: 'evt-1',
      awsEventId: v1.id,
      upcastFrom: 1,
      data: { parcelId: 'p-1', weight: { kg: 2.5 } },
      envelope: { eventId: 'evt-1', correlationId: 'cor-1', causationId: 'cause-test', version: 2 },
    });
    expect(upcastCount()).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'event upcast', fromVersion: 1, toVersion: 2, eventId: 'evt-1' }),
    );
  });

  it('receives a v2 event as published, neither logged nor counted as upcast', async () => {
    const { handler, seen, lines, upcastCount } = v2Subscriber();
    await handler(sqsEvent([sqsRecord(makeEvent(ParcelShippedV2, { eventId: 'evt-2' }))]), lambdaContext());
    expect(seen.map((e) => [e.eventId, e.upcastFrom, e.data])).toEqual([['evt-2', undefined, ParcelShippedV2.example]]);
    expect(upcastCount()).toBe(0);
    expect(lines.filter((l) => l.message === 'event upcast')).toEqual([]);
  });

  it('keys idempotency on the published eventId, so a v1 redelivery after upcasting changes nothing twice', async () => {
    const { handler, seen } = v2Subscriber({ idempotent: true });
    const record = sqsRecord(makeEvent(ParcelShippedV1, { eventId: 'evt-3' }));
    await handler(sqsEvent([record]), lambdaContext());
    await handler(sqsEvent([record]), lambdaContext());
    expect(seen.map((e) => e.eventId)).toEqual(['evt-3']);
  });

  it('fails a v1 event that breaks v1, before any lift, naming the contract', async () => {
    const { handler, seen, lines } = v2Subscriber();
    const bad = makeEvent(ParcelShippedV1, { eventId: 'evt-4' }) as EventBridgeEvent<unknown>;
    bad.detail.data = { parcelId: 'p-1' };
    const result = await handler(sqsEvent([sqsRecord(bad, { messageId: 'm-bad' })]), lambdaContext());
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-bad' }]);
    expect(seen).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/ParcelShipped violates/) }));
  });
});
