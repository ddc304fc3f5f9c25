import type { MessageLogger } from '@mesh/bus';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Order } from '../domain/order';
import type { CancelReason, OrderStatus } from '../domain/orderStatus';
import { orderStatusMessage } from '../domain/orderStatusMessage';
import type { ConnectionStore } from '../store/ConnectionStore';
import { ConnectionGoneError, type SocketClient } from './SocketClient';

/**
 * The event source mapping filter that hands the pusher only changed orders. Every change of an order item
 * is a status change (the store's only update is `changeStatus`, and no status moves to itself), so a
 * MODIFY of an order is exactly "its status changed"; the stream's NEW_IMAGE carries the new status.
 */
export const orderChangeStreamFilter = {
  eventName: ['MODIFY'],
  dynamodb: { NewImage: { kind: { S: ['order'] } } },
};

const isOrderChange = (record: DynamoDBRecord) =>
  record.eventName === 'MODIFY' && record.dynamodb?.NewImage?.kind?.S === 'order';

// The three attributes a status message needs, read straight from the stream image.
function statusOf(record: DynamoDBRecord): Pick<Order, 'orderId' | 'status' | 'cancelReason'> {
  const image = record.dynamodb!.NewImage!;
  const cancelReason = image.cancelReason?.S as CancelReason | undefined;
  return {
    orderId: image.orderId!.S!,
    status: image.status!.S! as OrderStatus,
    ...(cancelReason ? { cancelReason } : {}),
  };
}

/**
 * Pushes each order status change of a stream batch to the order's subscribed connections, in stream
 * order. A connection API Gateway reports gone is forgotten (subscription and connection items); any
 * other failure stops the batch at that record (ReportBatchItemFailures), so the stream retries from it:
 * a subscriber may then get the same status twice, never a stale one after a newer one.
 *
 * @example
 * export const handler = pushOrderStatus({ connections, sockets, logger });
 */
export function pushOrderStatus(deps: { connections: ConnectionStore; sockets: SocketClient; logger: MessageLogger }) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records.filter(isOrderChange)) {
      const order = statusOf(record);
      const message = orderStatusMessage(order);
      const subscribers = await deps.connections.subscribersOf(order.orderId);
      const results = await Promise.allSettled(subscribers.map((id) => deps.sockets.post(id, message)));
      let failed = 0;
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') continue;
        const connectionId = subscribers[i]!;
        if (result.reason instanceof ConnectionGoneError) {
          await deps.connections.forget(connectionId, order.orderId);
          deps.logger.info('forgot a gone connection', { connectionId, orderId: order.orderId });
        } else {
          failed++;
          deps.logger.warn('status push failed', {
            connectionId,
            orderId: order.orderId,
            error: result.reason as Error,
          });
        }
      }
      if (failed > 0) return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
      if (subscribers.length > 0) {
        deps.logger.info('status pushed', { orderId: order.orderId, status: order.status, to: subscribers.length });
      }
    }
    return { batchItemFailures: [] };
  };
}
