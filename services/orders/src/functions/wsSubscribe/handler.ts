import * as z from 'zod/mini';
import { Id } from '@mesh/contracts';
import { orderStatusMessage } from '../../domain/orderStatusMessage';
import { OrderNotFoundError, UnauthorizedError } from '../../errors';
import { assertMayActFor } from '../../http/caller';
import { parseJsonBody } from '../../http/parseRequest';
import type { ConnectionStore } from '../../store/ConnectionStore';
import type { OrderStore } from '../../store/OrderStore';
import { socketHandler } from '../../websocket/socketHandler';
import { connectionStore, orderStore } from '../../dependencies';

export const SubscribeRequest = z.object({ action: z.literal('subscribe'), orderId: Id });

/**
 * `subscribe`: the connection's caller (authenticated at `$connect`) follows one of their orders (an admin,
 * any order) and is answered its current status. The status is read AFTER the subscription is written, so
 * a change racing the subscription is either in the answer or pushed, never lost.
 */
export function wsSubscribeHandler(deps: { orders: OrderStore; connections: ConnectionStore }) {
  return socketHandler(async ({ event, connectionId }) => {
    const connection = await deps.connections.get(connectionId);
    if (!connection) throw new UnauthorizedError(`connection ${connectionId} is not known`);
    const { orderId } = parseJsonBody(SubscribeRequest, event);
    const order = await deps.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    assertMayActFor(connection, order.customerId);
    await deps.connections.subscribe(connection, orderId);
    const current = (await deps.orders.get(orderId)) ?? order;
    return { statusCode: 200, body: orderStatusMessage(current) };
  });
}

export const handler = wsSubscribeHandler({ orders: orderStore(), connections: connectionStore() });
