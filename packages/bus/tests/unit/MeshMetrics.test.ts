import { BookLent, CopyReserved, ReserveCopy } from '../helpers/fixtureContracts';
import {
  InMemoryPersistenceLayer,
  lambdaContext,
  makeCommand,
  makeEvent,
  sqsEvent,
  sqsRecord,
} from '../../src/testing';
import {
  commandHandler,
  event,
  EventPublisher,
  handle,
  MeshMetrics,
  Metrics,
  metricsNamespace,
  observe,
  subscriber,
} from '../../src';
import { fakeEventBridge } from '../helpers/fakeClients';

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

/**
 * A MeshMetrics whose EMF lines are captured. jest.setup disables Powertools Metrics for every other test
 * (POWERTOOLS_METRICS_DISABLED); Metrics reads it when constructed, so it is lifted for these instances only.
 * Powertools writes EMF through a Console of its own on process.stdout, so the capture sits on the stream.
 */
function capturedMetrics(serviceName = 'loans') {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  let metrics: MeshMetrics;
  try {
    metrics = new MeshMetrics({
      metrics: new Metrics({ serviceName, namespace: metricsNamespace(serviceName) }),
      serviceName,
    });
  } finally {
    process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    if (!text.includes('"_aws"')) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as EmfLine);
    return true;
  });
  return { metrics, lines };
}

afterEach(() => jest.restoreAllMocks());

