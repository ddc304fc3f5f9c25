import { dynamoose } from '@mesh/dynamo';
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
 * | connection | `CONNECTION#<id>`   | `CONNECTION` |                    |                          |
 * | subscriber | `SUBSCRIBERS#<orderId>` | `CONNECTION#<id>` |           |                          |
 *
 * WebSocket connections and their subscriptions expire (TTL `expiresAt`) when API Gateway would have closed
 * the connection anyway; their own partitions (`CONNECTION#`, `SUBSCRIBERS#`) let IAM grant the WebSocket
 * functions those items only (`dynamodb:LeadingKeys`), never an order.
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

/** A WebSocket connection as stored: who opened it (checked once, at `$connect`) and when it expires. */
export interface ConnectionItem extends Item {
  pk: string;
  sk: 'CONNECTION';
  kind: 'connection';
  connectionId: string;
  customerId: string;
  isAdmin: boolean;
  connectedAt: string;
  expiresAt: number;
}

/** One connection's subscription to one order's status, in the order's subscribers partition. */
export interface SubscriberItem extends Item {
  pk: string;
  sk: string;
  kind: 'subscriber';
  orderId: string;
  connectionId: string;
  expiresAt: number;
}

export const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });
export const connectionKey = (connectionId: string) => ({
  pk: `CONNECTION#${connectionId}`,
  sk: 'CONNECTION' as const,
});
export const subscribersPartition = (orderId: string) => `SUBSCRIBERS#${orderId}`;
export const subscriberKey = (orderId: string, connectionId: string) => ({
  pk: subscribersPartition(orderId),
  sk: `CONNECTION#${connectionId}`,
});

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
    traceHeader: String,
    expiresAt: Number,
  },
  { saveUnknown: false },
);

const connectionSchema = new dynamoose.Schema(
  {
    pk: { type: String, hashKey: true },
    sk: { type: String, rangeKey: true },
    kind: String,
    connectionId: String,
    customerId: String,
    isAdmin: Boolean,
    connectedAt: String,
    expiresAt: Number,
  },
  { saveUnknown: false },
);

const subscriberSchema = new dynamoose.Schema(
  {
    pk: { type: String, hashKey: true },
    sk: { type: String, rangeKey: true },
    kind: String,
    orderId: String,
    connectionId: String,
    expiresAt: Number,
  },
  { saveUnknown: false },
);

const tables = new Map<string, ReturnType<typeof defineTable>>();

function defineTable(tableName: string) {
  // Model names are global in dynamoose: prefix them with the table so that two tables never clash.
  const orders = dynamoose.model<OrderRecord>(`${tableName}.Order`, orderSchema);
  const outbox = dynamoose.model<OutboxItem>(`${tableName}.Outbox`, outboxSchema);
  const connections = dynamoose.model<ConnectionItem>(`${tableName}.Connection`, connectionSchema);
  const subscribers = dynamoose.model<SubscriberItem>(`${tableName}.Subscriber`, subscriberSchema);
  new dynamoose.Table(tableName, [orders, outbox, connections, subscribers], {
    create: false,
    update: false,
    waitForActive: { enabled: false },
  });
  return { orders, outbox, connections, subscribers };
}

/**
 * The dynamoose models of the orders table: orders and outbox rows share it, so that an order and its
 * events are written in one transaction; WebSocket connections and subscribers live there too.
 */
export function ordersTable(tableName = process.env.ORDERS_TABLE ?? 'orders') {
  let table = tables.get(tableName);
  if (!table) {
    table = defineTable(tableName);
    tables.set(tableName, table);
  }
  return table;
}
