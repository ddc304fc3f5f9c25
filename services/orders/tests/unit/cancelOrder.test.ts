import { OrderCancelled, ReleaseStock } from '@mesh/contracts';
import { expectNotPublished, expectPublished, InMemoryBus, problemOf } from '@mesh/testing';
import { cancelOrderHandler } from '../../src/functions/cancelOrder/handler';
import type { OrderStatus } from '../../src/domain/orderStatus';
import { InMemoryOrderStore } from '../helpers/InMemoryOrderStore';
import { bodyOf, customer, httpEvent } from '../helpers/httpEvent';
import { storedOrder } from '../helpers/orders';

const cancel = (id: string, claims: Record<string, string> = customer('cus-1')) =>
  httpEvent({
    method: 'POST',
    path: `/orders/${id}/cancel`,
    route: '/orders/{id}/cancel',
    pathParameters: { id },
    claims,
  });

describe('POST /orders/{id}/cancel', () => {
  let bus: InMemoryBus;
  let orders: InMemoryOrderStore;
  let handler: ReturnType<typeof cancelOrderHandler>;
  const given = (status: OrderStatus) => orders.orders.set('ord-1', storedOrder('ord-1', 'cus-1', status));
  beforeEach(() => {
    bus = new InMemoryBus();
    orders = new InMemoryOrderStore(bus);
    handler = cancelOrderHandler({ orders, inventory: { commands: bus, queueUrl: 'inventory.fifo' } });
  });

  it('cancels a PENDING order with OrderCancelled and releases nothing (nothing was reserved)', async () => {
    given('PENDING');
    const result = await handler(cancel('ord-1'));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST' });
    expectPublished(bus, OrderCancelled, { orderId: 'ord-1', reason: 'CUSTOMER_REQUEST' }, { times: 1 });
    expect(bus.commandsOf(ReleaseStock)).toHaveLength(0);
  });

  it('cancels a RESERVED order and releases its stock on the order’s message group', async () => {
    given('RESERVED');
    expect((await handler(cancel('ord-1'))).statusCode).toBe(200);
    expectPublished(bus, OrderCancelled, { orderId: 'ord-1' }, { times: 1 });
    const [release] = bus.commandsOf(ReleaseStock);
    expect(release).toMatchObject({
      queueUrl: 'inventory.fifo',
      messageGroupId: 'ord-1',
      envelope: { commandId: 'release-ord-1', data: { orderId: 'ord-1', reason: 'ORDER_CANCELLED' } },
    });
  });

  it('is safe to repeat: same answer, no second event, the release re-sent with the same command id', async () => {
    given('RESERVED');
    await handler(cancel('ord-1'));
    const again = await handler(cancel('ord-1'));
    expect(again.statusCode).toBe(200);
    expectPublished(bus, OrderCancelled, undefined, { times: 1 });
    expect(bus.commandsOf(ReleaseStock).map((c) => c.envelope.commandId)).toEqual(['release-ord-1', 'release-ord-1']);
  });

  it.each(['CONFIRMED'] as const)('answers 409 to cancelling a %s order', async (status) => {
    given(status);
    const result = await handler(cancel('ord-1'));
    expect(result.statusCode).toBe(409);
    expect(problemOf(result)).toMatchObject({
      type: 'urn:mesh:problem:order-status-conflict',
      status: 409,
      orderId: 'ord-1',
      orderStatus: status,
    });
    expectNotPublished(bus, OrderCancelled);
  });

  it('answers 409 to cancelling an order the saga cancelled', async () => {
    orders.orders.set('ord-1', storedOrder('ord-1', 'cus-1', 'CANCELLED', { cancelReason: 'STOCK_REJECTED' }));
    expect((await handler(cancel('ord-1'))).statusCode).toBe(409);
  });

  it("answers 403 to another customer's order and 404 to an unknown one, changing nothing", async () => {
    given('PENDING');
    expect((await handler(cancel('ord-1', customer('cus-2')))).statusCode).toBe(403);
    expect((await handler(cancel('ord-9'))).statusCode).toBe(404);
    expect(orders.orders.get('ord-1')?.status).toBe('PENDING');
  });

  it('answers 401 without a subject', async () => {
    given('PENDING');
    expect((await handler(cancel('ord-1', {}))).statusCode).toBe(401);
  });
});
