import { PaymentCaptured, PaymentDeclined, PaymentRefunded } from '@mesh/contracts';
import type { Payment } from './Payment';

export type PaymentOutcome =
  | { contract: typeof PaymentCaptured; data: PaymentCaptured; eventId: string }
  | { contract: typeof PaymentDeclined; data: PaymentDeclined; eventId: string };

/**
 * The event that tells the mesh how the payment of a decided order ended, with the id chosen at decision.
 * A payment refunded before its capture was announced still tells the capture first (then its refund).
 */
export function outcomeOf(payment: Payment): PaymentOutcome {
  const { orderId, amount, outcomeEventId: eventId } = payment;
  const captured = payment.status === 'CAPTURED' || payment.status === 'REFUNDED';
  if (captured && payment.paymentId && payment.receiptKey && eventId) {
    return {
      contract: PaymentCaptured,
      data: { orderId, amount, paymentId: payment.paymentId, receiptKey: payment.receiptKey },
      eventId,
    };
  }
  if (payment.status === 'DECLINED' && payment.declineReason && eventId) {
    return { contract: PaymentDeclined, data: { orderId, amount, reason: payment.declineReason }, eventId };
  }
  throw new TypeError(`payment of order ${orderId} is ${payment.status}: it has no outcome to tell`);
}

/** The PaymentRefunded event of a refunded payment, with the id chosen when the refund was recorded. */
export function refundOf(payment: Payment): {
  contract: typeof PaymentRefunded;
  data: PaymentRefunded;
  eventId: string;
} {
  const { orderId, customerId, amount, paymentId, refundId, refundEventId: eventId } = payment;
  if (payment.status !== 'REFUNDED' || !paymentId || !refundId || !eventId) {
    throw new TypeError(`payment of order ${orderId} is ${payment.status}: it has no refund to tell`);
  }
  return { contract: PaymentRefunded, data: { orderId, customerId, paymentId, refundId, amount }, eventId };
}
