import { OrderPlaced, ReleaseStock, ReserveStock, StockReserved } from '@mesh/contracts';
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
    const sub = subscription('payments', 'order-events', [OrderPlaced, StockReserved, OrderPlaced]);
    expect(sub.events).toEqual([OrderPlaced, StockReserved]);
    expect(eventPattern(sub)).toEqual({
      source: ['mesh.inventory', 'mesh.orders'],
      'detail-type': ['OrderPlaced', 'StockReserved'],
    });
  });

  it('refuses an empty or badly named subscription', () => {
    expect(() => subscription('payments', 'order-events', [])).toThrow(/observes no event/);
    expect(() => subscription('Payments', 'orderEvents', [OrderPlaced])).toThrow(/kebab-case/);
  });

  it('triggers with partial batch responses and its batching settings', () => {
    const sub = subscription('payments', 'order-events', [OrderPlaced], { batchSize: 5, maximumBatchingWindow: 2 });
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
    const { Resources } = subscriptionResources(subscription('payments', 'order-events', [OrderPlaced]), {
      stage: 'prod',
    });
    expect(Resources.OrderEventsQueue?.Properties?.QueueName).toBe('payments-prod-order-events');
    expect(Resources.OrderEventsDlq?.Properties?.QueueName).toBe('payments-prod-order-events-dlq');
  });
});

describe('command channels', () => {
  it('are FIFO queues grouped per aggregate, deduplicated by command id, with a FIFO DLQ', () => {
    const channel = commandChannel('inventory', 'commands', [ReserveStock, ReleaseStock]);
    const { Resources } = commandChannelResources(channel, { stage: 'dev' });
    expect(Resources.CommandsQueue?.Properties).toMatchObject({
      QueueName: 'inventory-dev-commands.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    expect(Resources.CommandsDlq?.Properties).toMatchObject({
      QueueName: 'inventory-dev-commands-dlq.fifo',
      FifoQueue: true,
    });
  });

  it('take only the commands their service owns', () => {
    expect(() => commandChannel('payments', 'commands', [ReserveStock])).toThrow(/does not own: ReserveStock/);
  });
});

describe('merging fragments', () => {
  it('refuses a logical id declared twice', () => {
    const sub = subscriptionResources(subscription('a', 'same', [OrderPlaced]));
    expect(() => mergeFragments(sub, sub)).toThrow(/declared twice/);
  });

  it('builds logical ids from kebab-case names', () => {
    expect(logicalId('order-events', 'Dlq')).toBe('OrderEventsDlq');
  });
});
