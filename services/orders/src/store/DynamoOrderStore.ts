import { dynamoose } from '@mesh/dynamo';
import { outboxRecords, type OutgoingEvent } from '@mesh/bus';
import { ConcurrentUpdateError } from '../errors';
import { decideChange, type Order } from '../domain/order';
import { ALLOWED_FROM, type StatusChange } from '../domain/orderStatus';
import type { ChangeOutcome, OrderStore } from './OrderStore';
import { BY_CUSTOMER_INDEX, orderKey, ordersTable, type OrderRecord } from './ordersTable';

/** How often a change re-reads and retries after losing a race with another writer of the same order. */
const MAX_CHANGE_ATTEMPTS = 5;

function toOrder(record: OrderRecord): Order {
  const { pk: _pk, sk: _sk, kind: _kind, gsi1pk: _g1, gsi1sk: _g2, ...order } = record.toJSON() as OrderRecord;
  return order as Order;
}

// Which item of a cancelled transaction failed its condition: the order is always first.
function orderConditionFailed(error: unknown): boolean {
  const { name, CancellationReasons } = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return name === 'TransactionCanceledException' && CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
}

/**
 * The orders table through dynamoose. Each write is one `TransactWriteItems`: the order (conditional on
 * its state) and its outbox rows, relayed to the bus by the stream handler.
 *
 * @example
 * const store = new DynamoOrderStore();
 * await store.place(order, [event(OrderPlaced, data, trace)]);
 */
export class DynamoOrderStore implements OrderStore {
  private readonly table: ReturnType<typeof ordersTable>;

  constructor(tableName?: string) {
    this.table = ordersTable(tableName);
  }

  async place(order: Order, events: readonly OutgoingEvent[]): Promise<'placed' | 'exists'> {
    const record = {
      ...orderKey(order.orderId),
      kind: 'order' as const,
      gsi1pk: `CUSTOMER#${order.customerId}`,
      gsi1sk: `${order.createdAt}#${order.orderId}`,
      ...order,
    };
    try {
      await dynamoose.transaction([
        this.table.orders.transaction.create(record, { overwrite: false }),
        ...this.outbox(events),
      ]);
      return 'placed';
    } catch (error) {
      // The order is the transaction's first item: its condition failing means the order exists.
      if (orderConditionFailed(error)) return 'exists';
      throw error;
    }
  }

  async get(orderId: string): Promise<Order | undefined> {
    const record = await this.table.orders.get(orderKey(orderId), { consistent: true });
    return record ? toOrder(record) : undefined;
  }

  async listByCustomer(customerId: string, limit: number): Promise<Order[]> {
    const found = await this.table.orders
      .query('gsi1pk')
      .eq(`CUSTOMER#${customerId}`)
      .using(BY_CUSTOMER_INDEX)
      .sort('descending')
      .limit(limit)
      .exec();
    return found.map(toOrder);
  }

  async changeStatus(
    orderId: string,
    change: StatusChange,
    eventsFor: (order: Order) => readonly OutgoingEvent[],
  ): Promise<ChangeOutcome> {
    for (let attempt = 1; attempt <= MAX_CHANGE_ATTEMPTS; attempt++) {
      const order = await this.get(orderId);
      if (!order) return { result: 'not-found' };
      const decision = decideChange(order, change);
      if (decision.kind === 'already-applied') return { result: 'already-applied', order };
      if (decision.kind === 'refused') return { result: 'refused', order, reason: decision.reason };
      const { next } = decision;
      // Allowed from-states AND the revision we read: a concurrent change makes this write fail, and
      // the loop decides again on what is there now, so no change is ever applied over another.
      const condition = new dynamoose.Condition('status')
        .in([...ALLOWED_FROM[change.to]])
        .and()
        .where('revision')
        .eq(order.revision);
      const update = {
        status: next.status,
        stockReserved: next.stockReserved,
        updatedAt: next.updatedAt,
        revision: next.revision,
        lastCause: next.lastCause,
        ...(next.cancelReason ? { cancelReason: next.cancelReason } : {}),
        ...(next.paymentId ? { paymentId: next.paymentId } : {}),
      };
      try {
        await dynamoose.transaction([
          this.table.orders.transaction.update(orderKey(orderId), update, { condition }),
          ...this.outbox(eventsFor(next)),
        ]);
        return { result: 'applied', order: next, previous: order };
      } catch (error) {
        if (!orderConditionFailed(error)) throw error;
      }
    }
    throw new ConcurrentUpdateError(orderId);
  }

  private outbox(events: readonly OutgoingEvent[]) {
    return outboxRecords(events).map((row) => this.table.outbox.transaction.create(row, { overwrite: false }));
  }
}
