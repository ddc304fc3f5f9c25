import type { Observer } from '@mesh/bus';
import type { StockReserved } from '@mesh/contracts';
import { outcomeOf } from '../../../domain/outcome';
import { captureStep, claimCapture, decideCapture, markAnnounced, type Payment } from '../../../domain/Payment';
import { receiptOf } from '../../../domain/receipt';
import { ConcurrentPaymentUpdateError } from '../../../errors';
import type { PaymentsDependencies } from '../../../dependencies';

/**
 * Captures the order's payment once its stock is held, writes the receipt and publishes PaymentCaptured or
 * PaymentDeclined. Every step is a conditional write over the payment, so a duplicate, late or concurrent
 * delivery never captures twice, and a retry after a crash resumes where the last try stopped.
 *
 * If StockReserved arrives before OrderPlaced, the amount is unknown: {@link PaymentNotYetKnownError} is
 * thrown on purpose, the message returns to its queue and is retried after the visibility timeout.
 */
export function onStockReserved(deps: PaymentsDependencies): Observer<typeof StockReserved> {
  const { payments, provider, receipts, events, now, newId } = deps;
  const save = async (previous: Payment, next: Payment) => {
    if (!(await payments.replace(previous, next))) throw new ConcurrentPaymentUpdateError(next.orderId);
    return next;
  };

  return async function onStockReserved(event, { logger, trace }) {
    const { orderId } = event.data;
    let payment = await payments.find(orderId);
    const step = captureStep(payment, orderId, now());
    if (step === 'nothing' || !payment) {
      logger.info('payment already settled and announced; nothing to do', { orderId });
      return;
    }
    if (step === 'capture') {
      payment = await save(payment, claimCapture(payment, now()));
      const result = await provider.capture({ orderId, amount: payment.amount, idempotencyKey: orderId });
      payment = await save(payment, decideCapture(payment, result, now(), newId()));
    }
    if (payment.status === 'CAPTURED') await receipts.put(payment.receiptKey!, receiptOf(payment));
    const { contract, data, eventId } = outcomeOf(payment);
    await events.publish([{ contract, data, eventId, trace }]);
    await save(payment, markAnnounced(payment));
  };
}
