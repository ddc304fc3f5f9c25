import { createHash, randomUUID } from 'node:crypto';
import { event } from '@mesh/bus';
import { OrderPlaced } from '@mesh/contracts';
import { newOrder, orderView, type Order } from '../../domain/order';
import { priceOrder } from '../../domain/priceOrder';
import { IdempotencyKeyReusedError, InvalidRequestError } from '../../errors';
import { assertMayActFor } from '../../http/caller';
import { httpHandler } from '../../http/httpHandler';
import { parseJsonBody } from '../../http/parseRequest';
import type { OrderStore } from '../../store/OrderStore';
import { PlaceOrderRequest } from './request';
import { orderStore } from '../../dependencies';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The order id an `Idempotency-Key` names for a customer: the same key (of the same customer) always names
 * the same order, so a retried POST finds the order its first try placed instead of placing another.
 */
export function orderIdForKey(customerId: string, key: string): string {
  return `ord-${createHash('sha256').update(`${customerId}\0${key}`).digest('hex').slice(0, 32)}`;
}

function idempotencyKeyOf(headers: Record<string, string | undefined> | undefined): string | undefined {
  const key = headers?.[IDEMPOTENCY_HEADER];
  if (key === undefined || key === '') return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidRequestError([
      { pointer: `/headers/${IDEMPOTENCY_HEADER}`, detail: 'must be 1 to 128 letters, digits or _ . : -' },
    ]);
  }
  return key;
}

const sameRequest = (a: Order, b: Order) =>
  a.customerId === b.customerId && JSON.stringify(a.items) === JSON.stringify(b.items);

/**
 * `POST /orders`: prices the order and writes it, PENDING, with its OrderPlaced in one transaction.
 * With an `Idempotency-Key` header a retry of the same request (a timeout, a lost answer) answers the order
 * the first try placed — 201 with the same body and `idempotent-replayed: true` — and places nothing more; the
 * key reused for other items is refused with 422.
 */
export function placeOrderHandler(deps: { orders: OrderStore; newId?: () => string; now?: () => Date }) {
  return httpHandler(async ({ event: request, caller, correlationId, requestId, trace }) => {
    const body = parseJsonBody(PlaceOrderRequest, request);
    const customerId = body.customerId ?? caller.customerId;
    assertMayActFor(caller, customerId);
    const key = idempotencyKeyOf(request.headers);
    const order = newOrder({
      orderId: key ? orderIdForKey(customerId, key) : `ord-${(deps.newId ?? randomUUID)()}`,
      customerId,
      ...priceOrder(body.items),
      correlationId,
      cause: requestId,
      at: (deps.now ?? (() => new Date()))(),
    });
    const { orderId, items, total } = order;
    const placed = event(OrderPlaced, { orderId, customerId, items, total }, trace);
    const headers = { location: `/orders/${orderId}` };
    if ((await deps.orders.place(order, [placed])) === 'placed') {
      return { statusCode: 201, body: orderView(order), headers };
    }
    const first = await deps.orders.get(orderId);
    if (!key || !first) throw new Error(`order ${orderId} exists, but no Idempotency-Key named it`);
    if (!sameRequest(first, order)) throw new IdempotencyKeyReusedError(orderId);
    return { statusCode: 201, body: orderView(first), headers: { ...headers, 'idempotent-replayed': 'true' } };
  });
}

export const handler = placeOrderHandler({ orders: orderStore() });
