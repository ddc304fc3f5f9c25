import type { StockLine } from '@mesh/contracts';
import type { Reservation } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';

/** How a reservation write ended: done, beaten by another reservation of the order, or by a stock change. */
export type ReserveOutcome = 'reserved' | 'reservation-exists' | 'stock-changed';

/** How a release write ended: done, or the reservation was no longer ACTIVE. */
export type ReleaseOutcome = 'released' | 'not-active';

/**
 * The inventory's persistence, as handlers see it: DynamoDB in production ({@link DynamoInventoryStore}),
 * an in-memory fake in unit tests. Every write is conditional, so the store, not the caller's read,
 * guarantees that stock never goes negative and that a reservation is taken and released once.
 */
export interface InventoryStore {
  stockOf(skus: readonly string[]): Promise<StockLevel[]>;
  /** Reads the SKU's stock, lets `change` decide the new level, writes it only if nothing changed meanwhile. */
  updateStock(sku: string, change: (current: StockLevel | undefined) => StockLevel): Promise<StockLevel>;
  reservationOf(orderId: string): Promise<Reservation | undefined>;
  /** Takes every line from available stock and records the reservation, in one transaction, or nothing. */
  reserve(reservation: Reservation, lines: readonly StockLine[]): Promise<ReserveOutcome>;
  /** Restores the reservation's lines and marks it RELEASED, in one transaction, if it is still ACTIVE. */
  release(
    orderId: string,
    items: readonly StockLine[],
    releasedBy: string,
    releasedAt: string,
  ): Promise<ReleaseOutcome>;
}
