import { event as outgoing, type Observer } from '@mesh/bus';
import { OrderCancelled, type PaymentDeclined } from '@mesh/contracts';
import { releaseStock } from '../../../inventoryCommands';
import { clock, type SagaDependencies } from '../../../dependencies';

/**
 * PENDING/RESERVED → CANCELLED (PAYMENT_DECLINED), with OrderCancelled in the same transaction, then the
 * compensation: release the reserved stock. A redelivery finds the change already applied and re-sends
 * the release (same command id), so a crash between the two loses nothing.
 */
export const onPaymentDeclined = (deps: SagaDependencies): Observer<typeof PaymentDeclined> =>
  async function onPaymentDeclined(event, ctx) {
    const { orderId, reason } = event.data;
    const outcome = await deps.orders.changeStatus(
      orderId,
      { to: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED', cause: event.eventId, at: clock(deps) },
      (order) => [
        outgoing(
          OrderCancelled,
          { orderId, customerId: order.customerId, reason: 'PAYMENT_DECLINED', detail: reason },
          ctx.trace,
        ),
      ],
    );
    if (outcome.result === 'not-found') return ctx.logger.warn('payment declined for an unknown order', { orderId });
    if (outcome.result === 'refused')
      return ctx.logger.info('PaymentDeclined ignored', { orderId, reason: outcome.reason });
    if (outcome.order.stockReserved) await releaseStock(deps.inventory, orderId, 'PAYMENT_DECLINED', ctx.trace);
  };
