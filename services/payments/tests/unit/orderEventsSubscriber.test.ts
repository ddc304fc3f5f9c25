import {
  OrderCancelled,
  OrderPlaced,
  PaymentCaptured,
  PaymentDeclined,
  PaymentRefunded,
  StockReserved,
} from '@mesh/contracts';
import {
  expectNotPublished,
  expectPublished,
  InMemoryPersistenceLayer,
  lambdaContext,
  makeEvent,
  sqsEvent,
  sqsRecord,
} from '@mesh/testing';
import { CAPTURE_CLAIM_MS } from '../../src/domain/Payment';
import { orderEventsSubscriber } from '../../src/functions/orderEvents/orderEventsSubscriber';
import { fakeDependencies } from '../helpers/fakeDependencies';

const orderId = 'ord-7';
const placed = (amount = 2500) =>
  makeEvent(OrderPlaced, {
    correlationId: 'cor-7',
    data: { orderId, customerId: 'cus-7', total: { amount, currency: 'EUR' } },
  });
const reserved = () => makeEvent(StockReserved, { correlationId: 'cor-7', data: { orderId } });
const cancelled = () =>
  makeEvent(OrderCancelled, {
    correlationId: 'cor-7',
    data: { orderId, customerId: 'cus-7', reason: 'CUSTOMER_REQUEST' },
  });

function setUp() {
  const fakes = fakeDependencies();
  const persistenceStore = new InMemoryPersistenceLayer();
  const handler = orderEventsSubscriber(fakes.deps, { persistenceStore });
  const deliver = (...events: object[]) =>
    handler(sqsEvent(events.map((e) => sqsRecord(e))), lambdaContext('payments-test-orderEvents'));
  return { ...fakes, handler, deliver };
}

