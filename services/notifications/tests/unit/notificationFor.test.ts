import { OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded } from '@mesh/contracts';
import {
  cancelledNotification,
  confirmedNotification,
  placedNotification,
  refundedNotification,
} from '../../src/domain/notificationFor';

const at = '2026-11-25T10:00:00.000Z';

describe('notifications of the order lifecycle', () => {
  it('tells the customer what was ordered and what it costs', () => {
    const data = {
      ...OrderPlaced.example,
      items: [
        { sku: 'SKU-A', quantity: 2, unitPrice: { amount: 1000, currency: 'EUR' } },
        { sku: 'SKU-B', quantity: 1, unitPrice: { amount: 505, currency: 'EUR' } },
      ],
      total: { amount: 2505, currency: 'EUR' },
    };
    expect(placedNotification({ eventId: 'e1', occurredAt: at, data })).toEqual({
      customerId: 'cus-42',
      orderId: 'ord-01J9Z6',
      eventId: 'e1',
      occurredAt: at,
      kind: 'ORDER_PLACED',
      message: 'We received your order ord-01J9Z6: 3 items, 25.05 EUR.',
    });
  });

  it('says one item, not one items', () => {
    const data = { ...OrderPlaced.example, items: [{ ...OrderPlaced.example.items[0]!, quantity: 1 }] };
    expect(placedNotification({ eventId: 'e1', occurredAt: at, data }).message).toMatch(/: 1 item, /);
  });

  it('confirms a paid order', () => {
    expect(confirmedNotification({ eventId: 'e2', occurredAt: at, data: OrderConfirmed.example })).toMatchObject({
      kind: 'ORDER_CONFIRMED',
      message: 'Your order ord-01J9Z6 is confirmed and paid.',
    });
  });

  it('explains each reason of a cancellation', () => {
    const reasons = {
      CUSTOMER_REQUEST: 'at your request',
      STOCK_REJECTED: 'out of stock',
      PAYMENT_DECLINED: 'payment was declined',
    };
    for (const [reason, words] of Object.entries(reasons)) {
      const data = { ...OrderCancelled.example, reason: reason as OrderCancelled['reason'] };
      expect(cancelledNotification({ eventId: 'e3', occurredAt: at, data }).message).toContain(words);
    }
  });

  it('tells a refund with its amount', () => {
    expect(refundedNotification({ eventId: 'e4', occurredAt: at, data: PaymentRefunded.example })).toEqual({
      customerId: 'cus-42',
      orderId: 'ord-01J9Z6',
      eventId: 'e4',
      occurredAt: at,
      kind: 'PAYMENT_REFUNDED',
      message: 'We refunded 25.00 EUR for your cancelled order ord-01J9Z6.',
    });
  });
});
