import * as dynamoose from 'dynamoose';
import type { Item } from 'dynamoose/dist/Item';
import type { OutboxRecord } from '@mesh/bus';
import type { Order } from '../domain/order';

/**
 * The orders table is a single-table design keyed by `pk`/`sk`:
 *
 * | item       | pk                  | sk        | gsi1pk (byCustomer)   | gsi1sk                   |
 * | ---------- | ------------------- | --------- | --------------------- | ------------------------ |
 * | order      | `ORDER#<orderId>`   | `ORDER`   | `CUSTOMER#<customer>` | `<createdAt>#<orderId>`  |
 * | outbox row | `OUTBOX#<eventId>`  | `OUTBOX`  |                       |                          |
 *
 * The table, its stream, TTL and index are created by CloudFormation (serverless.ts), never by dynamoose.
 */
export const BY_CUSTOMER_INDEX = 'byCustomer';

/** An order as stored. */
export interface OrderRecord extends Item, Order {
  pk: string;
  sk: string;
  kind: 'order';
  gsi1pk: string;
  gsi1sk: string;
}

export interface OutboxItem extends Item, OutboxRecord {}

export const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });

const money = { type: Object, schema: { amount: Number, currency: String } } as const;

const orderSchema = new dynamoose.Schema(
  {
    pk: { type: String, hashKey: true },
    sk: { type: String, rangeKey: true },
    kind: String,
    orderId: String,
    customerId: String,
    status: String,
    items: {
      type: Array,
      schema: [{ type: Object, schema: { sku: String, quantity: Number, unitPrice: money } }],
    },
    total: money,
    stockReserved: Boolean,
    cancelReason: String,
    paymentId: String,
    correlationId: String,
    createdAt: String,
    updatedAt: String,
    revision: Number,
    lastCause: String,
    gsi1pk: { type: String, index: { name: BY_CUSTOMER_INDEX, type: 'global', rangeKey: 'gsi1sk' } },
    gsi1sk: String,
  },
  { saveUnknown: false },
);

const outboxSchema = new dynamoose.Schema(
  {
    pk: { type: String, hashKey: true },
    sk: { type: String, rangeKey: true },
    kind: String,
    eventId: String,
    name: String,
    version: Number,
    data: String,
    correlationId: String,
    causationId: String,
    occurredAt: String,
    expiresAt: Number,
  },
  { saveUnknown: false },
);

const tables = new Map<string, ReturnType<typeof defineTable>>();

function defineTable(tableName: string) {
  // Model names are global in dynamoose: prefix them with the table so that two tables never clash.
  const orders = dynamoose.model<OrderRecord>(`${tableName}.Order`, orderSchema);
  const outbox = dynamoose.model<OutboxItem>(`${tableName}.Outbox`, outboxSchema);
  new dynamoose.Table(tableName, [orders, outbox], {
    create: false,
    update: false,
    waitForActive: { enabled: false },
  });
  return { orders, outbox };
}

/**
 * The dynamoose models of the orders table: orders and outbox rows share it, so that an order and its
 * events are written in one transaction.
 */
export function ordersTable(tableName = process.env.ORDERS_TABLE ?? 'orders') {
  let table = tables.get(tableName);
  if (!table) {
    table = defineTable(tableName);
    tables.set(tableName, table);
  }
  return table;
}