/** The EMF line of one dimension set, e.g. `{ consumer: 'loans-saga', type: 'BookLent' }`. */
function lineOf(lines: EmfLine[], dimensions: Record<string, string>) {
  const found = lines.filter((l) => Object.entries(dimensions).every(([k, v]) => l[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} EMF lines for ${JSON.stringify(dimensions)}`);
  return found[0]!;
}
const metricNames = (line: EmfLine) => line._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name).sort();

describe('the bus metrics (EMF)', () => {
  it('counts handled messages and their end-to-end lag per consumer and type, one EMF line per type', async () => {
    const { metrics, lines } = capturedMetrics();
    const handler = subscriber({
      name: 'loans-saga',
      observers: [
        observe(BookLent, async () => undefined, { name: 'placed' }),
        observe(CopyReserved, async () => undefined, { name: 'reserved' }),
      ],
      metrics,
    });
    const twoSecondsAgo = new Date(Date.now() - 2_000).toISOString();
    await handler(
      sqsEvent([
        sqsRecord(makeEvent(BookLent, { occurredAt: twoSecondsAgo })),
        sqsRecord(makeEvent(BookLent, { occurredAt: twoSecondsAgo }), { receiveCount: 3 }),
        sqsRecord(makeEvent(CopyReserved)),
      ]),
      lambdaContext(),
    );

    expect(lines).toHaveLength(2);
    const placed = lineOf(lines, { consumer: 'loans-saga', type: 'BookLent' });
    expect(placed).toMatchObject({ service: 'loans', MessagesHandled: 2, MessagesRetried: 1 });
    expect(placed._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'mesh/loans',
      Dimensions: [['service', 'consumer', 'type']],
    });
    expect(placed._aws.CloudWatchMetrics[0]!.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'MessagesHandled', Unit: 'Count' },
        { Name: 'EndToEndLag', Unit: 'Milliseconds' },
      ]),
    );
    const lags = placed.EndToEndLag as number[];
    expect(lags).toHaveLength(2);
    for (const lag of lags) expect(lag).toBeGreaterThanOrEqual(2_000);
    expect(lineOf(lines, { type: 'CopyReserved' })).toMatchObject({ MessagesHandled: 1 });
    expect(metricNames(lineOf(lines, { type: 'CopyReserved' }))).toEqual(['EndToEndLag', 'MessagesHandled']);
  });

  it('counts a failed message by its type, and a malformed one as type unknown', async () => {
    const { metrics, lines } = capturedMetrics();
    const handler = subscriber({
      name: 'loans-saga',
      observers: [
        observe(
          BookLent,
          async () => {
            throw new Error('store down');
          },
          { name: 'placed' },
        ),
      ],
      metrics,
    });
    const result = await handler(sqsEvent([sqsRecord(makeEvent(BookLent)), sqsRecord('not json')]));

    expect(result.batchItemFailures).toHaveLength(2);
    expect(lineOf(lines, { type: 'BookLent' })).toMatchObject({ consumer: 'loans-saga', MessagesFailed: 1 });
    expect(metricNames(lineOf(lines, { type: 'BookLent' }))).toEqual(['MessagesFailed']);
    expect(lineOf(lines, { type: 'unknown' })).toMatchObject({ MessagesFailed: 1 });
  });

  it('counts a duplicate delivery suppressed by idempotency, once per suppressed effect', async () => {
    const { metrics, lines } = capturedMetrics('billing');
    let effects = 0;
    const handler = subscriber({
      name: 'billing-loan-events',
      observers: [observe(BookLent, async () => void effects++, { name: 'capture' })],
      idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
      metrics,
    });
    const placed = makeEvent(BookLent, { eventId: 'evt-dup' });
    await handler(sqsEvent([sqsRecord(placed)]), lambdaContext());
    await handler(sqsEvent([sqsRecord(placed, { receiveCount: 2 })]), lambdaContext());

    expect(effects).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ type: 'BookLent', MessagesHandled: 1 });
    expect(lines[0]).not.toHaveProperty('DuplicatesSuppressed');
    expect(lines[1]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'mesh/billing' }] },
      consumer: 'billing-loan-events',
      type: 'BookLent',
      MessagesHandled: 1,
      MessagesRetried: 1,
      DuplicatesSuppressed: 1,
    });
  });

  it("counts a command handler's commands by name", async () => {
    const { metrics, lines } = capturedMetrics('catalog');
    const handler = commandHandler({
      name: 'catalog-commands',
      routes: [handle(ReserveCopy, async () => undefined)],
      metrics,
    });
    await handler(
      sqsEvent([sqsRecord(makeCommand(ReserveCopy), { queue: 'catalog-ci-commands.fifo' })]),
      lambdaContext(),
    );
    expect(lineOf(lines, { consumer: 'catalog-commands', type: 'ReserveCopy' })).toMatchObject({
      MessagesHandled: 1,
    });
  });

  it('counts events published and PutEvents entries refused, per type', async () => {
    const { metrics, lines } = capturedMetrics();
    const { client } = fakeEventBridge((_entry, call) =>
      call === 1 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' } : 'ok',
    );
    const publisher = new EventPublisher({ eventBusName: 'bus', client, metrics, sleep: async () => undefined });
    const trace = { correlationId: 'cor-1', causationId: 'req-1' };
    await publisher.publish([event(BookLent, BookLent.example, trace), event(BookLent, BookLent.example, trace)]);
    metrics.flush();

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: 'loans',
      type: 'BookLent',
      EventsPublished: 2,
      PutEventsFailedEntries: 2,
    });
    expect(lines[0]!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'type']]);
  });

  it('writes nothing when nothing was counted, and resets what it flushed', async () => {
    const { metrics, lines } = capturedMetrics();
    metrics.flush();
    expect(lines).toEqual([]);
    metrics.scope({ consumer: 'c' }).of('BookLent').count('messagesHandled');
    metrics.flush();
    metrics.flush();
    expect(lines).toHaveLength(1);
  });

  it('builds no EMF when Powertools metrics are disabled (POWERTOOLS_METRICS_DISABLED), and still resets', () => {
    const { lines } = capturedMetrics();
    const disabled = new MeshMetrics({ metrics: new Metrics({ serviceName: 'loans', namespace: 'mesh/loans' }) });
    const bucket = disabled.scope({ consumer: 'c' }).of('BookLent');
    bucket.count('messagesHandled');
    bucket.lag(5);
    disabled.flush();
    expect(lines).toEqual([]);
    expect(bucket).toMatchObject({ messagesHandled: 0, lags: [], empty: true });
  });
});
