import { manageConnections, tableAccess } from '@mesh/infra';
import { orderChangeStreamFilter } from '../../websocket/pushOrderStatus';

/**
 * The table stream's second consumer (the outbox relay is the first; a stream serves two at most without
 * throttling): order status changes only (the filter), newest position first, since a push of a change
 * made before the function existed reaches no one. A status push is worth little after a minute, so a
 * failing record is retried twice within that, then dropped (the client reads the status again on
 * `subscribe`); no DLQ.
 */
export const pushOrderStatusFunction = {
  handler: 'src/functions/pushOrderStatus/handler.handler',
  description: 'Pushes each order status change to the WebSocket connections subscribed to the order.',
  events: [
    {
      stream: {
        type: 'dynamodb',
        arn: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] },
        startingPosition: 'LATEST',
        batchSize: 100,
        maximumRetryAttempts: 2,
        maximumRecordAgeInSeconds: 60,
        functionResponseType: 'ReportBatchItemFailures',
        filterPatterns: [orderChangeStreamFilter],
      },
    },
  ],
  touches: [
    tableAccess('OrdersTable', ['dynamodb:Query'], { leadingKeys: ['SUBSCRIBERS#*'], sid: 'FindSubscribers' }),
    tableAccess('OrdersTable', ['dynamodb:DeleteItem'], {
      leadingKeys: ['SUBSCRIBERS#*', 'CONNECTION#*'],
      sid: 'ForgetGoneConnections',
    }),
    manageConnections('WebsocketsApi'),
  ],
};
