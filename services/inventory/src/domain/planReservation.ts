import type { StockLine, StockRejected } from '@mesh/contracts';
import { mergeLines, type Reservation } from './Reservation';
import type { StockLevel } from './StockLevel';

export type ReservationPlan =
  | { kind: 'reserve'; lines: StockLine[] }
  | { kind: 'reject'; reason: StockRejected['reason']; unavailable: StockRejected['unavailable'] };

/**
 * Decides whether an order can be reserved from the stock read now: every line (merged per SKU) must be
 * covered by its available quantity, or nothing is reserved and each short or unknown SKU is listed.
 * The decision is re-checked by the write's conditions, so a stale read can never oversell.
 *
 * @example
 * planReservation([{ sku: 'A', onHand: 1, reserved: 0, available: 1 }], [{ sku: 'A', quantity: 2 }]);
 * // { kind: 'reject', reason: 'INSUFFICIENT_STOCK', unavailable: [{ sku: 'A', requested: 2, available: 1 }] }
 */
export function planReservation(stock: readonly StockLevel[], items: readonly StockLine[]): ReservationPlan {
  const levels = new Map(stock.map((level) => [level.sku, level]));
  const lines = mergeLines(items);
  const unknown = lines.filter((line) => !levels.has(line.sku));
  const unavailable = lines
    .map((line) => ({ sku: line.sku, requested: line.quantity, available: levels.get(line.sku)?.available ?? 0 }))
    .filter((line) => line.available < line.requested)
    .map((line) => ({ ...line, available: Math.max(0, line.available) }));
  if (unavailable.length === 0) return { kind: 'reserve', lines };
  return { kind: 'reject', reason: unknown.length > 0 ? 'UNKNOWN_SKU' : 'INSUFFICIENT_STOCK', unavailable };
}

/**
 * What a ReserveStock does when its order already holds a reservation. The same command retried (its
 * first run reserved, then failed to publish) publishes StockReserved again; any other command changes
 * and publishes nothing, so a second ReserveStock for an order has no effect.
 */
export function whenAlreadyReserved(existing: Reservation, commandId: string): 'republish' | 'ignore' {
  return existing.status === 'ACTIVE' && existing.reservedBy === commandId ? 'republish' : 'ignore';
}
