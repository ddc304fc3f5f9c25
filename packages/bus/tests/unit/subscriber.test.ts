import { Logger } from '@aws-lambda-powertools/logger';
import { defineEvent } from '@mesh/contracts';
import { BookLent, CopyReserved, LoanCancelled } from '../helpers/fixtureContracts';
import { InMemoryPersistenceLayer, lambdaContext, makeEvent, sqsEvent, sqsRecord } from '../../src/testing';
import { observe, subscriber, type ObservedEvent, type Observer } from '../../src';

/**
 * A logger whose JSON lines (its children's too) are captured: Powertools writes to process.stdout and
 * process.stderr through a Console of its own, so the capture sits on the streams.
 */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = new Logger({ serviceName: 'subscriber-test', logLevel: 'DEBUG' });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = chunk.toString();
      if (!text.includes('"subscriber-test"')) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    });
  }
  return { logger, lines };
}

afterEach(() => jest.restoreAllMocks());

function recorder() {
  const seen: string[] = [];
  const make = (label: string, fail?: (e: ObservedEvent) => boolean): Observer =>
    Object.defineProperty(
      async (e: ObservedEvent) => {
        if (fail?.(e)) throw new Error(`${label} refused ${e.eventId}`);
        seen.push(`${label}:${e.eventId}`);
      },
      'name',
      { value: label },
    ) as Observer;
  return { seen, make };
}

