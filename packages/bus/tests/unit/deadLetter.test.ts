import { BookLent, ReleaseCopy, ReserveCopy } from '../helpers/fixtureContracts';
import { makeCommand, makeEvent, sqsEvent, sqsRecord } from '../../src/testing';
import {
  commandHandler,
  DEAD_LETTER_ATTRIBUTES as A,
  DeadLetterConfigError,
  deadLetterFromEnvironment,
  handle,
  observe,
  PermanentError,
  subscriber,
} from '../../src';
import { fakeDeadLetterQueue } from '../helpers/fakeClients';

const DLQ_URL = 'http://sqs.local/000000000000/billing-dev-order-events-dlq';
const FIFO_DLQ_URL = 'http://sqs.local/000000000000/catalog-dev-commands-dlq.fifo';
const now = () => new Date('2026-12-07T10:00:00.000Z');
const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;
const attribute = (input: { MessageAttributes?: Record<string, { StringValue?: string }> }, name: string) =>
  input.MessageAttributes?.[name]?.StringValue;

function orderSubscriber(observer: () => Promise<void>, maxReceiveCount = 3) {
  const dlq = fakeDeadLetterQueue();
  const handler = subscriber({
    name: 'billing-order-events',
    observers: [observe(BookLent, observer, { name: 'onBookLent' })],
    deadLetter: { queueUrl: DLQ_URL, maxReceiveCount, client: dlq.client, now },
    logger: silent,
  });
  return { handler, sent: dlq.sent };
}

describe('a subscriber with a DLQ', () => {
  it('moves a contract-breaking event to its DLQ at once, with the reason, and reports it handled', async () => {
    const observer = jest.fn(async () => {});
    const { handler, sent } = orderSubscriber(observer);
    const broken = { ...makeEvent(BookLent, { eventId: 'e-bad', correlationId: 'cor-1' }) };
    (broken.detail.data as { books: unknown[] }).books = [];
    const body = JSON.stringify(broken);

    const result = await handler(sqsEvent([sqsRecord(body, { messageId: 'm-bad' })]));

    expect(result.batchItemFailures).toEqual([]);
    expect(observer).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.QueueUrl).toBe(DLQ_URL);
    expect(sent[0]!.MessageBody).toBe(body);
    expect(attribute(sent[0]!, A.failureKind)).toBe('permanent');
    expect(attribute(sent[0]!, A.reason)).toMatch(
      /^ContractViolationError: BookLent violates its contract: data.books/,
    );
    expect(attribute(sent[0]!, A.eventId)).toBe('e-bad');
    expect(attribute(sent[0]!, A.correlationId)).toBe('cor-1');
    expect(attribute(sent[0]!, A.failedAt)).toBe('2026-12-07T10:00:00.000Z');
    // A standard DLQ takes no group or deduplication id.
    expect(sent[0]!.MessageGroupId).toBeUndefined();
  });

  it("moves an observer's PermanentError at once, naming the observer", async () => {
    const { handler, sent } = orderSubscriber(async () => {
      throw new PermanentError('customer c-1 is closed');
    });
    const result = await handler(sqsEvent([sqsRecord(makeEvent(BookLent))]));
    expect(result.batchItemFailures).toEqual([]);
    expect(attribute(sent[0]!, A.reason)).toBe('PermanentError: customer c-1 is closed');
    expect(attribute(sent[0]!, A.observer)).toBe('onBookLent');
  });

  it('returns a retriable failure to its queue until its last allowed receive, then moves it', async () => {
    const { handler, sent } = orderSubscriber(async () => {
      throw new Error('table busy');
    }, 3);
    const event = makeEvent(BookLent);

    for (const receiveCount of [1, 2]) {
      const result = await handler(sqsEvent([sqsRecord(event, { messageId: 'm-1', receiveCount })]));
      expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    }
    expect(sent).toEqual([]);

    const last = await handler(sqsEvent([sqsRecord(event, { messageId: 'm-1', receiveCount: 3 })]));
    expect(last.batchItemFailures).toEqual([]);
    expect(attribute(sent[0]!, A.failureKind)).toBe('retries-exhausted');
    expect(attribute(sent[0]!, A.reason)).toBe('Error: table busy');
    expect(attribute(sent[0]!, A.receiveCount)).toBe('3');
  });

  it('returns the message to its queue when its DLQ refuses it, so nothing is lost', async () => {
    const dlq = fakeDeadLetterQueue(() => Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const handler = subscriber({
      name: 'billing-order-events',
      observers: [observe(BookLent, async () => {}, { name: 'noop' })],
      deadLetter: { queueUrl: DLQ_URL, maxReceiveCount: 3, client: dlq.client },
      logger: silent,
    });
    const result = await handler(sqsEvent([sqsRecord('not json', { messageId: 'm-1' })]));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });
});

