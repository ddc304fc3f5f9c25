import * as z from 'zod/mini';
import { Id } from '@mesh/contracts';
import { orderView } from '../../domain/order';
import { assertMayActFor } from '../../http/caller';
import { httpHandler } from '../../http/httpHandler';
import { parseRequest } from '../../http/parseRequest';
import type { OrderStore } from '../../store/OrderStore';
import { orderStore } from '../../dependencies';

const ListOrdersQuery = z.object({
  customerId: z.optional(Id),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
});

/** `GET /orders?customerId=`: a customer's orders, newest first; only an admin may name another customer. */
export function listOrdersHandler(deps: { orders: OrderStore }) {
  return httpHandler(async ({ event, caller }) => {
    const query = parseRequest(ListOrdersQuery, event.queryStringParameters ?? {}, 'query');
    const customerId = query.customerId ?? caller.customerId;
    assertMayActFor(caller, customerId);
    const orders = await deps.orders.listByCustomer(customerId, query.limit);
    return { statusCode: 200, body: { customerId, orders: orders.map(orderView) } };
  });
}

export const handler = listOrdersHandler({ orders: orderStore() });
