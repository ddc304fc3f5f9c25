import type { Order } from './order';
import type { CancelReason, OrderStatus } from './orderStatus';

/** What a WebSocket subscriber of an order is told: its status, and why it was cancelled. */
export interface OrderStatusMessage {
  type: 'order-status';
  orderId: string;
  status: OrderStatus;
  reason?: CancelReason;
}

/**
 * The status message of an order, as answered to `subscribe` and pushed on every change.
 *
 * @example
 * orderStatusMessage(order); // { type: 'order-status', orderId: 'ord-1', status: 'CANCELLED', reason: 'STOCK_REJECTED' }
 */
export function orderStatusMessage(order: Pick<Order, 'orderId' | 'status' | 'cancelReason'>): OrderStatusMessage {
  return {
    type: 'order-status',
    orderId: order.orderId,
    status: order.status,
    ...(order.cancelReason ? { reason: order.cancelReason } : {}),
  };
}
