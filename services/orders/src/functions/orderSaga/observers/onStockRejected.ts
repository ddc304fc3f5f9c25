import { event as outgoing, type Observer } from '@mesh/bus';
import { OrderCancelled, type StockRejected } from '@mesh/contracts';
import { clock, type SagaDependencies } from '../../../dependencies';

/** PENDING/RESERVED → CANCELLED (STOCK_REJECTED), with OrderCancelled in the same transaction. */
export const onStockRejected = (deps: SagaDependencies): Observer<typeof StockRejected> =>
  async function onStockRejected(event, ctx) {
    const { orderId, reason, unavailable } = event.data;
    const detail = `${reason}: ${unavailable.map((u) => `${u.sku} (${u.available}/${u.requested})`).join(', ')}`;
    const outcome = await deps.orders.changeStatus(
      orderId,
      { to: 'CANCELLED', cancelReason: 'STOCK_REJECTED', cause: event.eventId, at: clock(deps) },
      (order) => [
        outgoing(
          OrderCancelled,
          { orderId, customerId: order.customerId, reason: 'STOCK_REJECTED', detail: detail.slice(0, 500) },
          ctx.trace,
        ),
      ],
    );
    if (outcome.result === 'not-found') return ctx.logger.warn('stock rejected for an unknown order', { orderId });
    if (outcome.result === 'refused') ctx.logger.info('StockRejected ignored', { orderId, reason: outcome.reason });
  };
