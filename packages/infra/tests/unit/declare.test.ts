import { BookLent, CopyReserved, ReleaseCopy, ReserveCopy } from '../helpers/fixtureContracts';
import {
  commandChannel,
  commandChannelResources,
  eventPattern,
  logicalId,
  mergeFragments,
  subscription,
  subscriptionResources,
  subscriptionTrigger,
} from '../../src';

describe('subscription declarations', () => {
  it('derives the rule pattern from the observed contracts, each source and detail-type once', () => {
    const sub = subscription('billing', 'order-events', [BookLent, CopyReserved, BookLent]);
    expect(sub.events).toEqual([BookLent, CopyReserved]);
    expect(eventPattern(sub)).toEqual({
      source: ['mesh.catalog', 'mesh.loans'],
      'detail-type': ['BookLent', 'CopyReserved'],
    });
  });

  it('refuses an empty or badly named subscription', () => {
    expect(() => subscription('billing', 'order-events', [])).toThrow(/observes no event/);
    expect(() => subscription('Billing', 'orderEvents', [BookLent])).toThrow(/kebab-case/);
  });

  it('triggers with partial batch responses and its batching settings', () => {
    const sub = subscription('billing', 'order-events', [BookLent], { batchSize: 5, maximumBatchingWindow: 2 });
    expect(subscriptionTrigger(sub)).toEqual({
      sqs: {
        arn: { 'Fn::GetAtt': ['OrderEventsQueue', 'Arn'] },
        batchSize: 5,
        maximumBatchingWindow: 2,
        functionResponseType: 'ReportBatchItemFailures',
      },
    });
  });

  it('names queues <service>-<stage>-<name>[-dlq]', () => {
    const { Resources } = subscriptionResources(subscription('billing', 'order-events', [BookLent]), {
      stage: 'prod',
    });
    expect(Resources.OrderEventsQueue?.Properties?.QueueName).toBe('billing-prod-order-events');
    expect(Resources.OrderEventsDlq?.Properties?.QueueName).toBe('billing-prod-order-events-dlq');
  });
});

describe('command channels', () => {
  it('are FIFO queues grouped per aggregate, deduplicated by command id, with a FIFO DLQ', () => {
    const channel = commandChannel('catalog', 'commands', [ReserveCopy, ReleaseCopy]);
    const { Resources } = commandChannelResources(channel, { stage: 'dev' });
    expect(Resources.CommandsQueue?.Properties).toMatchObject({
      QueueName: 'catalog-dev-commands.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    expect(Resources.CommandsDlq?.Properties).toMatchObject({
      QueueName: 'catalog-dev-commands-dlq.fifo',
      FifoQueue: true,
    });
  });

  it('take only the commands their service owns', () => {
    expect(() => commandChannel('billing', 'commands', [ReserveCopy])).toThrow(/does not own: ReserveCopy/);
  });
});

describe('merging fragments', () => {
  it('refuses a logical id declared twice', () => {
    const sub = subscriptionResources(subscription('a', 'same', [BookLent]));
    expect(() => mergeFragments(sub, sub)).toThrow(/declared twice/);
  });

  it('builds logical ids from kebab-case names', () => {
    expect(logicalId('order-events', 'Dlq')).toBe('OrderEventsDlq');
  });
});
