import { dynamoose } from '@mesh/dynamo';
import type { StockLine } from '@mesh/contracts';
import type { Reservation } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';
import { StockUpdateConflictError } from '../errors';
import {
  inventoryModels,
  reservationKey,
  stockKey,
  type InventoryModels,
  type ReservationRecord,
  type StockRecord,
} from './inventoryTable';
import type { InventoryStore, ReleaseOutcome, ReserveOutcome } from './InventoryStore';

const UPDATE_ATTEMPTS = 5;

interface CancellationReason {
  Code?: string;
}

/** The per-item reasons of a cancelled transaction, or undefined when the error is anything else. */
function cancellationReasons(error: unknown): (string | undefined)[] | undefined {
  const { name, CancellationReasons } = error as { name?: string; CancellationReasons?: CancellationReason[] };
  if (name !== 'TransactionCanceledException') return undefined;
  return (CancellationReasons ?? []).map((reason) => reason.Code);
}

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

const toLevel = ({ sku, onHand, reserved, available }: StockRecord): StockLevel => ({
  sku,
  onHand,
  reserved,
  available,
});

const toReservation = (record: ReservationRecord): Reservation => ({
  orderId: record.orderId,
  status: record.status,
  items: record.items.map(({ sku, quantity }) => ({ sku, quantity })),
  reservedBy: record.reservedBy,
  reservedAt: record.reservedAt,
  ...(record.releasedBy ? { releasedBy: record.releasedBy } : {}),
  ...(record.releasedAt ? { releasedAt: record.releasedAt } : {}),
});

/**
 * The inventory table through dynamoose. Reservations and releases are single TransactWriteItems whose
 * conditions (`available >= quantity` per line, the reservation absent or ACTIVE) make them all-or-nothing
 * and exactly-once however many run at the same time.
 *
 * @example
 * const store = new DynamoInventoryStore(process.env.INVENTORY_TABLE!);
 * await store.reserve(reservation, lines); // 'reserved' | 'reservation-exists' | 'stock-changed'
 */
export class DynamoInventoryStore implements InventoryStore {
  private readonly models: InventoryModels;

  constructor(tableName: string) {
    this.models = inventoryModels(tableName);
  }

  async stockOf(skus: readonly string[]): Promise<StockLevel[]> {
    const found = await Promise.all(skus.map((sku) => this.models.Stock.get(stockKey(sku), { consistent: true })));
    return found.filter((record): record is StockRecord => record !== undefined).map(toLevel);
  }

  async updateStock(sku: string, change: (current: StockLevel | undefined) => StockLevel): Promise<StockLevel> {
    for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt += 1) {
      const [current] = await this.stockOf([sku]);
      const next = change(current);
      const record = { ...stockKey(sku), ...next, updatedAt: new Date().toISOString() };
      try {
        if (!current) await this.models.Stock.create(record, { overwrite: false });
        else {
          // Reservations move `reserved` concurrently: write only over the very level that was read.
          const unchanged = new dynamoose.Condition('onHand')
            .eq(current.onHand)
            .and()
            .where('reserved')
            .eq(current.reserved);
          const { pk: _pk, sk: _sk, ...fields } = record;
          await this.models.Stock.update(stockKey(sku), { $SET: fields }, { condition: unchanged });
        }
        return next;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new StockUpdateConflictError(sku, UPDATE_ATTEMPTS);
  }

  async reservationOf(orderId: string): Promise<Reservation | undefined> {
    const record = await this.models.Reservation.get(reservationKey(orderId), { consistent: true });
    return record ? toReservation(record) : undefined;
  }

  async reserve(reservation: Reservation, lines: readonly StockLine[]): Promise<ReserveOutcome> {
    const { Stock, Reservation } = this.models;
    try {
      await dynamoose.transaction([
        Reservation.transaction.create(
          { ...reservationKey(reservation.orderId), ...reservation },
          { overwrite: false },
        ),
        ...lines.map(({ sku, quantity }) =>
          Stock.transaction.update(
            stockKey(sku),
            { $ADD: { reserved: quantity, available: -quantity }, $SET: { updatedAt: reservation.reservedAt } },
            { condition: new dynamoose.Condition('pk').exists().and().where('available').ge(quantity) },
          ),
        ),
      ]);
      return 'reserved';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      // The reservation is the first item: its condition failing means the order is already reserved.
      return reasons[0] === 'ConditionalCheckFailed' ? 'reservation-exists' : 'stock-changed';
    }
  }

  async release(
    orderId: string,
    items: readonly StockLine[],
    releasedBy: string,
    releasedAt: string,
  ): Promise<ReleaseOutcome> {
    const { Stock, Reservation } = this.models;
    try {
      await dynamoose.transaction([
        Reservation.transaction.update(
          reservationKey(orderId),
          { $SET: { status: 'RELEASED', releasedBy, releasedAt } },
          { condition: new dynamoose.Condition('status').eq('ACTIVE') },
        ),
        ...items.map(({ sku, quantity }) =>
          Stock.transaction.update(
            stockKey(sku),
            { $ADD: { reserved: -quantity, available: quantity }, $SET: { updatedAt: releasedAt } },
            { condition: new dynamoose.Condition('pk').exists() },
          ),
        ),
      ]);
      return 'released';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'not-active';
      throw error;
    }
  }
}
