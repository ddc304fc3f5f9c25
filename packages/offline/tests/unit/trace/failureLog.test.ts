import { parseFailureLog } from '../../../src/trace';

describe('parseFailureLog', () => {
  const subscriberLine = JSON.stringify({
    level: 'ERROR',
    message: 'message failed; it returns to its queue',
    timestamp: '2026-11-25T15:00:00.000Z',
    service: 'billing',
    eventId: 'evt-1',
    correlationId: 'cor-1',
    reason: 'ContractViolationError: BookLent data.total: Required',
    messageId: '5f1d…-m1',
    receiveCount: 2,
    subscriber: 'billing-order-events',
  });

  it("reads a subscriber's failure line: message id and reason", () => {
    expect(parseFailureLog(subscriberLine)).toEqual({
      messageId: '5f1d…-m1',
      reason: 'ContractViolationError: BookLent data.total: Required',
    });
  });

  it("reads a command handler's failure line", () => {
    const line = JSON.stringify({
      level: 'ERROR',
      message: 'command failed; it returns to its queue',
      reason: 'NoObserverError: catalog-commands has no handler for Nope v1',
      messageId: 'm-2',
      consumer: 'catalog-commands',
    });
    expect(parseFailureLog(line)).toEqual({
      messageId: 'm-2',
      reason: 'NoObserverError: catalog-commands has no handler for Nope v1',
    });
  });

  it('skips text a runtime prints before the JSON', () => {
    expect(parseFailureLog(`(λ: orderEvents) ${subscriberLine}`)?.messageId).toBe('5f1d…-m1');
  });

  it.each([
    ['an ordinary log line', '{"level":"INFO","message":"book lent","loanId":"l-1"}'],
    ['plain text that mentions the phrase', 'the message returns to its queue after 30 s'],
    ['broken JSON', '{"message":"message failed; it returns to its queue", "reason": '],
    ['a failure line without a message id', '{"message":"message failed; it returns to its queue","reason":"x"}'],
    ['a failure line without a reason', '{"message":"message failed; it returns to its queue","messageId":"m-1"}'],
    ['a JSON array', '["message failed; it returns to its queue"]'],
  ])('ignores %s', (_, line) => {
    expect(parseFailureLog(line)).toBeUndefined();
  });
});
