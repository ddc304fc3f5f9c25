import { dynamoose } from '@mesh/dynamo';
import type { Item } from 'dynamoose/dist/Item';
import type { ReservationStatus } from '../domain/Reservation';

/**
 * The single table of the inventory (created by CloudFormation, never by dynamoose): every record keyed
 * by `pk` + `sk`. Stock is `STOCK#<sku>` / `STOCK`, a reservation `ORDER#<orderId>` / `RESERVATION`, and
 * Powertools' idempotency records share the table under one static partition (see `idempotencyStore.ts`).
 */
export const stockKey = (sku: string) => ({ pk: `STOCK#${sku}`, sk: 'STOCK' });
export const reservationKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'RESERVATION' });

export interface StockRecord extends Item {
  pk: string;
  sk: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  updatedAt: string;
}

export interface ReservationRecord extends Item {
  pk: string;
  sk: string;
  orderId: string;
  status: ReservationStatus;
  items: { sku: string; quantity: number }[];
  reservedBy: string;
  reservedAt: string;
  releasedBy?: string;
  releasedAt?: string;
}

const keys = { pk: { type: String, hashKey: true }, sk: { type: String, rangeKey: true } } as const;

const stockSchema = new dynamoose.Schema(
  { ...keys, sku: String, onHand: Number, reserved: Number, available: Number, updatedAt: String },
  { saveUnknown: false },
);

const reservationSchema = new dynamoose.Schema(
  {
    ...keys,
    orderId: String,
    status: { type: String, enum: ['ACTIVE', 'RELEASED'] },
    items: { type: Array, schema: [{ type: Object, schema: { sku: String, quantity: Number } }] },
    reservedBy: String,
    reservedAt: String,
    releasedBy: String,
    releasedAt: String,
  },
  { saveUnknown: false },
);

export interface InventoryModels {
  tableName: string;
  Stock: ReturnType<typeof dynamoose.model<StockRecord>>;
  Reservation: ReturnType<typeof dynamoose.model<ReservationRecord>>;
}

const byTable = new Map<string, InventoryModels>();

/** The models of one inventory table, registered once per table name (dynamoose keeps a global registry). */
export function inventoryModels(tableName: string): InventoryModels {
  let models = byTable.get(tableName);
  if (!models) {
    const Stock = dynamoose.model<StockRecord>(`Stock@${tableName}`, stockSchema);
    const Reservation = dynamoose.model<ReservationRecord>(`Reservation@${tableName}`, reservationSchema);
    new dynamoose.Table(tableName, [Stock, Reservation], { create: false, waitForActive: { enabled: false } });
    models = { tableName, Stock, Reservation };
    byTable.set(tableName, models);
  }
  return models;
}
