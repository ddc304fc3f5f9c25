import type { CommandHandlerFn } from '@mesh/bus';
import type { ReleaseStock } from '@mesh/contracts';
import { planRelease } from '../../domain/planRelease';
import type { InventoryDependencies } from '../../dependencies';
import { stockReleased } from './outcomeEvents';

/**
 * Restores an order's reserved stock exactly once. A release with no ACTIVE reservation left (never
 * reserved, or released by another command) publishes nothing and succeeds, so the message is not retried.
 */
export function onReleaseStock(deps: InventoryDependencies): CommandHandlerFn<typeof ReleaseStock> {
  return async ({ commandId, data: { orderId } }, ctx) => {
    const plan = planRelease(await deps.store.reservationOf(orderId), commandId);
    if (plan.kind === 'ignore') {
      ctx.logger.info('nothing to release', { reason: plan.reason });
      return;
    }
    const outcome =
      plan.kind === 'release'
        ? await deps.store.release(orderId, plan.items, commandId, deps.now().toISOString())
        : 'released';
    // Only a concurrent release could have won the condition; it publishes StockReleased itself.
    if (outcome === 'not-active') ctx.logger.info('released concurrently by another command');
    else await deps.events.publish([stockReleased(orderId, plan.items, ctx.trace)]);
  };
}