describe('subscriber', () => {
  it('dispatches each event to the observers of its detail-type, in registration order', async () => {
    const { seen, make } = recorder();
    const handler = subscriber({
      name: 'test-sub',
      observers: [
        observe(BookLent, make('first')),
        observe(CopyReserved, make('stock')),
        observe(BookLent, make('second')),
      ],
      logger: capturingLogger().logger,
    });

    const result = await handler(
      sqsEvent([
        sqsRecord(makeEvent(BookLent, { eventId: 'e1' })),
        sqsRecord(makeEvent(CopyReserved, { eventId: 'e2' })),
      ]),
    );

    expect(result.batchItemFailures).toEqual([]);
    // Messages of a standard queue run concurrently; the observers of one message run in order.
    expect(seen.filter((s) => s.endsWith(':e1'))).toEqual(['first:e1', 'second:e1']);
    expect(seen.filter((s) => s.endsWith(':e2'))).toEqual(['stock:e2']);
  });

  it('gives observers the checked data, the ids, and a trace for what they cause', async () => {
    let got: { event?: ObservedEvent; trace?: unknown } = {};
    const handler = subscriber({
      name: 'test-sub',
      observers: [observe(BookLent, async (event, ctx) => void (got = { event, trace: ctx.trace }), { name: 'grab' })],
      logger: capturingLogger().logger,
    });
    const placed = makeEvent(BookLent, { eventId: 'e1', correlationId: 'cor-9', replayName: 'rp-1' });

    await handler(sqsEvent([sqsRecord(placed)]));

    expect(got.event).toMatchObject({
      eventId: 'e1',
      data: BookLent.example,
      detailType: 'BookLent',
      replayName: 'rp-1',
    });
    expect(got.event?.awsEventId).toBe(placed.id);
    expect(got.trace).toEqual({ correlationId: 'cor-9', causationId: 'e1' });
  });

  it('fails only the broken messages of a batch, each with its reason logged', async () => {
    const { seen, make } = recorder();
    const { logger, lines } = capturingLogger();
    const handler = subscriber({
      name: 'test-sub',
      observers: [
        observe(
          BookLent,
          make('obs', (e) => e.eventId === 'boom'),
        ),
      ],
      logger,
    });
    const invalid = makeEvent(BookLent, { eventId: 'bad-data' });
    (invalid.detail.data as { books: unknown[] }).books = [];

    const result = await handler(
      sqsEvent([
        sqsRecord(makeEvent(BookLent, { eventId: 'ok-1' }), { messageId: 'm1' }),
        sqsRecord('{not json', { messageId: 'm2' }),
        sqsRecord(makeEvent(LoanCancelled, { eventId: 'unknown' }), { messageId: 'm3' }),
        sqsRecord(invalid, { messageId: 'm4' }),
        sqsRecord(makeEvent(BookLent, { eventId: 'boom' }), { messageId: 'm5', receiveCount: 3 }),
        sqsRecord({ hello: 'world' }, { messageId: 'm6' }),
        sqsRecord(makeEvent(BookLent, { eventId: 'ok-2' }), { messageId: 'm7' }),
      ]),
    );

    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
    expect(seen).toEqual(['obs:ok-1', 'obs:ok-2']);
    const reasons = Object.fromEntries(
      lines.filter((l) => l.level === 'ERROR').map((l) => [l.messageId as string, String(l.reason)]),
    );
    expect(reasons.m2).toMatch(/^MalformedMessageError: message body is not JSON/);
    expect(reasons.m3).toMatch(/^NoObserverError: test-sub has no observer for LoanCancelled v1 from mesh.loans/);
    expect(reasons.m4).toMatch(/^ContractViolationError: BookLent violates its contract: data.books/);
    expect(reasons.m5).toBe('Error: obs refused boom');
    expect(reasons.m6).toMatch(/^MalformedMessageError: message body is not an EventBridge event/);
    const boom = lines.find((l) => l.messageId === 'm5' && l.level === 'ERROR');
    expect(boom).toMatchObject({
      eventId: 'boom',
      correlationId: 'cor-test',
      causationId: 'cause-test',
      receiveCount: 3,
    });
  });

  it('logs each handled event at debug level, with its ids and the observers that ran', async () => {
    const { logger, lines } = capturingLogger();
    const handler = subscriber({
      name: 'test-sub',
      observers: [observe(BookLent, async () => {}, { name: 'a' }), observe(BookLent, async () => {}, { name: 'b' })],
      logger,
    });

    await handler(sqsEvent([sqsRecord(makeEvent(BookLent, { eventId: 'e1' }), { messageId: 'm1' })]));

    expect(lines.find((l) => l.message === 'event handled')).toMatchObject({
      level: 'DEBUG',
      eventId: 'e1',
      correlationId: 'cor-test',
      causationId: 'cause-test',
      detailType: 'BookLent',
      messageId: 'm1',
      observers: ['a', 'b'],
    });
  });

  it('routes by source and version as well as detail-type', async () => {
    const { seen, make } = recorder();
    // Same detail-type, another owner; and a second version of BookLent.
    const spec = { name: 'BookLent', description: 'x', schema: BookLent.schema, example: BookLent.example };
    const LegacyBookLent = defineEvent({ ...spec, service: 'legacy', version: 1 });
    const BookLentV2 = defineEvent({ ...spec, service: 'loans', version: 2 });
    const handler = subscriber({
      name: 'test-sub',
      observers: [
        observe(BookLent, make('v1')),
        observe(LegacyBookLent, make('legacy')),
        observe(BookLentV2, make('v2')),
        observe(BookLent, make('v1-again')),
      ],
      logger: capturingLogger().logger,
    });

    const result = await handler(
      sqsEvent([
        sqsRecord(makeEvent(BookLent, { eventId: 'e1' })),
        sqsRecord(makeEvent(LegacyBookLent, { eventId: 'e2' })),
        sqsRecord(makeEvent(BookLentV2, { eventId: 'e3' })),
      ]),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(seen.sort()).toEqual(['legacy:e2', 'v1-again:e1', 'v1:e1', 'v2:e3']);
  });

  it('refuses a version it does not declare', async () => {
    const handler = subscriber({
      name: 's',
      observers: [observe(BookLent, async () => {}, { name: 'o' })],
      logger: capturingLogger().logger,
    });
    const v2 = makeEvent(BookLent);
    (v2.detail as { version: number }).version = 2;
    const result = await handler(sqsEvent([sqsRecord(v2, { messageId: 'v2' })]));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'v2' }]);
  });

  it('refuses an event whose source is not its contract owner', async () => {
    const handler = subscriber({
      name: 's',
      observers: [observe(BookLent, async () => {}, { name: 'o' })],
      logger: capturingLogger().logger,
    });
    const forged = { ...makeEvent(BookLent), source: 'mesh.billing' };
    expect((await handler(sqsEvent([sqsRecord(forged, { messageId: 'f' })]))).batchItemFailures).toEqual([
      { itemIdentifier: 'f' },
    ]);
  });

  it('on a FIFO queue stops at the first failure and fails the rest of the batch unprocessed', async () => {
    const { seen, make } = recorder();
    const handler = subscriber({
      name: 'fifo-sub',
      observers: [
        observe(
          BookLent,
          make('obs', (e) => e.eventId === 'e2'),
        ),
      ],
      logger: capturingLogger().logger,
    });
    const queue = 'loans.fifo';

    const result = await handler(
      sqsEvent(
        ['e1', 'e2', 'e3', 'e4'].map((id) => sqsRecord(makeEvent(BookLent, { eventId: id }), { messageId: id, queue })),
      ),
    );

    expect(seen).toEqual(['obs:e1']);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['e2', 'e3', 'e4']);
  });

  it('answers with every id when the whole batch fails, instead of throwing', async () => {
    const handler = subscriber({ name: 's', observers: [], logger: capturingLogger().logger });
    const result = await handler(sqsEvent([sqsRecord('x', { messageId: 'a' }), sqsRecord('y', { messageId: 'b' })]));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'a' }, { itemIdentifier: 'b' }]);
  });

  describe('with idempotency', () => {
    it('has one effect when SQS delivers the same event twice', async () => {
      const { seen, make } = recorder();
      const { logger, lines } = capturingLogger();
      const handler = subscriber({
        name: 'idem-sub',
        observers: [observe(BookLent, make('effect'))],
        idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
        logger,
      });
      const placed = makeEvent(BookLent, { eventId: 'once' });

      await handler(sqsEvent([sqsRecord(placed)]), lambdaContext());
      // A producer retry re-sends the same fact with a new EventBridge id: still the same eventId.
      const result = await handler(sqsEvent([sqsRecord({ ...placed, id: 'another-aws-id' })]), lambdaContext());

      expect(result.batchItemFailures).toEqual([]);
      expect(seen).toEqual(['effect:once']);
      expect(lines.some((l) => l.message === 'duplicate delivery suppressed' && l.eventId === 'once')).toBe(true);
    });

    it('re-runs only the observer that failed when the message comes back', async () => {
      const counts = { a: 0, b: 0 };
      let failB = true;
      const handler = subscriber({
        name: 'idem-sub',
        observers: [
          observe(BookLent, async () => void counts.a++, { name: 'a' }),
          observe(
            BookLent,
            async () => {
              counts.b++;
              if (failB) throw new Error('b is down');
            },
            { name: 'b' },
          ),
        ],
        idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
        logger: capturingLogger().logger,
      });
      const record = sqsRecord(makeEvent(BookLent, { eventId: 'e1' }), { messageId: 'm1' });

      expect((await handler(sqsEvent([record]), lambdaContext())).batchItemFailures).toEqual([
        { itemIdentifier: 'm1' },
      ]);
      failB = false;
      expect((await handler(sqsEvent([record]), lambdaContext())).batchItemFailures).toEqual([]);
      await handler(sqsEvent([record]), lambdaContext());

      expect(counts).toEqual({ a: 1, b: 2 });
    });

    it('keeps different events apart, and different observers of one event apart', async () => {
      const { seen, make } = recorder();
      const handler = subscriber({
        name: 'idem-sub',
        observers: [observe(BookLent, make('x')), observe(BookLent, make('y'))],
        idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
        logger: capturingLogger().logger,
      });
      await handler(
        sqsEvent([
          sqsRecord(makeEvent(BookLent, { eventId: 'e1' })),
          sqsRecord(makeEvent(BookLent, { eventId: 'e2' })),
        ]),
        lambdaContext(),
      );
      expect(seen.sort()).toEqual(['x:e1', 'x:e2', 'y:e1', 'y:e2']);
    });

    it('fails a delivery that races one still in progress, so SQS brings it back later', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let effects = 0;
      const handler = subscriber({
        name: 'idem-sub',
        observers: [observe(BookLent, async () => void (effects++, await gate), { name: 'slow' })],
        idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
        logger: capturingLogger().logger,
      });
      const placed = makeEvent(BookLent, { eventId: 'race' });

      const first = handler(sqsEvent([sqsRecord(placed, { messageId: 'first' })]), lambdaContext());
      const second = await handler(sqsEvent([sqsRecord(placed, { messageId: 'second' })]), lambdaContext());
      release();

      expect(second.batchItemFailures).toEqual([{ itemIdentifier: 'second' }]);
      expect((await first).batchItemFailures).toEqual([]);
      expect(effects).toBe(1);
    });
  });

  it('declares the contracts it observes, once each, for its rule', () => {
    const handler = subscriber({
      name: 's',
      observers: [observe(BookLent, async () => {}, { name: 'a' }), observe(BookLent, async () => {}, { name: 'b' })],
    });
    expect(handler.contracts).toEqual([BookLent]);
    expect(handler.subscriberName).toBe('s');
  });

  it('insists on a name for an anonymous observer', () => {
    expect(() => observe(BookLent, (() => async () => {})())).toThrow(/needs a name/);
  });
});