describe('payments order-events subscriber', () => {
  it('captures once the amount is known and the stock reserved, with the receipt and the trace', async () => {
    const { deliver, events, receipts, provider, payments } = setUp();
    const stock = reserved();

    expect(await deliver(placed())).toEqual({ batchItemFailures: [] });
    expect(await deliver(stock)).toEqual({ batchItemFailures: [] });

    const [captured] = expectPublished(events, PaymentCaptured, {
      orderId,
      amount: { amount: 2500, currency: 'EUR' },
      receiptKey: `receipts/${orderId}.json`,
    });
    expect(captured).toMatchObject({ correlationId: 'cor-7', causationId: stock.detail.eventId });
    expect(provider.charges).toEqual([{ orderId, amount: { amount: 2500, currency: 'EUR' }, idempotencyKey: orderId }]);
    expect(receipts.receipts.get(`receipts/${orderId}.json`)).toEqual({
      orderId,
      customerId: 'cus-7',
      paymentId: captured!.data.paymentId,
      amount: { amount: 2500, currency: 'EUR' },
      capturedAt: expect.any(String),
    });
    expect(payments.history.get(orderId)).toEqual(['PENDING', 'CAPTURING', 'CAPTURED', 'CAPTURED']);
  });

  it('captures once when the same StockReserved is delivered twice, one after the other', async () => {
    const { deliver, events, receipts, provider } = setUp();
    const stock = reserved();
    await deliver(placed());

    expect(await deliver(stock)).toEqual({ batchItemFailures: [] });
    expect(await deliver(stock)).toEqual({ batchItemFailures: [] });

    expect(provider.charges).toHaveLength(1);
    expect(receipts.writes).toBe(1);
    expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
  });

  it('captures once when both copies come in one batch: the one still in progress is retried, then suppressed', async () => {
    const { deliver, events, receipts, provider } = setUp();
    const stock = reserved();
    await deliver(placed());

    const together = await deliver(stock, stock);
    expect(together.batchItemFailures.length).toBeLessThanOrEqual(1);
    expect(await deliver(stock)).toEqual({ batchItemFailures: [] });

    expect(provider.charges).toHaveLength(1);
    expect(receipts.writes).toBe(1);
    expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
  });

  it('captures once when StockReserved is published twice under two event ids', async () => {
    const { deliver, events, receipts, provider } = setUp();
    await deliver(placed());

    await deliver(reserved());
    await deliver(reserved());

    expect(provider.charges).toHaveLength(1);
    expect(receipts.writes).toBe(1);
    expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
  });

  it('sends StockReserved back to its queue when it comes before OrderPlaced, then captures on the retry', async () => {
    const { deliver, events, provider } = setUp();
    const stock = reserved();

    const first = await deliver(stock);
    expect(first.batchItemFailures).toHaveLength(1);
    expectNotPublished(events, PaymentCaptured);
    expect(provider.charges).toHaveLength(0);

    await deliver(placed());
    expect(await deliver({ ...stock })).toEqual({ batchItemFailures: [] });

    expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
    expect(provider.charges).toHaveLength(1);
  });

  it('publishes PaymentDeclined with the reason, and writes no receipt', async () => {
    const { deliver, events, receipts, payments } = setUp();
    await deliver(placed(1013));

    await deliver(reserved());

    expectPublished(events, PaymentDeclined, {
      orderId,
      amount: { amount: 1013, currency: 'EUR' },
      reason: 'card declined',
    });
    expectNotPublished(events, PaymentCaptured);
    expect(receipts.writes).toBe(0);
    expect((await payments.find(orderId))?.status).toBe('DECLINED');
  });

  it('leaves a captured payment alone when OrderPlaced arrives again, with another amount even', async () => {
    const { deliver, payments } = setUp();
    await deliver(placed());
    await deliver(reserved());
    const before = await payments.find(orderId);

    expect(await deliver(placed(9999))).toEqual({ batchItemFailures: [] });

    expect(await payments.find(orderId)).toEqual(before);
    expect(before?.status).toBe('CAPTURED');
  });

  it('retries while another delivery holds the capture, and takes it over after a crash', async () => {
    const { deliver, deps, payments, provider, events, advance } = setUp();
    await deliver(placed());
    // A first delivery claimed the capture and died before deciding it.
    const pending = (await payments.find(orderId))!;
    await payments.replace(pending, {
      ...pending,
      status: 'CAPTURING',
      version: 2,
      claimExpiresAt: new Date(deps.now().getTime() + CAPTURE_CLAIM_MS).toISOString(),
    });

    expect((await deliver(reserved())).batchItemFailures).toHaveLength(1);
    expect(provider.charges).toHaveLength(0);

    advance(CAPTURE_CLAIM_MS + 1);
    expect(await deliver(reserved())).toEqual({ batchItemFailures: [] });
    expect(provider.charges).toHaveLength(1);
    expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
  });

  it('finishes an outcome decided before a crash without capturing again', async () => {
    const { deliver, deps, events, provider, receipts } = setUp();
    await deliver(placed());
    const publish = deps.events.publish.bind(deps.events);
    deps.events.publish = async () => {
      throw new Error('EventBridge unreachable');
    };
    const stock = reserved();

    expect((await deliver(stock)).batchItemFailures).toHaveLength(1);
    deps.events.publish = publish;
    expect(await deliver(stock)).toEqual({ batchItemFailures: [] });

    expect(provider.charges).toHaveLength(1);
    expect(receipts.writes).toBe(2); // the same receipt, rewritten by the retry
    expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
  });

  describe('when the order is cancelled', () => {
    it('never charges an order cancelled before its StockReserved arrives', async () => {
      const { deliver, events, provider, payments } = setUp();
      await deliver(placed());

      expect(await deliver(cancelled())).toEqual({ batchItemFailures: [] });
      expect(await deliver(reserved())).toEqual({ batchItemFailures: [] });

      expect(provider.charges).toHaveLength(0);
      expectNotPublished(events, PaymentCaptured);
      expectNotPublished(events, PaymentRefunded);
      expect(payments.history.get(orderId)).toEqual(['PENDING', 'CANCELLED']);
    });

    it('refunds an order cancelled after its capture, once, with the trace, under duplicate delivery', async () => {
      const { deliver, events, provider, payments } = setUp();
      await deliver(placed());
      await deliver(reserved());
      const cancel = cancelled();

      expect(await deliver(cancel)).toEqual({ batchItemFailures: [] });
      expect(await deliver(cancel)).toEqual({ batchItemFailures: [] });
      expect(await deliver(cancelled())).toEqual({ batchItemFailures: [] }); // the same cancel, another event id

      const [captured] = expectPublished(events, PaymentCaptured, { orderId }, { times: 1 });
      const [refunded] = expectPublished(
        events,
        PaymentRefunded,
        { orderId, paymentId: captured!.data.paymentId, amount: { amount: 2500, currency: 'EUR' } },
        { times: 1 },
      );
      expect(refunded).toMatchObject({ correlationId: 'cor-7', causationId: cancel.detail.eventId });
      expect(provider.refunds).toEqual([
        {
          orderId,
          paymentId: captured!.data.paymentId,
          amount: { amount: 2500, currency: 'EUR' },
          idempotencyKey: `refund-${orderId}`,
        },
      ]);
      expect((await payments.find(orderId))?.status).toBe('REFUNDED');
    });

    it('retries a cancel that overtook OrderPlaced, then voids the payment', async () => {
      const { deliver, provider, payments } = setUp();
      const cancel = cancelled();

      expect((await deliver(cancel)).batchItemFailures).toHaveLength(1);
      await deliver(placed());
      expect(await deliver({ ...cancel })).toEqual({ batchItemFailures: [] });
      await deliver(reserved());

      expect(provider.charges).toHaveLength(0);
      expect((await payments.find(orderId))?.status).toBe('CANCELLED');
    });

    it('retries a cancel while the capture is under way, then refunds it', async () => {
      const { deliver, deps, payments, provider, events, advance } = setUp();
      await deliver(placed());
      const pending = (await payments.find(orderId))!;
      await payments.replace(pending, {
        ...pending,
        status: 'CAPTURING',
        version: 2,
        claimExpiresAt: new Date(deps.now().getTime() + CAPTURE_CLAIM_MS).toISOString(),
      });
      const cancel = cancelled();

      expect((await deliver(cancel)).batchItemFailures).toHaveLength(1);
      expect(provider.refunds).toHaveLength(0);
      // The capture's holder died; StockReserved's retry takes the capture over once the claim expired.
      advance(CAPTURE_CLAIM_MS + 1);
      await deliver(reserved());
      expect(await deliver({ ...cancel })).toEqual({ batchItemFailures: [] });

      expect(provider.charges).toHaveLength(1);
      expect(provider.refunds).toHaveLength(1);
      expectPublished(events, PaymentRefunded, { orderId }, { times: 1 });
    });

    it('owes nothing on a declined payment', async () => {
      const { deliver, events, provider } = setUp();
      await deliver(placed(1013));
      await deliver(reserved());

      expect(await deliver(cancelled())).toEqual({ batchItemFailures: [] });

      expect(provider.refunds).toHaveLength(0);
      expectNotPublished(events, PaymentRefunded);
    });

    it('finishes a refund made before a crash without refunding again', async () => {
      const { deliver, deps, events, provider } = setUp();
      await deliver(placed());
      await deliver(reserved());
      const publish = deps.events.publish.bind(deps.events);
      deps.events.publish = async () => {
        throw new Error('EventBridge unreachable');
      };
      const cancel = cancelled();

      expect((await deliver(cancel)).batchItemFailures).toHaveLength(1);
      deps.events.publish = publish;
      expect(await deliver(cancel)).toEqual({ batchItemFailures: [] });

      expect(provider.refunds).toHaveLength(1);
      expectPublished(events, PaymentRefunded, { orderId }, { times: 1 });
    });
  });
});
