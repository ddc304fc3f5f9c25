import type { Observer } from '@mesh/bus';
import type { StockReserved } from '@mesh/contracts';
import { releaseStock } from '../../../inventoryCommands';
import { clock, type SagaDependencies } from '../../../dependencies';

/**
 * PENDING → RESERVED. A reservation that lands after the order was cancelled is released at once
 * (compensation), so stock is never held for a dead order.
 */
export const onStockReserved = (deps: SagaDependencies): Observer<typeof StockReserved> =>
  async function onStockReserved(event, ctx) {
    const { orderId } = event.data;
    const outcome = await deps.orders.changeStatus(
      orderId,
      { to: 'RESERVED', cause: event.eventId, at: clock(deps) },
      () => [],
    );
    if (outcome.result === 'not-found') return ctx.logger.warn('stock reserved for an unknown order', { orderId });
    if (outcome.result !== 'refused') return;
    if (outcome.order.status === 'CANCELLED') {
      ctx.logger.info('stock reserved for a cancelled order; releasing it', { orderId });
      await releaseStock(deps.inventory, orderId, 'ORDER_CANCELLED', ctx.trace);
      return;
    }
    ctx.logger.info('StockReserved ignored', { orderId, reason: outcome.reason });
  };
