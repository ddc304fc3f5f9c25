import type { StockLine } from '@mesh/contracts';
import type { Reservation } from '../../src/domain/Reservation';
import type { StockLevel } from '../../src/domain/StockLevel';
import type { InventoryStore, ReleaseOutcome, ReserveOutcome } from '../../src/store/InventoryStore';

/**
 * The inventory store held in memory, for unit tests of the handlers: the same conditions as the DynamoDB
 * transactions (reservation absent, available >= quantity per line; release only while ACTIVE), checked
 * before anything is written, so all-or-nothing holds here as it does on the table.
 */
export class InMemoryInventoryStore implements InventoryStore {
  readonly stock = new Map<string, StockLevel>();
  readonly reservations = new Map<string, Reservation>();
  /** Lets a test move stock between a handler's read and its write, as a concurrent order would. */
  beforeReserve?: () => void;

  seed(sku: string, onHand: number, reserved = 0): this {
    this.stock.set(sku, { sku, onHand, reserved, available: onHand - reserved });
    return this;
  }

  async stockOf(skus: readonly string[]): Promise<StockLevel[]> {
    return skus.flatMap((sku) => {
      const level = this.stock.get(sku);
      return level ? [{ ...level }] : [];
    });
  }

  async updateStock(sku: string, change: (current: StockLevel | undefined) => StockLevel): Promise<StockLevel> {
    const current = this.stock.get(sku);
    const next = change(current ? { ...current } : undefined);
    this.stock.set(sku, { ...next });
    return next;
  }

  async reservationOf(orderId: string): Promise<Reservation | undefined> {
    const found = this.reservations.get(orderId);
    return found ? structuredClone(found) : undefined;
  }

  async reserve(reservation: Reservation, lines: readonly StockLine[]): Promise<ReserveOutcome> {
    this.beforeReserve?.();
    if (this.reservations.has(reservation.orderId)) return 'reservation-exists';
    const short = lines.some((line) => (this.stock.get(line.sku)?.available ?? -1) < line.quantity);
    if (short) return 'stock-changed';
    for (const { sku, quantity } of lines) this.move(sku, quantity);
    this.reservations.set(reservation.orderId, structuredClone(reservation));
    return 'reserved';
  }

  async release(
    orderId: string,
    items: readonly StockLine[],
    releasedBy: string,
    releasedAt: string,
  ): Promise<ReleaseOutcome> {
    const reservation = this.reservations.get(orderId);
    if (reservation?.status !== 'ACTIVE') return 'not-active';
    for (const { sku, quantity } of items) this.move(sku, -quantity);
    this.reservations.set(orderId, { ...reservation, status: 'RELEASED', releasedBy, releasedAt });
    return 'released';
  }

  private move(sku: string, reserved: number): void {
    const level = this.stock.get(sku)!;
    this.stock.set(sku, { ...level, reserved: level.reserved + reserved, available: level.available - reserved });
  }
}
