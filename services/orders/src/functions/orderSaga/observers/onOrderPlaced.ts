import type { Observer } from '@mesh/bus';
import type { OrderPlaced } from '@mesh/contracts';
import { reserveStock } from '../../../inventoryCommands';
import type { SagaDependencies } from '../../../dependencies';

/** First step of the saga: ask inventory to reserve the order's lines, unless it was cancelled meanwhile. */
export const onOrderPlaced = (deps: SagaDependencies): Observer<typeof OrderPlaced> =>
  async function onOrderPlaced(event, ctx) {
    const order = await deps.orders.get(event.data.orderId);
    if (order && order.status !== 'PENDING') {
      ctx.logger.info('order no longer pending; no reservation asked', {
        orderId: order.orderId,
        status: order.status,
      });
      return;
    }
    await reserveStock(deps.inventory, event.data, ctx.trace);
  };
