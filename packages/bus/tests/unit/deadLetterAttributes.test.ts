import { makeCommand, makeEvent, sqsRecord } from '../../src/testing';
import { BookLent, ReserveCopy } from '../helpers/fixtureContracts';
import {
  DEAD_LETTER_ATTRIBUTES as A,
  deadLetterAttributes,
  MAX_MESSAGE_ATTRIBUTES,
  REASON_MAX_LENGTH,
  truncate,
  type DeadLetterFacts,
} from '../../src';

const failedAt = new Date('2026-12-07T10:00:00.000Z');
const facts = (over: Partial<DeadLetterFacts> = {}): DeadLetterFacts => ({
  kind: 'permanent',
  reason: 'ContractViolationError: BookLent violates its contract: data.books: Too small',
  consumer: 'billing-order-events',
  failedAt,
  receiveCount: 1,
  ...over,
});

describe('deadLetterAttributes', () => {
  it('says why, where, when and which event, each as an attribute the console shows', () => {
    const record = sqsRecord(makeEvent(BookLent, { eventId: 'e-1', correlationId: 'cor-1' }), {
      queue: 'billing-dev-order-events',
    });
    const { attributes, dropped } = deadLetterAttributes(record, facts({ observer: 'onBookLent' }));
    expect(attributes).toEqual({
      [A.failureKind]: { DataType: 'String', StringValue: 'permanent' },
      [A.reason]: { DataType: 'String', StringValue: facts().reason },
      [A.consumer]: { DataType: 'String', StringValue: 'billing-order-events' },
      [A.observer]: { DataType: 'String', StringValue: 'onBookLent' },
      [A.sourceQueue]: {
        DataType: 'String',
        StringValue: 'arn:aws:sqs:us-east-1:000000000000:billing-dev-order-events',
      },
      [A.failedAt]: { DataType: 'String', StringValue: '2026-12-07T10:00:00.000Z' },
      [A.receiveCount]: { DataType: 'Number', StringValue: '1' },
      [A.eventId]: { DataType: 'String', StringValue: 'e-1' },
      [A.correlationId]: { DataType: 'String', StringValue: 'cor-1' },
    });
    expect(dropped).toEqual([]);
  });

  it("takes a command's commandId as its key", () => {
    const record = sqsRecord(makeCommand(ReserveCopy, { commandId: 'c-1', correlationId: 'cor-2' }), {
      queue: 'catalog-dev-commands.fifo',
    });
    const { attributes } = deadLetterAttributes(record, facts({ kind: 'retries-exhausted', receiveCount: 5 }));
    expect(attributes[A.eventId]?.StringValue).toBe('c-1');
    expect(attributes[A.correlationId]?.StringValue).toBe('cor-2');
    expect(attributes[A.failureKind]?.StringValue).toBe('retries-exhausted');
    expect(attributes[A.receiveCount]?.StringValue).toBe('5');
    expect(attributes[A.observer]).toBeUndefined();
  });

  it('leaves the ids out of a body that is not JSON, rather than guessing', () => {
    const { attributes } = deadLetterAttributes(sqsRecord('{not json'), facts());
    expect(Object.keys(attributes).sort()).toEqual(
      [A.failureKind, A.reason, A.consumer, A.sourceQueue, A.failedAt, A.receiveCount].sort(),
    );
  });

  it(`cuts a long reason to ${REASON_MAX_LENGTH} characters, marking the cut`, () => {
    const { attributes } = deadLetterAttributes(sqsRecord('{}'), facts({ reason: `Error: ${'x'.repeat(5000)}` }));
    const reason = attributes[A.reason]!.StringValue!;
    expect(reason).toHaveLength(REASON_MAX_LENGTH);
    expect(reason.endsWith('…')).toBe(true);
  });

  it(`keeps the original's attributes while the total stays within ${MAX_MESSAGE_ATTRIBUTES}, by name`, () => {
    const record = sqsRecord(makeEvent(BookLent, { eventId: 'e-1', correlationId: 'cor-1' }));
    record.messageAttributes = {
      zeta: { dataType: 'String', stringValue: 'z' },
      alpha: { dataType: 'Number', stringValue: '7' },
      blob: { dataType: 'Binary', binaryValue: Buffer.from('xy').toString('base64') },
      // An earlier dead letter's reason is replaced, never kept beside the new one.
      [A.reason]: { dataType: 'String', stringValue: 'an older failure' },
    };
    const { attributes, dropped } = deadLetterAttributes(record, facts({ observer: 'onBookLent' }));
    expect(Object.keys(attributes)).toHaveLength(MAX_MESSAGE_ATTRIBUTES);
    expect(attributes.alpha).toEqual({ DataType: 'Number', StringValue: '7' });
    expect(attributes[A.reason]?.StringValue).toBe(facts().reason);
    expect(dropped).toEqual(['blob', 'zeta']);
  });

  it('carries binary attributes as bytes when there is room', () => {
    const record = sqsRecord('{}');
    record.messageAttributes = { blob: { dataType: 'Binary', binaryValue: Buffer.from('xy').toString('base64') } };
    const { attributes } = deadLetterAttributes(record, facts());
    expect(Buffer.from(attributes.blob!.BinaryValue!).toString()).toBe('xy');
  });
});

describe('truncate', () => {
  it('leaves a short value alone and never splits a surrogate pair', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });
});
