import type { SQSClient } from '@aws-sdk/client-sqs';
import { createFaultInjector, MAX_INJECTED_FAILURES, seededRandom, type FaultConfig } from '../../../src/faults';
import type { SQSEvent, SQSRecord } from '../../../src/pollers/sqsEvent';
import type { EventSourceMappingSpec } from '../../../src/provision/types';

const spec = (queue: string): EventSourceMappingSpec => ({
  functionLogicalId: 'Fn',
  functionName: 'billing-soak-orderEvents',
  kind: 'sqs',
  sourceArn: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
  batchSize: 10,
  maximumBatchingWindowSeconds: 0,
  reportBatchItemFailures: true,
  enabled: true,
});

const record = (id: string, group?: string): SQSRecord => ({
  messageId: id,
  receiptHandle: `rh-${id}`,
  body: '{}',
  attributes: { ApproximateReceiveCount: '1', ...(group ? { MessageGroupId: group } : {}) },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: '',
  awsRegion: 'us-east-1',
});

const base: FaultConfig = {
  seed: 't',
  failureRate: 0,
  failAfterShare: 0.5,
  duplicateRate: 0,
  shuffle: false,
  retryVisibilitySeconds: 2,
};

function harness(config: Partial<FaultConfig>, queue = 'billing-soak-order-events') {
  const sent: unknown[] = [];
  const sqs = { send: async (command: { input: unknown }) => sent.push(command.input) } as unknown as SQSClient;
  const seen: string[][] = [];
  let answer: (event: SQSEvent) => unknown = () => ({ batchItemFailures: [] });
  const injector = createFaultInjector({ ...base, ...config });
  const invoke = injector.wrapSqsInvoker({
    spec: spec(queue),
    sqs,
    queueUrl: () => `http://edge/000000000000/${queue}`,
    fifo: queue.endsWith('.fifo'),
    invoke: async (_name, event) => {
      seen.push((event as SQSEvent).Records.map((r) => r.messageId));
      return answer(event as SQSEvent);
    },
  });
  return {
    injector,
    seen,
    sent,
    answerWith: (fn: (event: SQSEvent) => unknown) => (answer = fn),
    run: (records: SQSRecord[]) => invoke('billing-soak-orderEvents', { Records: records }),
  };
}

const ids = (n: number, group?: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => record(`m${i}`, group?.(i)));
const failures = (response: unknown) =>
  ((response as { batchItemFailures: { itemIdentifier: string }[] }).batchItemFailures ?? []).map(
    (f) => f.itemIdentifier,
  );

