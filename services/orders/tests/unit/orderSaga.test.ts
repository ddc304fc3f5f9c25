import type { CommandBus } from '@mesh/bus';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  PaymentCaptured,
  PaymentDeclined,
  ReleaseStock,
  ReserveStock,
  StockRejected,
  StockReserved,
  type EventContract,
} from '@mesh/contracts';
import { expectNotPublished, expectPublished, InMemoryBus, makeEvent, sqsEvent, sqsRecord } from '@mesh/testing';
import { orderSagaHandler } from '../../src/functions/orderSaga/handler';
import type { OrderStatus } from '../../src/domain/orderStatus';
import { InMemoryOrderStore } from '../helpers/InMemoryOrderStore';
import { storedOrder } from '../helpers/orders';

const QUEUE = 'inventory-commands.fifo';

describe('the order saga', () => {
  let bus: InMemoryBus;
  let orders: InMemoryOrderStore;
  let commands: CommandBus;
  let handler: ReturnType<typeof orderSagaHandler>;
  beforeEach(() => {
    bus = new InMemoryBus();
    commands = bus;
    orders = new InMemoryOrderStore(bus);
    handler = orderSagaHandler({
      orders,
      inventory: { commands: { send: (url, list) => commands.send(url, list) }, queueUrl: QUEUE },
    });
  });

  const given = (status: OrderStatus) => orders.orders.set('ord-1', storedOrder('ord-1', 'cus-1', status));
  const statusOf = () => orders.orders.get('ord-1')?.status;
  const deliver = async (...events: ReturnType<typeof makeEvent>[]) => {
    const response = await handler(sqsEvent(events.map((e) => sqsRecord(e))));
    return response.batchItemFailures;
  };
  const on = <C extends EventContract>(contract: C, data: object = {}, eventId?: string) =>
    makeEvent(contract, {
      data: { orderId: 'ord-1', ...data } as never,
      correlationId: 'cor-1',
      ...(eventId ? { eventId } : {}),
    });

  describe('OrderPlaced', () => {
    it("sends ReserveStock for the order's lines to inventory's FIFO queue, grouped by order", async () => {
      given('PENDING');
      const placed = on(OrderPlaced);
      expect(await deliver(placed)).toEqual([]);
      expect(bus.commandsOf(ReserveStock)).toEqual([
        expect.objectContaining({
          queueUrl: QUEUE,
          messageGroupId: 'ord-1',
          envelope: expect.objectContaining({
            commandId: 'reserve-ord-1',
            correlationId: 'cor-1',
            causationId: placed.detail.eventId,
            data: { orderId: 'ord-1', items: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
          }),
        }),
      ]);
    });

    it('asks for no reservation when the customer already cancelled', async () => {
      given('CANCELLED');
      expect(await deliver(on(OrderPlaced))).toEqual([]);
      expect(bus.commandsOf(ReserveStock)).toHaveLength(0);
    });
  });

  describe('StockReserved', () => {
    it('moves PENDING to RESERVED and remembers the reservation', async () => {
      given('PENDING');
      expect(await deliver(on(StockReserved))).toEqual([]);
      expect(orders.orders.get('ord-1')).toMatchObject({ status: 'RESERVED', stockReserved: true });
    });

    it('never moves a CONFIRMED order back (late duplicate)', async () => {
      given('CONFIRMED');
      expect(await deliver(on(StockReserved))).toEqual([]);
      expect(statusOf()).toBe('CONFIRMED');
    });

    it('releases a reservation that lands after the order was cancelled (compensation)', async () => {
      given('CANCELLED');
      expect(await deliver(on(StockReserved))).toEqual([]);
      expect(statusOf()).toBe('CANCELLED');
      expect(bus.commandsOf(ReleaseStock)).toEqual([
        expect.objectContaining({
          envelope: expect.objectContaining({ data: { orderId: 'ord-1', reason: 'ORDER_CANCELLED' } }),
        }),
      ]);
    });
  });

  describe('StockRejected', () => {
    it('cancels a PENDING order with reason STOCK_REJECTED and publishes OrderCancelled', async () => {
      given('PENDING');
      expect(await deliver(on(StockRejected))).toEqual([]);
      expect(orders.orders.get('ord-1')).toMatchObject({ status: 'CANCELLED', cancelReason: 'STOCK_REJECTED' });
      const [cancelled] = expectPublished(bus, OrderCancelled, {
        orderId: 'ord-1',
        customerId: 'cus-1',
        reason: 'STOCK_REJECTED',
      });
      expect(cancelled!.data.detail).toContain('SKU-RED-MUG');
      expect(cancelled!.correlationId).toBe('cor-1');
      expect(bus.commandsOf(ReleaseStock)).toHaveLength(0);
    });

    it('leaves a CONFIRMED order alone and acknowledges the event', async () => {
      given('CONFIRMED');
      expect(await deliver(on(StockRejected))).toEqual([]);
      expect(statusOf()).toBe('CONFIRMED');
      expectNotPublished(bus, OrderCancelled);
    });
  });

  describe('PaymentCaptured', () => {
    it('confirms a RESERVED order and publishes OrderConfirmed with the payment', async () => {
      given('RESERVED');
      expect(await deliver(on(PaymentCaptured, { paymentId: 'pay-9' }))).toEqual([]);
      expect(orders.orders.get('ord-1')).toMatchObject({ status: 'CONFIRMED', paymentId: 'pay-9' });
      expectPublished(bus, OrderConfirmed, { orderId: 'ord-1', customerId: 'cus-1', paymentId: 'pay-9' }, { times: 1 });
    });

    it('confirms at once on a capture that overtook its StockReserved, and then ignores the late reservation', async () => {
      given('PENDING');
      expect(await deliver(on(PaymentCaptured, { paymentId: 'pay-9' }))).toEqual([]);
      expect(orders.orders.get('ord-1')).toMatchObject({ status: 'CONFIRMED', paymentId: 'pay-9' });
      expect(await deliver(on(StockReserved))).toEqual([]);
      expect(statusOf()).toBe('CONFIRMED');
      expectPublished(bus, OrderConfirmed, { orderId: 'ord-1', paymentId: 'pay-9' }, { times: 1 });
      expect(bus.commandsOf(ReleaseStock)).toHaveLength(0);
    });

    it('acknowledges a capture for a cancelled order without reviving it', async () => {
      given('CANCELLED');
      expect(await deliver(on(PaymentCaptured))).toEqual([]);
      expect(statusOf()).toBe('CANCELLED');
      expectNotPublished(bus, OrderConfirmed);
    });
  });

  describe('PaymentDeclined', () => {
    it('cancels a RESERVED order, publishes OrderCancelled and releases the stock (compensation)', async () => {
      given('RESERVED');
      expect(await deliver(on(PaymentDeclined, { reason: 'card expired' }))).toEqual([]);
      expect(orders.orders.get('ord-1')).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
      expectPublished(bus, OrderCancelled, { reason: 'PAYMENT_DECLINED', detail: 'card expired' }, { times: 1 });
      expect(bus.commandsOf(ReleaseStock)).toEqual([
        expect.objectContaining({
          messageGroupId: 'ord-1',
          envelope: expect.objectContaining({
            commandId: 'release-ord-1',
            data: { orderId: 'ord-1', reason: 'PAYMENT_DECLINED' },
          }),
        }),
      ]);
    });

    it('never cancels a CONFIRMED order', async () => {
      given('CONFIRMED');
      expect(await deliver(on(PaymentDeclined))).toEqual([]);
      expect(statusOf()).toBe('CONFIRMED');
      expect(bus.commandsOf(ReleaseStock)).toHaveLength(0);
    });

    it('re-sends the release when redelivered after a crash between the write and the send', async () => {
      given('RESERVED');
      let failures = 1;
      commands = {
        send: (url, list) => (failures-- > 0 ? Promise.reject(new Error('SQS unreachable')) : bus.send(url, list)),
      };
      const declined = on(PaymentDeclined);
      expect(await deliver(declined)).toHaveLength(1);
      expect(statusOf()).toBe('CANCELLED');
      expect(await deliver(declined)).toEqual([]);
      expectPublished(bus, OrderCancelled, undefined, { times: 1 });
      expect(bus.commandsOf(ReleaseStock).map((c) => c.envelope.commandId)).toEqual(['release-ord-1']);
    });
  });

  describe('duplicates and disorder', () => {
    it('changes nothing twice when every event is delivered twice', async () => {
      given('PENDING');
      const reserved = on(StockReserved);
      const captured = on(PaymentCaptured);
      await deliver(reserved, reserved);
      await deliver(captured, captured);
      await deliver(reserved);
      expect(statusOf()).toBe('CONFIRMED');
      expectPublished(bus, OrderConfirmed, undefined, { times: 1 });
    });

    it('keeps the first final outcome whatever arrives after it', async () => {
      given('PENDING');
      await deliver(on(StockRejected));
      await deliver(on(StockReserved), on(PaymentCaptured), on(PaymentDeclined));
      expect(orders.orders.get('ord-1')).toMatchObject({ status: 'CANCELLED', cancelReason: 'STOCK_REJECTED' });
      expectPublished(bus, OrderCancelled, undefined, { times: 1 });
      expectNotPublished(bus, OrderConfirmed);
    });

    it('acknowledges events for an order it does not know', async () => {
      expect(await deliver(on(StockReserved), on(StockRejected), on(PaymentDeclined))).toEqual([]);
      expect(bus.published).toHaveLength(0);
    });
  });
});
