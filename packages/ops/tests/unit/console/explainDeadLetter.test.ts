import { explainDeadLetter } from '../../../src/console/deadLetters';
import type { PeekedMessage } from '../../../src/cli/peek';
import { createHopRecorder } from '@mesh/offline';

const letter = (overrides: Partial<PeekedMessage> = {}): PeekedMessage => ({
  messageId: 'm-1',
  receiveCount: 5,
  body: {},
  summary: { kind: 'event', name: 'BookLent', id: 'evt-1', correlationId: 'cor-1' },
  messageAttributes: {},
  ...overrides,
});

describe('explainDeadLetter', () => {
  it("takes the reason of the message's latest failed hop, with the function and how often it failed", () => {
    const hops = createHopRecorder();
    hops.record({ at: 1, kind: 'failed', messageId: 'm-1', functionName: 'fn', reason: 'Error: first' });
    hops.record({ at: 2, kind: 'failed', messageId: 'm-2', functionName: 'other', reason: 'Error: not this one' });
    hops.record({ at: 3, kind: 'failed', messageId: 'm-1', functionName: 'fn', reason: 'Error: latest' });
    hops.record({ at: 4, kind: 'failed', messageId: 'm-1', functionName: 'fn' });
    expect(explainDeadLetter(hops, letter())).toMatchObject({
      reason: 'Error: latest',
      failedBy: 'fn',
      failures: 3,
      failedAt: 4,
    });
  });

  it("falls back to a dead-lettered hop of its event, then to EventBridge's error attributes", () => {
    const hops = createHopRecorder();
    const withAttributes = letter({ failure: { ERROR_CODE: 'SDK_CLIENT_ERROR', ERROR_MESSAGE: 'no such queue' } });
    expect(explainDeadLetter(hops, withAttributes)).toMatchObject({
      reason: 'SDK_CLIENT_ERROR: no such queue',
      failures: 0,
    });
    hops.record({ at: 1, kind: 'dead-lettered', eventId: 'evt-1', reason: 'target gone' });
    expect(explainDeadLetter(hops, withAttributes).reason).toBe('target gone');
  });

  it('says nothing when no reason was recorded, rather than guess', () => {
    const explained = explainDeadLetter(createHopRecorder(), letter({ summary: undefined }));
    expect(explained.reason).toBeUndefined();
    expect(explained.failedBy).toBeUndefined();
    expect(explained.failures).toBe(0);
  });
});
