import { InMemoryBus, problemOf } from '@mesh/testing';
import { getOrderHandler } from '../../src/functions/getOrder/handler';
import { InMemoryOrderStore } from '../helpers/InMemoryOrderStore';
import { bodyOf, customer, httpEvent } from '../helpers/httpEvent';
import { storedOrder } from '../helpers/orders';

const get = (id: string, claims: Record<string, string> = customer('cus-1')) =>
  httpEvent({ method: 'GET', path: `/orders/${id}`, route: '/orders/{id}', pathParameters: { id }, claims });

describe('GET /orders/{id}', () => {
  const orders = new InMemoryOrderStore(new InMemoryBus());
  const handler = getOrderHandler({ orders });
  beforeAll(() => orders.orders.set('ord-1', storedOrder('ord-1', 'cus-1', 'RESERVED')));

  it("answers the caller's own order without its bookkeeping fields", async () => {
    const result = await handler(get('ord-1'));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ orderId: 'ord-1', status: 'RESERVED', total: { amount: 2500 } });
    expect(bodyOf(result)).not.toHaveProperty('revision');
  });

  it('answers 404 to an unknown order', async () => {
    const result = await handler(get('ord-404'));
    expect(result.statusCode).toBe(404);
    expect(problemOf(result)).toEqual({
      type: 'urn:mesh:problem:order-not-found',
      title: 'Order not found',
      status: 404,
      detail: 'order ord-404 does not exist',
      orderId: 'ord-404',
    });
  });

  it("answers 403 to another customer's order, and lets an admin read it", async () => {
    expect((await handler(get('ord-1', customer('cus-2')))).statusCode).toBe(403);
    expect((await handler(get('ord-1', customer('ops', 'orders:read admin')))).statusCode).toBe(200);
  });

  it('answers 400 to an id that cannot be one', async () => {
    const result = await handler(get('ord 1'));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result).errors).toEqual([
      { pointer: '/path/id', detail: expect.stringMatching(/letters, digits/) },
    ]);
  });

  it('answers 401 without a subject', async () => {
    expect((await handler(get('ord-1', {}))).statusCode).toBe(401);
  });
});
