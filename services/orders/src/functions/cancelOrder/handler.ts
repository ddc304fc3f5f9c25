import { event } from '@mesh/bus';
import { OrderCancelled } from '@mesh/contracts';
import { orderView, type Order } from '../../domain/order';
import { OrderNotFoundError, OrderStatusConflictError } from '../../errors';
import { assertMayActFor } from '../../http/caller';
import { httpHandler } from '../../http/httpHandler';
import { parseRequest } from '../../http/parseRequest';
import { releaseStock, type InventoryChannel } from '../../inventoryCommands';
import type { OrderStore } from '../../store/OrderStore';
import { OrderPath } from '../orderPath';
import { inventoryChannel, orderStore } from '../../dependencies';

const cancelledByCustomer = (order: Order) => order.status === 'CANCELLED' && order.cancelReason === 'CUSTOMER_REQUEST';

/**
 * `POST /orders/{id}/cancel`: the owner cancels a PENDING or RESERVED order (CANCELLED and OrderCancelled
 * in one transaction) and, if stock was reserved, releases it. Repeating it is harmless: the answer is
 * the same and the release is re-sent with the same command id, so a release lost to a crash is not lost.
 */
export function cancelOrderHandler(deps: { orders: OrderStore; inventory: InventoryChannel; now?: () => Date }) {
  return httpHandler(async ({ event: request, caller, requestId, trace }) => {
    const { id } = parseRequest(OrderPath, request.pathParameters ?? {}, 'path');
    const found = await deps.orders.get(id);
    if (!found) throw new OrderNotFoundError(id);
    assertMayActFor(caller, found.customerId);
    let order = found;
    if (!cancelledByCustomer(found)) {
      const change = { to: 'CANCELLED', cause: requestId, at: (deps.now ?? (() => new Date()))() } as const;
      const outcome = await deps.orders.changeStatus(id, { ...change, cancelReason: 'CUSTOMER_REQUEST' }, (next) => [
        event(OrderCancelled, { orderId: id, customerId: next.customerId, reason: 'CUSTOMER_REQUEST' }, trace),
      ]);
      if (outcome.result === 'not-found') throw new OrderNotFoundError(id);
      if (outcome.result === 'refused') throw new OrderStatusConflictError(id, outcome.order.status, 'cancelled');
      order = outcome.order;
    }
    if (order.stockReserved) {
      await releaseStock(deps.inventory, id, 'ORDER_CANCELLED', trace);
    }
    return { statusCode: 200, body: orderView(order) };
  });
}

export const handler = cancelOrderHandler({ orders: orderStore(), inventory: inventoryChannel() });
