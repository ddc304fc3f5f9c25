import { PaymentCaptured, PaymentDeclined } from '@mesh/contracts';
import type { Payment } from './Payment';

export type PaymentOutcome =
  | { contract: typeof PaymentCaptured; data: PaymentCaptured; eventId: string }
  | { contract: typeof PaymentDeclined; data: PaymentDeclined; eventId: string };

/** The event that tells the mesh how the payment of a decided order ended, with the id chosen at decision. */
export function outcomeOf(payment: Payment): PaymentOutcome {
  const { orderId, amount, outcomeEventId: eventId } = payment;
  if (payment.status === 'CAPTURED' && payment.paymentId && payment.receiptKey && eventId) {
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
