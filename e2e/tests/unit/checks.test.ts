import type { MessageHistory } from '@mesh/offline';
import type { OrderEvent } from '../../src/soak/orderEvents';
import { checkSoak, type SoakObservations } from '../../src/soak/checks';
import type { StoredOrder } from '../../src/soak/meshState';
import type { OrderPlan } from '../../src/soak/orderMix';

const plan: OrderPlan = {
  customers: ['cus-1'],
  stock: { 'SKU-RED-MUG': 10 },
  orders: [
    {
      index: 0,
      kind: 'confirm',
      customerId: 'cus-1',
      items: [{ sku: 'SKU-RED-MUG', quantity: 2 }],
      correlationId: 'soak-r-1',
    },
    {
      index: 1,
      kind: 'cancel',
      customerId: 'cus-1',
      items: [{ sku: 'SKU-RED-MUG', quantity: 1 }],
      cancelAfterMs: 0,
      correlationId: 'soak-r-2',
    },
  ],
};

const order = (
  orderId: string,
  correlationId: string,
  status: string,
  extra: Partial<StoredOrder> = {},
): StoredOrder => ({
  orderId,
  customerId: 'cus-1',
  status,
  correlationId,
  items: [{ sku: 'SKU-RED-MUG', quantity: orderId === 'o1' ? 2 : 1 }],
  ...extra,
});

/** A run where everything went right: o1 confirmed and paid, o2 cancelled by its customer before any capture. */
function healthy(): SoakObservations {
  const events: Record<string, OrderEvent[]> = {
    o1: [
      { detailType: 'PaymentCaptured', eventId: 'e1', orderId: 'o1', paymentId: 'p1' },
      { detailType: 'PaymentCaptured', eventId: 'e1', orderId: 'o1', paymentId: 'p1' }, // a duplicate delivery
      { detailType: 'OrderConfirmed', eventId: 'e2', orderId: 'o1', paymentId: 'p1' },
    ],
    o2: [{ detailType: 'OrderCancelled', eventId: 'e3', orderId: 'o2' }],
  };
  return {
    plan,
    placements: [
      { status: 201, orderId: 'o1', attempts: 1 },
      { status: 201, orderId: 'o2', attempts: 1, cancelStatus: 200 },
    ],
    orders: [
      order('o1', 'soak-r-1', 'CONFIRMED', { paymentId: 'p1' }),
      order('o2', 'soak-r-2', 'CANCELLED', { cancelReason: 'CUSTOMER_REQUEST' }),
    ],
    stock: [{ sku: 'SKU-RED-MUG', onHand: 10, reserved: 2, available: 8 }],
    reservations: [
      { orderId: 'o1', status: 'ACTIVE', items: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
      { orderId: 'o2', status: 'RELEASED', items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] },
    ],
    payments: [
      { orderId: 'o1', status: 'CAPTURED', paymentId: 'p1' },
      { orderId: 'o2', status: 'CANCELLED' },
    ],
    events: (orderId) => events[orderId] ?? [],
    queues: [
      {
        name: 'orders-soak-order-saga',
        url: 'u',
        isDeadLetter: false,
        visible: 0,
        inFlight: 0,
        delayed: 0,
        oldestAgeSeconds: null,
      },
      {
        name: 'orders-soak-order-saga-dlq',
        url: 'u',
        isDeadLetter: true,
        visible: 1,
        inFlight: 0,
        delayed: 0,
        oldestAgeSeconds: null,
      },
    ],
    dlqMessages: [],
    historyOf: () => undefined,
    badInputs: new Map(),
  };
}

const checksOf = (observed: SoakObservations) => checkSoak(observed).violations.map((v) => v.check);