describe('a FIFO command handler with a DLQ', () => {
  const queue = 'catalog-dev-commands.fifo';

  function catalog() {
    const seen: string[] = [];
    const dlq = fakeDeadLetterQueue();
    const handler = commandHandler({
      name: 'catalog-commands',
      routes: [
        handle(ReserveCopy, async (cmd) => void seen.push(`reserve:${cmd.commandId}`)),
        handle(ReleaseCopy, async (cmd) => {
          if (cmd.data.loanId === 'poison') throw new PermanentError('nothing reserved for poison');
          seen.push(`release:${cmd.commandId}`);
        }),
      ],
      deadLetter: { queueUrl: FIFO_DLQ_URL, maxReceiveCount: 5, client: dlq.client, now },
      logger: silent,
    });
    return { handler, seen, sent: dlq.sent };
  }

  it('lets the rest of the group go on in order past its poison message', async () => {
    const { handler, seen, sent } = catalog();
    const records = [
      sqsRecord(makeCommand(ReserveCopy, { commandId: 'c1' }), { queue, groupId: 'o-1', messageId: 'm1' }),
      sqsRecord(makeCommand(ReleaseCopy, { commandId: 'c2', data: { loanId: 'poison' } }), {
        queue,
        groupId: 'o-1',
        messageId: 'm2',
      }),
      sqsRecord('{"truncated', { queue, groupId: 'o-1', messageId: 'm3' }),
      sqsRecord(makeCommand(ReserveCopy, { commandId: 'c4' }), { queue, groupId: 'o-1', messageId: 'm4' }),
    ];

    const result = await handler(sqsEvent(records));

    expect(result.batchItemFailures).toEqual([]);
    expect(seen).toEqual(['reserve:c1', 'reserve:c4']);
    expect(sent.map((s) => attribute(s, A.reason))).toEqual([
      'PermanentError: nothing reserved for poison',
      expect.stringMatching(/^MalformedMessageError: message body is not JSON/),
    ]);
    expect(sent.map((s) => s.MessageGroupId)).toEqual(['o-1', 'o-1']);
  });

  it('derives the dead letter deduplication id from the original, the same on every redelivery', async () => {
    const { handler, sent } = catalog();
    const poison = sqsRecord(makeCommand(ReleaseCopy, { data: { loanId: 'poison' } }), {
      queue,
      groupId: 'o-2',
      messageId: 'm-poison',
    });
    const other = sqsRecord(makeCommand(ReleaseCopy, { data: { loanId: 'poison' } }), { queue, groupId: 'o-2' });

    await handler(sqsEvent([poison]));
    await handler(sqsEvent([{ ...poison, attributes: { ...poison.attributes, ApproximateReceiveCount: '2' } }]));
    await handler(sqsEvent([other]));

    const ids = sent.map((s) => s.MessageDeduplicationId);
    expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});

describe('deadLetterFromEnvironment', () => {
  it('reads the DLQ and maxReceiveCount the declaration put in the environment', () => {
    expect(deadLetterFromEnvironment({ MESH_DLQ_URL: DLQ_URL, MESH_MAX_RECEIVE_COUNT: '5' })).toEqual({
      queueUrl: DLQ_URL,
      maxReceiveCount: 5,
    });
    expect(deadLetterFromEnvironment({})).toBeUndefined();
  });

  it('refuses one without the other, or a count that is not a positive integer', () => {
    expect(() => deadLetterFromEnvironment({ MESH_DLQ_URL: DLQ_URL })).toThrow(DeadLetterConfigError);
    expect(() => deadLetterFromEnvironment({ MESH_DLQ_URL: DLQ_URL, MESH_MAX_RECEIVE_COUNT: '0' })).toThrow(
      /MESH_MAX_RECEIVE_COUNT \(a positive integer\)/,
    );
  });
});
