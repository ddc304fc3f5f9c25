import type { StockLine } from '@mesh/contracts';

export type ReservationStatus = 'ACTIVE' | 'RELEASED';

/**
 * What one order holds. The lines are kept so a release restores exactly what was reserved; the ids of
 * the commands that reserved and released it tell a retry of the same command from a second command.
 */
export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  items: StockLine[];
  reservedBy: string;
  reservedAt: string;
  releasedBy?: string;
  releasedAt?: string;
}

/**
 * One line per SKU, quantities summed: an order may list a SKU twice, but one DynamoDB transaction may
 * touch each stock record only once.
 *
 * @example
 * mergeLines([{ sku: 'A', quantity: 1 }, { sku: 'A', quantity: 2 }]); // [{ sku: 'A', quantity: 3 }]
 */
export function mergeLines(items: readonly StockLine[]): StockLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of items) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}
