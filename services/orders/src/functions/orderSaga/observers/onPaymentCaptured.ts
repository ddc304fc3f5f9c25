import { event as outgoing, type Observer } from '@mesh/bus';
import { OrderConfirmed, type PaymentCaptured } from '@mesh/contracts';
import { clock, type SagaDependencies } from '../../../dependencies';

/**
 * RESERVED (or PENDING, when the capture overtook its StockReserved: a capture proves the reservation) →
 * CONFIRMED, with OrderConfirmed in the same transaction.
 */
export const onPaymentCaptured = (deps: SagaDependencies): Observer<typeof PaymentCaptured> =>
  async function onPaymentCaptured(event, ctx) {
    const { orderId, paymentId } = event.data;
    const outcome = await deps.orders.changeStatus(
      orderId,
      { to: 'CONFIRMED', paymentId, cause: event.eventId, at: clock(deps) },
      (order) => [outgoing(OrderConfirmed, { orderId, customerId: order.customerId, paymentId }, ctx.trace)],
    );
    if (outcome.result === 'not-found') return ctx.logger.warn('payment captured for an unknown order', { orderId });
    if (outcome.result !== 'refused') return;
    // Money taken for an order that will not ship: payments observes OrderCancelled too and refunds it
    // (PaymentRefunded), so the order stays CANCELLED.
    const details = { orderId, paymentId, status: outcome.order.status, reason: outcome.reason };
    if (outcome.order.status === 'CANCELLED')
      ctx.logger.warn('payment captured for a cancelled order; payments refunds it', details);
    else ctx.logger.info('PaymentCaptured ignored', details);
  };
