import { publishesAs } from '@mesh/infra';
import { outboxStreamFilter } from '@mesh/bus';

/**
 * The relay reads the table's stream in order (one batch per shard at a time), sees only outbox INSERTs
 * (the filter), and retries from the first failed row (ReportBatchItemFailures); after its retries a
 * row's record goes to the relay's DLQ instead of blocking the shard.
 */
export const outboxRelayFunction = {
  handler: 'src/functions/outboxRelay/handler.handler',
  description: 'Publishes the orders outbox to the bus, from the table stream.',
  events: [
    {
      stream: {
        type: 'dynamodb',
        arn: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] },
        startingPosition: 'TRIM_HORIZON',
        batchSize: 100,
        maximumRetryAttempts: 10,
        functionResponseType: 'ReportBatchItemFailures',
        filterPatterns: [outboxStreamFilter],
        destinations: { onFailure: { arn: { 'Fn::GetAtt': ['OutboxRelayDlq', 'Arn'] }, type: 'sqs' } },
      },
    },
  ],
  // Reading the stream and dead-lettering to OutboxRelayDlq come from the trigger below.
  touches: [publishesAs('mesh.orders')],
};
