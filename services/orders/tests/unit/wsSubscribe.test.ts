import { InMemoryBus, problemOf } from '@mesh/testing';
import { newConnection } from '../../src/domain/connection';
import { wsSubscribeHandler } from '../../src/functions/wsSubscribe/handler';
import { InMemoryConnectionStore } from '../helpers/InMemoryConnectionStore';
import { InMemoryOrderStore } from '../helpers/InMemoryOrderStore';
import { storedOrder } from '../helpers/orders';
import { socketEvent } from '../helpers/socketEvent';

const subscribe = (orderId: unknown, connectionId = 'conn-1') =>
  socketEvent({ route: 'subscribe', connectionId, body: { action: 'subscribe', orderId } });
const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? 'null') as Record<string, unknown>;

describe('WebSocket subscribe', () => {
  let orders: InMemoryOrderStore;
  let connections: InMemoryConnectionStore;
  let handler: ReturnType<typeof wsSubscribeHandler>;
  const connected = (connectionId: string, customerId: string, isAdmin = false) =>
    connections.connect(
      newConnection(connectionId, { customerId, isAdmin, scopes: new Set(isAdmin ? ['admin'] : []) }, new Date()),
    );
  beforeEach(async () => {
    orders = new InMemoryOrderStore(new InMemoryBus());
    connections = new InMemoryConnectionStore();
    handler = wsSubscribeHandler({ orders, connections });
    orders.orders.set('ord-1', storedOrder('ord-1', 'cus-1', 'RESERVED'));
    orders.orders.set('ord-2', storedOrder('ord-2', 'cus-2', 'CANCELLED', { cancelReason: 'STOCK_REJECTED' }));
  });

  it('subscribes the owner to their order and answers its current status', async () => {
    await connected('conn-1', 'cus-1');
    const result = await handler(subscribe('ord-1'));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ type: 'order-status', orderId: 'ord-1', status: 'RESERVED' });
    expect(await connections.subscribersOf('ord-1')).toEqual(['conn-1']);
  });

  it("answers 403 to another customer's order, subscribing nothing", async () => {
    await connected('conn-1', 'cus-1');
    const result = await handler(subscribe('ord-2'));
    expect(result.statusCode).toBe(403);
    expect(await connections.subscribersOf('ord-2')).toEqual([]);
  });

  it('lets an admin follow any order, with the reason of a cancellation', async () => {
    await connected('conn-9', 'ops-1', true);
    const result = await handler(subscribe('ord-2', 'conn-9'));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({
      type: 'order-status',
      orderId: 'ord-2',
      status: 'CANCELLED',
      reason: 'STOCK_REJECTED',
    });
  });

  it('answers 404 to an unknown order and 400 to a bad order id', async () => {
    await connected('conn-1', 'cus-1');
    const unknown = await handler(subscribe('ord-404'));
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown)).toMatchObject({ type: 'urn:mesh:problem:order-not-found', orderId: 'ord-404' });
    const bad = await handler(subscribe('not an id!'));
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad)).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ pointer: '/body/orderId' })],
    });
  });

  it('answers 401 on a connection it does not know (never authenticated, or expired)', async () => {
    expect((await handler(subscribe('ord-1', 'conn-unknown'))).statusCode).toBe(401);
  });
});
