import { marshall } from '@aws-sdk/util-dynamodb';
import { BookLent, CopyReserved, findFixtureEvent, ReserveCopy } from '../helpers/fixtureContracts';
import { makeCommand, makeEvent, sqsEvent, sqsRecord } from '../../src/testing';
import type { DynamoDBRecord, DynamoDBStreamEvent, SQSRecord } from 'aws-lambda';
import {
  command,
  commandHandler,
  CommandSender,
  currentTraceHeader,
  event,
  EventPublisher,
  handle,
  isTraceHeader,
  observe,
  outboxRecords,
  outboxRelay,
  subscriber,
  traceIdOf,
  type Trace,
} from '../../src';
import { fakeEventBridge, fakeSqs } from '../helpers/fakeClients';

const HEADER = 'Root=1-6745a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
const LAMBDA_HEADER = 'Root=1-6745a1b2-fedcba9876543210fedcba98;Parent=1111111111111111;Sampled=0;Lineage=a1:2';
const trace: Trace = { correlationId: 'cor-1', causationId: 'req-1' };

/** Runs `fn` as if in a Lambda invocation whose trace header is `header` (`_X_AMZN_TRACE_ID`). */
async function inInvocation<T>(header: string | undefined, fn: () => Promise<T>): Promise<T> {
  const previous = process.env._X_AMZN_TRACE_ID;
  if (header === undefined) delete process.env._X_AMZN_TRACE_ID;
  else process.env._X_AMZN_TRACE_ID = header;
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env._X_AMZN_TRACE_ID;
    else process.env._X_AMZN_TRACE_ID = previous;
  }
}

const withTraceHeader = (record: SQSRecord, header: string): SQSRecord => ({
  ...record,
  attributes: { ...record.attributes, AWSTraceHeader: header },
});

describe('trace headers', () => {
  it('reads X-Ray headers and refuses what X-Ray would drop', () => {
    expect(isTraceHeader(HEADER)).toBe(true);
    expect(isTraceHeader(LAMBDA_HEADER)).toBe(true);
    expect(isTraceHeader('Root=1-6745a1b2-0123456789abcdef01234567')).toBe(true);
    expect(isTraceHeader('Root=1-xyz;Sampled=1')).toBe(false);
    expect(isTraceHeader('Parent=53995c3f42cd8ad8')).toBe(false);
    expect(isTraceHeader(`${HEADER};x=${'a'.repeat(300)}`)).toBe(false);
    expect(isTraceHeader(undefined)).toBe(false);
    expect(traceIdOf(HEADER)).toBe('1-6745a1b2-0123456789abcdef01234567');
  });

  it("takes the running Lambda invocation's header, and none outside Lambda or when unreadable", async () => {
    expect(await inInvocation(LAMBDA_HEADER, async () => currentTraceHeader())).toBe(LAMBDA_HEADER);
    expect(await inInvocation(undefined, async () => currentTraceHeader())).toBeUndefined();
    expect(await inInvocation('garbage', async () => currentTraceHeader())).toBeUndefined();
  });
});

describe('EventPublisher TraceHeader', () => {
  it("sends the cause's trace header with each PutEvents entry, before the invocation's", async () => {
    const { client, calls } = fakeEventBridge();
    const publisher = new EventPublisher({ eventBusName: 'bus', client });
    await inInvocation(LAMBDA_HEADER, () =>
      publisher.publish([
        event(BookLent, BookLent.example, { ...trace, traceHeader: HEADER }),
        event(BookLent, BookLent.example, trace),
      ]),
    );
    expect(calls[0]!.map((entry) => entry.TraceHeader)).toEqual([HEADER, LAMBDA_HEADER]);
  });

  it('sends no TraceHeader when there is no trace to pass on', async () => {
    const { client, calls } = fakeEventBridge();
    await inInvocation(undefined, () =>
      new EventPublisher({ eventBusName: 'bus', client }).publish([event(BookLent, BookLent.example, trace)]),
    );
    expect(calls[0]![0]).not.toHaveProperty('TraceHeader');
  });

  it('keeps the TraceHeader on entries it retries', async () => {
    const { client, calls } = fakeEventBridge((_entry, call) =>
      call === 1 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' } : 'ok',
    );
    await new EventPublisher({ eventBusName: 'bus', client, sleep: async () => undefined }).publish([
      event(BookLent, BookLent.example, { ...trace, traceHeader: HEADER }),
    ]);
    expect(calls.map((entries) => entries[0]!.TraceHeader)).toEqual([HEADER, HEADER]);
  });
});

describe('CommandSender AWSTraceHeader', () => {
  it('sends the trace header as the AWSTraceHeader message system attribute of SendMessageBatch', async () => {
    const { client, calls } = fakeSqs();
    const data = { loanId: 'loan-1', books: [{ isbn: '978-0-14-044', copies: 1 }] };
    await inInvocation(LAMBDA_HEADER, () =>
      new CommandSender({ client }).send('https://sqs/catalog.fifo', [
        command(ReserveCopy, data, { ...trace, traceHeader: HEADER }),
        command(ReserveCopy, { ...data, loanId: 'loan-2' }, trace),
      ]),
    );
    expect(calls[0]!.entries.map((entry) => entry.MessageSystemAttributes)).toEqual([
      { AWSTraceHeader: { DataType: 'String', StringValue: HEADER } },
      { AWSTraceHeader: { DataType: 'String', StringValue: LAMBDA_HEADER } },
    ]);
    // A system attribute, not one of the ten message attributes a message may carry.
    expect(calls[0]!.entries[0]).not.toHaveProperty('MessageAttributes');
  });

  it('sends no system attribute without a trace to pass on', async () => {
    const { client, calls } = fakeSqs();
    await inInvocation(undefined, () =>
      new CommandSender({ client }).send('https://sqs/catalog.fifo', [
        command(ReserveCopy, { loanId: 'loan-1', books: [{ isbn: '978-0-14-044', copies: 1 }] }, trace),
      ]),
    );
    expect(calls[0]!.entries[0]).not.toHaveProperty('MessageSystemAttributes');
  });
});

