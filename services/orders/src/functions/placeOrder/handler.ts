import { randomUUID } from 'node:crypto';
import { event } from '@mesh/bus';
import { OrderPlaced } from '@mesh/contracts';
import { newOrder, orderView } from '../../domain/order';
import { priceOrder } from '../../domain/priceOrder';
import { assertMayActFor } from '../../http/caller';
import { httpHandler } from '../../http/httpHandler';
import { parseJsonBody } from '../../http/parseRequest';
import { DynamoOrderStore } from '../../store/DynamoOrderStore';
import type { OrderStore } from '../../store/OrderStore';
import { PlaceOrderRequest } from './request';

/** `POST /orders`: prices the order and writes it, PENDING, with its OrderPlaced in one transaction. */
export function placeOrderHandler(deps: { orders: OrderStore; newId?: () => string; now?: () => Date }) {
  return httpHandler(async ({ event: request, caller, correlationId, requestId, trace }) => {
    const body = parseJsonBody(PlaceOrderRequest, request);
    const customerId = body.customerId ?? caller.customerId;
    assertMayActFor(caller, customerId);
    const order = newOrder({
      orderId: `ord-${(deps.newId ?? randomUUID)()}`,
      customerId,
      ...priceOrder(body.items),
      correlationId,
      cause: requestId,
      at: (deps.now ?? (() => new Date()))(),
    });
    const { orderId, items, total } = order;
    const placed = event(OrderPlaced, { orderId, customerId, items, total }, trace);
    await deps.orders.place(order, [placed]);
    return { statusCode: 201, body: orderView(order), headers: { location: `/orders/${orderId}` } };
  });
}

export const handler = placeOrderHandler({ orders: new DynamoOrderStore() });
