import type { OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded } from '@mesh/contracts';

/** One line of a customer's notification log. */
export interface Notification {
  customerId: string;
  orderId: string;
  eventId: string;
  kind: 'ORDER_PLACED' | 'ORDER_CONFIRMED' | 'ORDER_CANCELLED' | 'PAYMENT_REFUNDED';
  message: string;
  occurredAt: string;
}

type Fact<Data> = { eventId: string; occurredAt: string; data: Data };

const money = ({ amount, currency }: { amount: number; currency: string }) =>
  `${(amount / 100).toFixed(2)} ${currency}`;

const CANCEL_REASONS: Record<OrderCancelled['reason'], string> = {
  CUSTOMER_REQUEST: 'at your request',
  STOCK_REJECTED: 'because an item is out of stock',
  PAYMENT_DECLINED: 'because the payment was declined',
};

export function placedNotification({ eventId, occurredAt, data }: Fact<OrderPlaced>): Notification {
  const items = data.items.reduce((sum, line) => sum + line.quantity, 0);
  return {
    customerId: data.customerId,
    orderId: data.orderId,
    eventId,
    occurredAt,
    kind: 'ORDER_PLACED',
    message: `We received your order ${data.orderId}: ${items} item${items === 1 ? '' : 's'}, ${money(data.total)}.`,
  };
}

export function confirmedNotification({ eventId, occurredAt, data }: Fact<OrderConfirmed>): Notification {
  return {
    customerId: data.customerId,
    orderId: data.orderId,
    eventId,
    occurredAt,
    kind: 'ORDER_CONFIRMED',
    message: `Your order ${data.orderId} is confirmed and paid.`,
  };
}

export function cancelledNotification({ eventId, occurredAt, data }: Fact<OrderCancelled>): Notification {
  return {
    customerId: data.customerId,
    orderId: data.orderId,
    eventId,
    occurredAt,
    kind: 'ORDER_CANCELLED',
    message: `Your order ${data.orderId} was cancelled ${CANCEL_REASONS[data.reason]}.`,
  };
}

export function refundedNotification({ eventId, occurredAt, data }: Fact<PaymentRefunded>): Notification {
  return {
    customerId: data.customerId,
    orderId: data.orderId,
    eventId,
    occurredAt,
    kind: 'PAYMENT_REFUNDED',
    message: `We refunded ${money(data.amount)} for your cancelled order ${data.orderId}.`,
  };
}
