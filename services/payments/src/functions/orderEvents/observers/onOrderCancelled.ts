import type { Observer } from '@mesh/bus';
import type { OrderCancelled } from '@mesh/contracts';
import { refundOf } from '../../../domain/outcome';
import { cancelStep, markRefundAnnounced, markRefunded, voidPayment, type Payment } from '../../../domain/Payment';
import { ConcurrentPaymentUpdateError } from '../../../errors';
import type { PaymentsDependencies } from '../../../dependencies';

/**
 * Makes sure a cancelled order costs its customer nothing. A payment not captured yet is voided (CANCELLED),
 * so a StockReserved arriving after the cancellation captures nothing; a captured one is refunded in full
 * through the provider (idempotent on `refund-<orderId>`) and PaymentRefunded is published once. A capture
 * under way, or an OrderCancelled that overtook OrderPlaced, sends the message back for a retry.
 */
export function onOrderCancelled(deps: PaymentsDependencies): Observer<typeof OrderCancelled> {
  const { payments, provider, events, now, newId } = deps;
  const save = async (previous: Payment, next: Payment) => {
    if (!(await payments.replace(previous, next))) throw new ConcurrentPaymentUpdateError(next.orderId);
    return next;
  };

  return async function onOrderCancelled(event, { logger, trace }) {
    const { orderId } = event.data;
    let payment = await payments.find(orderId);
    const step = cancelStep(payment, orderId);
    if (step === 'nothing' || !payment) {
      logger.info('cancelled order owes no payment action', { orderId, status: payment?.status });
      return;
    }
    if (step === 'void') {
      await save(payment, voidPayment(payment, now()));
      logger.info('payment voided before capture', { orderId });
      return;
    }
    if (step === 'refund') {
      const { refundId } = await provider.refund({
        orderId,
        paymentId: payment.paymentId!,
        amount: payment.amount,
        idempotencyKey: `refund-${orderId}`,
      });
      payment = await save(payment, markRefunded(payment, refundId, now(), newId()));
    }
    const { contract, data, eventId } = refundOf(payment);
    await events.publish([{ contract, data, eventId, trace }]);
    await save(payment, markRefundAnnounced(payment));
  };
}
