import { expectBatchOutcome } from '../../src/expectBatchOutcome';
import type { FuzzMessage } from '../../src/fuzz';

const valid: FuzzMessage = { body: '{"ok":true}', valid: true, kind: 'valid' };
const broken: FuzzMessage = { body: 'not json', valid: false, kind: 'not JSON' };
const records = [{ messageId: 'm-1' }, { messageId: 'm-2' }];

describe('expectBatchOutcome', () => {
  it('passes when exactly the invalid messages failed, each with one logged reason', () => {
    expect(() =>
      expectBatchOutcome([valid, broken], records, { batchItemFailures: [{ itemIdentifier: 'm-2' }] }, [
        { messageId: 'm-2', reason: 'the body is not JSON' },
        { messageId: 'm-1', message: 'handled' },
      ]),
    ).not.toThrow();
  });

  it('fails a batch whose valid message was failed, or whose invalid one was not', () => {
    expect(() =>
      expectBatchOutcome([valid], [records[0]!], { batchItemFailures: [{ itemIdentifier: 'm-1' }] }, []),
    ).toThrow(/a valid message \(m-1\) was failed/);
    expect(() =>
      expectBatchOutcome([broken], [records[1]!], { batchItemFailures: [] }, [{ messageId: 'm-2', reason: 'x' }]),
    ).toThrow(/a not JSON message \(m-2\) was not failed/);
  });

  it('fails an invalid message logged with no reason, a blank one or two', () => {
    const answer = { batchItemFailures: [{ itemIdentifier: 'm-2' }] };
    expect(() => expectBatchOutcome([broken], [records[1]!], answer, [])).toThrow(/0 logged reason/);
    expect(() => expectBatchOutcome([broken], [records[1]!], answer, [{ messageId: 'm-2', reason: ' ' }])).toThrow(
      /1 logged reason/,
    );
    expect(() =>
      expectBatchOutcome([broken], [records[1]!], answer, [
        { messageId: 'm-2', reason: 'a' },
        { messageId: 'm-2', reason: 'b' },
      ]),
    ).toThrow(/2 logged reason/);
  });
});