describe('the trace goes on from what a handler received', () => {
  it("a subscriber's observers get the record's AWSTraceHeader in ctx.trace, and what they publish carries it", async () => {
    const { client, calls } = fakeEventBridge();
    const publisher = new EventPublisher({ eventBusName: 'bus', client });
    const handler = subscriber({
      name: 'billing-loan-events',
      observers: [
        observe(
          BookLent,
          async (placed, ctx) => {
            await publisher.publish([
              event(CopyReserved, { ...CopyReserved.example, loanId: placed.data.loanId }, ctx.trace),
            ]);
          },
          { name: 'reserve' },
        ),
      ],
    });
    const record = withTraceHeader(
      sqsRecord(makeEvent(BookLent, { eventId: 'evt-1', correlationId: 'cor-9' })),
      HEADER,
    );
    const result = await inInvocation(LAMBDA_HEADER, () => handler(sqsEvent([record])));

    expect(result.batchItemFailures).toEqual([]);
    expect(calls[0]![0]!.TraceHeader).toBe(HEADER);
    expect(JSON.parse(calls[0]![0]!.Detail!)).toMatchObject({ correlationId: 'cor-9', causationId: 'evt-1' });
  });

  it("a command handler's handlers get the record's AWSTraceHeader in ctx.trace", async () => {
    const seen: Trace[] = [];
    const handler = commandHandler({
      name: 'catalog-commands',
      routes: [handle(ReserveCopy, async (_command, ctx) => void seen.push(ctx.trace))],
    });
    const body = makeCommand(ReserveCopy, { commandId: 'cmd-1', correlationId: 'cor-9' });
    await handler(sqsEvent([withTraceHeader(sqsRecord(body, { queue: 'catalog-ci-commands.fifo' }), HEADER)]));
    expect(seen).toEqual([{ correlationId: 'cor-9', causationId: 'cmd-1', traceHeader: HEADER }]);
  });

  it("falls back to the invocation's header when the record carries none", async () => {
    const { client, calls } = fakeEventBridge();
    const publisher = new EventPublisher({ eventBusName: 'bus', client });
    const handler = subscriber({
      name: 's',
      observers: [
        observe(
          BookLent,
          async (_e, ctx) => void (await publisher.publish([event(BookLent, BookLent.example, ctx.trace)])),
          { name: 'o' },
        ),
      ],
    });
    await inInvocation(LAMBDA_HEADER, () => handler(sqsEvent([sqsRecord(makeEvent(BookLent))])));
    expect(calls[0]![0]!.TraceHeader).toBe(LAMBDA_HEADER);
  });
});

describe('the outbox carries the trace across the DynamoDB stream', () => {
  const streamOf = (rows: object[]): DynamoDBStreamEvent => ({
    Records: rows.map((row, i) => ({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: {
        SequenceNumber: String(100 + i),
        NewImage: marshall(row as Record<string, unknown>) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      },
    })),
  });

  it("stores the request's trace header in the row, and the relay publishes with it, not with its own", async () => {
    const [row] = await inInvocation(LAMBDA_HEADER, async () =>
      outboxRecords([event(BookLent, BookLent.example, { ...trace, traceHeader: HEADER })]),
    );
    expect(row).toMatchObject({ traceHeader: HEADER, correlationId: 'cor-1' });

    const { client, calls } = fakeEventBridge();
    const relay = outboxRelay({
      publisher: new EventPublisher({ eventBusName: 'bus', client }),
      findContract: findFixtureEvent,
    });
    const relayHeader = 'Root=1-6745a1b2-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=2222222222222222;Sampled=1';
    await inInvocation(relayHeader, () => relay(streamOf([row!])));
    expect(calls[0]![0]).toMatchObject({ TraceHeader: HEADER, DetailType: 'BookLent' });
    expect(JSON.parse(calls[0]![0]!.Detail!)).toMatchObject({ eventId: row!.eventId, correlationId: 'cor-1' });
  });

  it("stores the writing invocation's header when the event has none, and nothing outside Lambda", async () => {
    const [inLambda] = await inInvocation(LAMBDA_HEADER, async () =>
      outboxRecords([event(BookLent, BookLent.example, trace)]),
    );
    expect(inLambda!.traceHeader).toBe(LAMBDA_HEADER);
    const [offline] = await inInvocation(undefined, async () =>
      outboxRecords([event(BookLent, BookLent.example, trace)]),
    );
    expect(offline).not.toHaveProperty('traceHeader');

    const { client, calls } = fakeEventBridge();
    const relay = outboxRelay({
      publisher: new EventPublisher({ eventBusName: 'bus', client }),
      findContract: findFixtureEvent,
    });
    await inInvocation(undefined, () => relay(streamOf([offline!])));
    expect(calls[0]![0]).toMatchObject({ DetailType: 'BookLent' });
    expect(calls[0]![0]).not.toHaveProperty('TraceHeader');
  });
});
