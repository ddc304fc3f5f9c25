import { OrderPlaced } from '@mesh/contracts';
import { INVALID_REQUEST } from '@mesh/bus';
import { expectNotPublished, expectPublished, InMemoryBus, problemOf } from '@mesh/testing';
import { placeOrderHandler } from '../../src/functions/placeOrder/handler';
import { InMemoryOrderStore } from '../helpers/InMemoryOrderStore';
import { bodyOf, customer, httpEvent } from '../helpers/httpEvent';

const place = (body: unknown, claims: Record<string, string> | undefined = customer('cus-1'), headers = {}) =>
  httpEvent({ method: 'POST', path: '/orders', route: '/orders', body, claims, headers });

describe('POST /orders', () => {
  let bus: InMemoryBus;
  let orders: InMemoryOrderStore;
  let handler: ReturnType<typeof placeOrderHandler>;
  beforeEach(() => {
    bus = new InMemoryBus();
    orders = new InMemoryOrderStore(bus);
    handler = placeOrderHandler({ orders, newId: () => 'fixed', now: () => new Date('2026-11-25T10:00:00.000Z') });
  });

  it('places a priced PENDING order for the token subject and publishes OrderPlaced with the correlation id', async () => {
    const result = await handler(
      place(
        {
          items: [
            { sku: 'SKU-RED-MUG', quantity: 2 },
            { sku: 'SKU-TEAPOT', quantity: 1 },
          ],
        },
        customer('cus-1'),
        {
          'x-correlation-id': 'cor-from-client',
        },
      ),
    );
    expect(result.statusCode).toBe(201);
    expect(result.headers).toMatchObject({ 'x-correlation-id': 'cor-from-client', location: '/orders/ord-fixed' });
    expect(bodyOf(result)).toMatchObject({
      orderId: 'ord-fixed',
      customerId: 'cus-1',
      status: 'PENDING',
      total: { amount: 2 * 1250 + 3900, currency: 'EUR' },
    });
    const [placed] = expectPublished(bus, OrderPlaced, { orderId: 'ord-fixed', customerId: 'cus-1' }, { times: 1 });
    expect(placed!.correlationId).toBe('cor-from-client');
    expect(placed!.causationId).toBe('Req1Abc_');
    expect(orders.orders.get('ord-fixed')).toMatchObject({ status: 'PENDING', correlationId: 'cor-from-client' });
  });

  it('starts a new correlation id when the request has none and returns it', async () => {
    const result = await handler(place({ items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] }, customer('cus-1')));
    const correlationId = result.headers?.['x-correlation-id'];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(expectPublished(bus, OrderPlaced)[0]!.correlationId).toBe(correlationId);
  });

  it('refuses an invalid correlation id with 400 saying why, places nothing, and answers with a new one', async () => {
    const result = await handler(
      place({ items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] }, customer('cus-1'), {
        'x-correlation-id': 'not valid!',
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toEqual({
      type: INVALID_REQUEST,
      title: 'The request is invalid',
      status: 400,
      detail: '/headers/x-correlation-id: must hold only letters, digits and _ . : -',
      errors: [{ pointer: '/headers/x-correlation-id', detail: 'must hold only letters, digits and _ . : -' }],
    });
    expect(result.headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(orders.orders.size).toBe(0);
    expectNotPublished(bus, OrderPlaced);
  });

  it.each([
    ['no items', { items: [] }, '/body/items'],
    ['a bad SKU', { items: [{ sku: 'red mug', quantity: 1 }] }, '/body/items/0/sku'],
    ['a zero quantity', { items: [{ sku: 'SKU-RED-MUG', quantity: 0 }] }, '/body/items/0/quantity'],
    ['a fractional quantity', { items: [{ sku: 'SKU-RED-MUG', quantity: 1.5 }] }, '/body/items/0/quantity'],
    ['a client-set price', { items: [{ sku: 'SKU-RED-MUG', quantity: 1, unitPrice: 1 }] }, '/body/items/0'],
    [
      'a SKU twice',
      {
        items: [
          { sku: 'SKU-RED-MUG', quantity: 1 },
          { sku: 'SKU-RED-MUG', quantity: 1 },
        ],
      },
      '/body/items/1/sku',
    ],
    ['an unknown SKU', { items: [{ sku: 'SKU-UNKNOWN', quantity: 1 }] }, '/body/items/0/sku'],
    ['not an object', [1, 2], '/body'],
  ])('answers 400 pointing at the field for %s, and publishes nothing', async (_name, body, pointer) => {
    const result = await handler(place(body));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toEqual({
      type: INVALID_REQUEST,
      title: 'The request is invalid',
      status: 400,
      detail: expect.stringContaining(`${pointer}: `),
      errors: expect.arrayContaining([{ pointer, detail: expect.any(String) }]),
    });
    expectNotPublished(bus, OrderPlaced);
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    const result = await handler(place('{"items": [', customer('cus-1')));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result).errors).toEqual([{ pointer: '/body', detail: 'the body must be a JSON object' }]);
  });

  it('answers 401 without an authenticated subject', async () => {
    const result = await handler(place({ items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] }, {}));
    expect(result.statusCode).toBe(401);
    expect(result.headers).toMatchObject({ 'www-authenticate': 'Bearer' });
    expect(problemOf(result)).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });

  it('answers 403 to a customer placing an order for another customer', async () => {
    const result = await handler(place({ customerId: 'cus-2', items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] }));
    expect(result.statusCode).toBe(403);
    // Forbidden, without naming whose data it is.
    expect(problemOf(result)).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'the caller may not do this',
    });
    expectNotPublished(bus, OrderPlaced);
  });

  it('lets an admin place an order for a customer', async () => {
    const body = { customerId: 'cus-2', items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] };
    const result = await handler(place(body, customer('ops-1', 'admin')));
    expect(result.statusCode).toBe(201);
    expectPublished(bus, OrderPlaced, { customerId: 'cus-2' });
  });

  it('answers 500 without detail when the store fails, and keeps the correlation id', async () => {
    jest.spyOn(orders, 'place').mockRejectedValue(new Error('boom'));
    const failing = placeOrderHandler({ orders });
    const result = await failing(place({ items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] }));
    expect(result.statusCode).toBe(500);
    expect(problemOf(result)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'the request failed; the service logged why',
    });
    expect(result.headers?.['x-correlation-id']).toBeDefined();
  });

  describe('with an Idempotency-Key', () => {
    const items = [{ sku: 'SKU-RED-MUG', quantity: 2 }];

    it('places one order however often the same request is retried, answering each retry with it', async () => {
      const first = await handler(place({ items }, customer('cus-1'), { 'idempotency-key': 'checkout-42' }));
      const retry = await handler(place({ items }, customer('cus-1'), { 'idempotency-key': 'checkout-42' }));

      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(bodyOf(retry)).toEqual(bodyOf(first));
      expect(retry.headers).toMatchObject({ 'idempotent-replayed': 'true' });
      expect(first.headers?.['idempotent-replayed']).toBeUndefined();
      expect(orders.orders.size).toBe(1);
      expectPublished(bus, OrderPlaced, { orderId: String(bodyOf(first).orderId) }, { times: 1 });
    });

    it('refuses the same key for other items with 422, placing nothing more', async () => {
      const first = await handler(place({ items }, customer('cus-1'), { 'idempotency-key': 'checkout-43' }));
      const reused = await handler(
        place({ items: [{ sku: 'SKU-TEAPOT', quantity: 1 }] }, customer('cus-1'), { 'idempotency-key': 'checkout-43' }),
      );

      expect(reused.statusCode).toBe(422);
      expect(problemOf(reused)).toMatchObject({
        type: 'urn:mesh:problem:idempotency-key-reused',
        status: 422,
        detail: expect.stringMatching(/Idempotency-Key already placed order/),
        orderId: bodyOf(first).orderId,
      });
      expect(orders.orders.size).toBe(1);
    });

    it("keeps one customer's key from naming another customer's order", async () => {
      const a = await handler(place({ items }, customer('cus-1'), { 'idempotency-key': 'same-key' }));
      const b = await handler(place({ items }, customer('cus-2'), { 'idempotency-key': 'same-key' }));

      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(bodyOf(a).orderId).not.toBe(bodyOf(b).orderId);
      expect(orders.orders.size).toBe(2);
    });

    it('refuses a malformed key with 400 naming the header', async () => {
      const result = await handler(place({ items }, customer('cus-1'), { 'idempotency-key': 'has spaces' }));

      expect(result.statusCode).toBe(400);
      expect(problemOf(result).errors).toEqual([
        { pointer: '/headers/idempotency-key', detail: 'must be 1 to 128 letters, digits or _ . : -' },
      ]);
      expect(orders.orders.size).toBe(0);
    });
  });
});
