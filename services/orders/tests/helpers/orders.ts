import { newOrder, type Order } from '../../src/domain/order';
import type { OrderStatus } from '../../src/domain/orderStatus';

/** An order of `customerId` in `status`, as stored. */
export function storedOrder(
  orderId: string,
  customerId: string,
  status: OrderStatus = 'PENDING',
  extra: Partial<Order> = {},
): Order {
  return {
    ...newOrder({
      orderId,
      customerId,
      items: [{ sku: 'SKU-RED-MUG', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }],
      total: { amount: 2500, currency: 'EUR' },
      correlationId: 'cor-1',
      cause: 'req-1',
      at: new Date('2026-11-25T10:00:00.000Z'),
    }),
    status,
    stockReserved: status === 'RESERVED' || status === 'CONFIRMED',
    ...extra,
  };
}
