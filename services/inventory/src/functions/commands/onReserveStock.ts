import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandHandlerFn } from '@mesh/bus';
import type { ReserveStock } from '@mesh/contracts';
import { planReservation, whenAlreadyReserved } from '../../domain/planReservation';
import type { InventoryDependencies } from '../../dependencies';
import { ReservationContendedError } from '../../errors';
import { stockRejected, stockReserved } from './outcomeEvents';

/** Each lost race means another order took stock; re-reading converges well before this many. */
export const RESERVE_ATTEMPTS = 12;

/**
 * Reserves every item of an order or none: plans from the stock read now, then writes it in one
 * conditional transaction; when the stock moved meanwhile, reads and plans again.
 */
export function onReserveStock(deps: InventoryDependencies): CommandHandlerFn<typeof ReserveStock> {
  return async ({ commandId, data: { orderId, items } }, ctx) => {
    for (let attempt = 1; attempt <= RESERVE_ATTEMPTS; attempt += 1) {
      const existing = await deps.store.reservationOf(orderId);
      if (existing) {
        if (whenAlreadyReserved(existing, commandId) === 'ignore') ctx.logger.info('order already reserved');
        else await deps.events.publish([stockReserved(orderId, existing.items, ctx.trace)]);
        return;
      }
      const plan = planReservation(await deps.store.stockOf(items.map((i) => i.sku)), items);
      if (plan.kind === 'reject') {
        await deps.events.publish([stockRejected(orderId, plan, ctx.trace)]);
        return;
      }
      const reservation = { orderId, status: 'ACTIVE' as const, items: plan.lines, reservedBy: commandId };
      const outcome = await deps.store.reserve({ ...reservation, reservedAt: deps.now().toISOString() }, plan.lines);
      if (outcome === 'reserved') {
        await deps.events.publish([stockReserved(orderId, plan.lines, ctx.trace)]);
        return;
      }
      await sleep(Math.random() * 10 * attempt);
    }
    throw new ReservationContendedError(orderId, RESERVE_ATTEMPTS);
  };
}
