import type { Money } from '@mesh/contracts';
import type { Payment } from './Payment';

/** A receipt as written to the receipts bucket: what the customer paid, for which order, when. */
export interface Receipt {
  orderId: string;
  customerId: string;
  paymentId: string;
  amount: Money;
  capturedAt: string;
}

/** Where the receipt of an order lives in the bucket: one per order, so a rewrite lands on the same key. */
export function receiptKeyOf(orderId: string): string {
  return `receipts/${orderId}.json`;
}

/**
 * The receipt of a captured payment. Built from the stored payment only, so writing it again after a retry
 * produces the same bytes.
 */
export function receiptOf(payment: Payment): Receipt {
  const captured = payment.status === 'CAPTURED' || payment.status === 'REFUNDED';
  if (!captured || !payment.paymentId || !payment.decidedAt) {
    throw new TypeError(`payment of order ${payment.orderId} is ${payment.status}: it has no receipt`);
  }
  return {
    orderId: payment.orderId,
    customerId: payment.customerId,
    paymentId: payment.paymentId,
    amount: payment.amount,
    capturedAt: payment.decidedAt,
  };
}
