import { InMemoryBus, problemOf } from '@mesh/testing';
import { listOrdersHandler } from '../../src/functions/listOrders/handler';
import { InMemoryOrderStore } from '../helpers/InMemoryOrderStore';
import { bodyOf, customer, httpEvent } from '../helpers/httpEvent';
import { storedOrder } from '../helpers/orders';

const list = (claims: Record<string, string>, query?: Record<string, string>) =>
  httpEvent({ method: 'GET', path: '/orders', route: '/orders', claims, ...(query ? { query } : {}) });

describe('GET /orders', () => {
  const orders = new InMemoryOrderStore(new InMemoryBus());
  const handler = listOrdersHandler({ orders });
  beforeAll(() => {
    orders.orders.set('ord-1', storedOrder('ord-1', 'cus-1', 'PENDING', { createdAt: '2026-11-25T10:00:00.000Z' }));
    orders.orders.set('ord-2', storedOrder('ord-2', 'cus-1', 'CONFIRMED', { createdAt: '2026-11-25T11:00:00.000Z' }));
    orders.orders.set('ord-3', storedOrder('ord-3', 'cus-2'));
  });

  const ids = (result: { body?: string }) => (bodyOf(result).orders as { orderId: string }[]).map((o) => o.orderId);

  it("lists only the caller's orders, newest first", async () => {
    const result = await handler(list(customer('cus-1')));
    expect(result.statusCode).toBe(200);
    expect(ids(result)).toEqual(['ord-2', 'ord-1']);
  });

  it('lets a customer name themself but nobody else', async () => {
    expect(ids(await handler(list(customer('cus-1'), { customerId: 'cus-1' })))).toEqual(['ord-2', 'ord-1']);
    expect((await handler(list(customer('cus-1'), { customerId: 'cus-2' }))).statusCode).toBe(403);
  });

  it("lets an admin list any customer's orders", async () => {
    expect(ids(await handler(list(customer('ops', 'admin'), { customerId: 'cus-2' })))).toEqual(['ord-3']);
  });

  it('answers 400 to a bad limit', async () => {
    const result = await handler(list(customer('cus-1'), { limit: '1000' }));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result).errors).toEqual([{ pointer: '/query/limit', detail: expect.any(String) }]);
  });
});