describe('checkSoak', () => {
  it('passes a run where every order ended as expected, paid once, with stock conserved', () => {
    const result = checkSoak(healthy());
    expect(result.violations).toEqual([]);
    expect(result.ends).toEqual({ CONFIRMED: 1, 'CANCELLED CUSTOMER_REQUEST': 1 });
    expect(result.stock).toEqual([
      { sku: 'SKU-RED-MUG', initial: 10, onHand: 10, available: 8, sold: 2, strayReserved: 0 },
    ]);
  });

  it('fails an order left PENDING, and one the API took that is not in the table', () => {
    const observed = healthy();
    observed.orders[0] = order('o1', 'soak-r-1', 'PENDING');
    observed.placements[1] = { status: 201, orderId: 'o9', attempts: 1 };
    expect(checksOf(observed)).toEqual(expect.arrayContaining(['no order lost']));
    expect(checkSoak(observed).violations.filter((v) => v.check === 'no order lost')).toHaveLength(2);
  });

  it('fails an order never placed, and a cancel answered 200 whose order was confirmed', () => {
    const observed = healthy();
    observed.orders = [observed.orders[0]!, order('o2', 'soak-r-2', 'CONFIRMED')];
    observed.placements[0] = { status: 504, attempts: 8 };
    observed.orders.shift();
    expect(checksOf(observed)).toEqual(expect.arrayContaining(['every order placed', 'expected end']));
  });

  it('fails two captures of one order, and a capture kept for a cancelled order', () => {
    const observed = healthy();
    const events: Record<string, OrderEvent[]> = {
      o1: [
        { detailType: 'PaymentCaptured', eventId: 'e1', orderId: 'o1', paymentId: 'p1' },
        { detailType: 'PaymentCaptured', eventId: 'e9', orderId: 'o1', paymentId: 'p2' },
      ],
      o2: [{ detailType: 'PaymentCaptured', eventId: 'e4', orderId: 'o2', paymentId: 'p3' }],
    };
    observed.events = (orderId) => events[orderId] ?? [];
    const details = checkSoak(observed).violations.map((v) => `${v.subject}: ${v.detail}`);
    expect(details).toEqual([
      expect.stringMatching(/^o1: captured 2 times/),
      expect.stringMatching(/^o2: captured for an order CANCELLED CUSTOMER_REQUEST and never refunded/),
    ]);
    // Refunded once, the cancelled order's capture is fine.
    events.o2!.push({ detailType: 'PaymentRefunded', eventId: 'e5', orderId: 'o2', refundId: 'r1' });
    expect(checkSoak(observed).violations.map((v) => v.subject)).toEqual(['o1']);
  });

  it('fails stock held by a cancelled order, and stock that no longer adds up', () => {
    const observed = healthy();
    observed.reservations[1] = { ...observed.reservations[1]!, status: 'ACTIVE' };
    observed.stock = [{ sku: 'SKU-RED-MUG', onHand: 10, reserved: 3, available: 7 }];
    const stock = checkSoak(observed).violations.filter((v) => v.check === 'stock conserved');
    expect(stock.map((v) => v.subject)).toEqual(['o2']);
    observed.stock = [{ sku: 'SKU-RED-MUG', onHand: 11, reserved: 3, available: 8 }];
    expect(checksOf(observed).filter((c) => c === 'stock conserved').length).toBeGreaterThan(2);
  });

  it('explains a DLQ message by its injected failures or a bad input, and fails one the function failed itself', () => {
    const observed = healthy();
    const failed = (injected: boolean) => ({
      at: 0,
      receiveCount: 1,
      outcome: 'failed' as const,
      injected,
      ...(injected ? { fault: 'fail-before' as const } : { reason: 'reported failed by the function' }),
    });
    const histories: Record<string, MessageHistory> = {
      m1: { messageId: 'm1', queue: 'q', deliveries: [failed(true), failed(true)] },
      m2: { messageId: 'm2', queue: 'q', deliveries: [failed(true), failed(false)] },
    };
    observed.historyOf = (id) => histories[id];
    observed.badInputs = new Map([['bad-1', 'breaks the contract']]);
    const body = (eventId: string) => JSON.stringify({ 'detail-type': 'OrderPlaced', detail: { eventId, data: {} } });
    observed.dlqMessages = [
      { queue: 'q-dlq', messageId: 'm1', receiveCount: 6, body: body('e-1') },
      { queue: 'q-dlq', messageId: 'm2', receiveCount: 6, body: body('e-2') },
      { queue: 'q-dlq', messageId: 'm3', receiveCount: 6, body: body('bad-1') },
    ];
    const result = checkSoak(observed);
    expect(result.dlq.map((d) => d.explained)).toEqual([true, false, true]);
    expect(result.violations).toEqual([expect.objectContaining({ check: 'DLQ explained', subject: 'q-dlq m2' })]);
  });

  it('fails a queue that still holds a message in flight, DLQs aside', () => {
    const observed = healthy();
    observed.queues[0] = { ...observed.queues[0]!, inFlight: 1 };
    expect(checksOf(observed)).toEqual(['nothing in flight']);
  });
});