describe('createFaultInjector', () => {
  it('draws the same sequence for the same seed', () => {
    const a = seededRandom('s');
    const b = seededRandom('s');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom('other')()).not.toEqual(seededRandom('s')());
  });

  it('fails a delivery before the function sees it, and makes it visible again after retryVisibilitySeconds', async () => {
    const h = harness({ failureRate: 1, failAfterShare: 0 });
    const response = await h.run(ids(3));
    expect(h.seen).toEqual([]);
    expect(failures(response).sort()).toEqual(['m0', 'm1', 'm2']);
    expect(h.sent).toEqual([expect.objectContaining({ Entries: expect.any(Array) })]);
    expect((h.sent[0] as { Entries: { VisibilityTimeout: number }[] }).Entries.map((e) => e.VisibilityTimeout)).toEqual(
      [2, 2, 2],
    );
    expect(h.injector.historyOf('m1')?.deliveries).toEqual([
      expect.objectContaining({ fault: 'fail-before', outcome: 'failed', injected: true }),
    ]);
    expect(h.injector.stats().totals).toMatchObject({ failBefore: 3, failAfter: 0 });
  });

  it('fails a delivery after the function handled it, so its retry is a real duplicate', async () => {
    const h = harness({ failureRate: 1, failAfterShare: 1 });
    const response = await h.run(ids(2));
    expect(h.seen).toEqual([['m0', 'm1']]);
    expect(failures(response).sort()).toEqual(['m0', 'm1']);
    expect(h.injector.stats().totals.failAfter).toBe(2);
  });

  it('takes at most MAX_INJECTED_FAILURES receives of one message, leaving the rest to the function', async () => {
    const h = harness({ failureRate: 1, failAfterShare: 0 });
    const outcomes: string[][] = [];
    for (let receive = 1; receive <= 5; receive += 1) outcomes.push(failures(await h.run(ids(1))));
    expect(MAX_INJECTED_FAILURES).toBe(2);
    expect(outcomes).toEqual([['m0'], ['m0'], [], [], []]);
    expect(h.seen).toEqual([['m0'], ['m0'], ['m0']]);
  });

  it("passes the function's own answer through untouched when nothing is injected, and records its failures", async () => {
    const h = harness({});
    h.answerWith(() => ({ batchItemFailures: [{ itemIdentifier: 'm1' }] }));
    const response = await h.run(ids(2));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(h.injector.historyOf('m1')?.deliveries).toEqual([
      expect.objectContaining({ outcome: 'failed', injected: false, reason: 'reported failed by the function' }),
    ]);
    expect(h.sent).toEqual([]);
  });

  it('delivers a message twice and deletes it when either delivery succeeded', async () => {
    const h = harness({ duplicateRate: 1 });
    let calls = 0;
    // The first delivery fails, the second succeeds: on SQS the poller holding the second deletes it.
    h.answerWith((event) =>
      calls++ === 0 ? { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] } : {},
    );
    const response = await h.run(ids(1));
    expect(h.seen).toEqual([['m0'], ['m0']]);
    expect(failures(response)).toEqual([]);
    expect(h.injector.stats().totals.duplicates).toBe(1);
  });

  it("shuffles a standard queue's batch", async () => {
    const h = harness({ shuffle: true });
    for (let i = 0; i < 5; i += 1) await h.run(ids(8));
    expect(
      h.seen.some(
        (batch) =>
          batch.join() !==
          ids(8)
            .map((r) => r.messageId)
            .join(),
      ),
    ).toBe(true);
    expect(h.injector.stats().totals.shuffledBatches).toBeGreaterThan(0);
  });

  it('never shuffles a FIFO batch, and fails the rest of a group after its first failed message', async () => {
    const h = harness({ shuffle: true, failureRate: 0.3, failAfterShare: 0 }, 'catalog-soak-commands.fifo');
    for (let i = 0; i < 20; i += 1) {
      const batch = ids(6, (n) => (n < 3 ? 'g1' : 'g2'));
      const response = await h.run(batch);
      const failed = new Set(failures(response));
      for (const group of [batch.slice(0, 3), batch.slice(3)]) {
        const first = group.findIndex((r) => failed.has(r.messageId));
        // Once a message of a group failed, every later one of the group failed too.
        if (first >= 0) expect(group.slice(first).every((r) => failed.has(r.messageId))).toBe(true);
      }
      const delivered = h.seen.at(-1) ?? [];
      const order = batch.map((r) => r.messageId).filter((id) => delivered.includes(id));
      if (!failed.size || delivered.length) expect(delivered).toEqual(order);
    }
    expect(h.injector.stats().totals.shuffledBatches).toBe(0);
  });

  it("kills the service's process while an armed batch is in flight, and explains the batch's failure by it", async () => {
    const h = harness({});
    let release: () => void = () => undefined;
    const killed: string[] = [];
    h.answerWith(
      () =>
        new Promise((_, reject) => {
          release = () => reject(new Error('socket hang up'));
        }),
    );
    h.injector.setKiller(async (service) => {
      killed.push(service);
      release();
    });
    h.injector.armKill('billing');
    await expect(h.run(ids(2))).rejects.toThrow('socket hang up');
    expect(killed).toEqual(['billing']);
    expect(h.injector.stats().kills).toEqual([expect.objectContaining({ service: 'billing', midBatch: true })]);
    expect(h.injector.historyOf('m0')?.deliveries).toEqual([
      expect.objectContaining({ fault: 'killed', outcome: 'failed', injected: true }),
    ]);
    expect(h.injector.pendingKills()).toEqual([]);
  });
});
