import type { Message } from '@aws-sdk/client-sqs';
import { startBatchHops } from '../../../src/pollers/batchHops';
import { createHopRecorder } from '../../../src/trace';

const queueArn = 'arn:aws:sqs:us-east-1:000000000000:catalog-dev-commands.fifo';
const command = (id: string, receiveCount: number, sentAt = 1_000): Message => ({
  MessageId: `m-${id}`,
  Body: JSON.stringify({ commandId: `cmd-${id}`, name: 'ReserveCopy', correlationId: 'cor-1', causationId: 'evt-1' }),
  Attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(sentAt) },
});

function setUp() {
  const recorder = createHopRecorder();
  const context = {
    recorder,
    queue: 'catalog-dev-commands.fifo',
    queueArn,
    functionName: 'catalog-dev-commands',
    service: 'catalog',
  };
  return { recorder, context };
}

describe('startBatchHops', () => {
  it('records sent (first receive of a command only), received, then handled or failed per message', () => {
    const { recorder, context } = setUp();
    const hops = startBatchHops([command('1', 1, 500), command('2', 3)], context);
    hops.finished(new Set(['m-2']));
    expect(recorder.query().map((hop) => [hop.kind, hop.messageId, hop.attempt])).toEqual([
      ['sent', 'm-1', undefined],
      ['received', 'm-1', 1],
      ['received', 'm-2', 3],
      ['handled', 'm-1', 1],
      ['failed', 'm-2', 3],
    ]);
    const [sent, received] = recorder.query();
    expect(sent).toMatchObject({ at: 500, eventId: 'cmd-1', name: 'ReserveCopy', queue: context.queue });
    expect(received).toMatchObject({
      eventId: 'cmd-1',
      correlationId: 'cor-1',
      causationId: 'evt-1',
      functionName: 'catalog-dev-commands',
      service: 'catalog',
      target: queueArn,
    });
    for (const hop of recorder.query().slice(3)) expect(hop.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fails every message of a batch whose invocation failed, with the reason', () => {
    const { recorder, context } = setUp();
    startBatchHops([command('1', 2), command('2', 2)], context).failedAll('fn failed (Unhandled): boom');
    expect(recorder.query({ kind: 'failed' }).map((hop) => [hop.messageId, hop.reason])).toEqual([
      ['m-1', 'fn failed (Unhandled): boom'],
      ['m-2', 'fn failed (Unhandled): boom'],
    ]);
  });

  it('records nothing without a recorder', () => {
    const hops = startBatchHops([command('1', 1)], undefined);
    expect(() => hops.finished(new Set())).not.toThrow();
  });
});
