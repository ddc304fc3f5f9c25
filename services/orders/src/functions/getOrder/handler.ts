import { orderView } from '../../domain/order';
import { OrderNotFoundError } from '../../errors';
import { assertMayActFor } from '../../http/caller';
import { httpHandler } from '../../http/httpHandler';
import { parseRequest } from '../../http/parseRequest';
import type { OrderStore } from '../../store/OrderStore';
import { OrderPath } from '../orderPath';
import { orderStore } from '../../dependencies';

/** `GET /orders/{id}`: the caller's own order (any order for an admin). */
export function getOrderHandler(deps: { orders: OrderStore }) {
  return httpHandler(async ({ event, caller }) => {
    const { id } = parseRequest(OrderPath, event.pathParameters ?? {}, 'path');
    const order = await deps.orders.get(id);
    if (!order) throw new OrderNotFoundError(id);
    assertMayActFor(caller, order.customerId);
    return { statusCode: 200, body: orderView(order) };
  });
}

export const handler = getOrderHandler({ orders: orderStore() });
