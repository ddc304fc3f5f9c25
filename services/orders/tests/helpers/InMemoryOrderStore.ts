import { outboxRecords, type OutgoingEvent } from '@mesh/bus';
import type { InMemoryBus } from '@mesh/testing';
import { decideChange, type Order } from '../../src/domain/order';
import type { StatusChange } from '../../src/domain/orderStatus';
import type { ChangeOutcome, OrderStore } from '../../src/store/OrderStore';

/**
 * The orders table in memory, for unit tests: the same state-machine decisions as the DynamoDB store, and
 * each write's events validated as the outbox does, then published to an {@link InMemoryBus} as the
 * relay would (keeping the outbox row's eventId).
 */
export class InMemoryOrderStore implements OrderStore {
  readonly orders = new Map<string, Order>();

  constructor(private readonly bus: InMemoryBus) {}

  async place(order: Order, events: readonly OutgoingEvent[]): Promise<'placed' | 'exists'> {
    if (this.orders.has(order.orderId)) return 'exists';
    const relay = this.outbox(events);
    this.orders.set(order.orderId, structuredClone(order));
    await relay();
    return 'placed';
  }

  async get(orderId: string): Promise<Order | undefined> {
    const order = this.orders.get(orderId);
    return order && structuredClone(order);
  }

  async listByCustomer(customerId: string, limit: number): Promise<Order[]> {
    return [...this.orders.values()]
      .filter((o) => o.customerId === customerId)
      .sort((a, b) => (b.createdAt + b.orderId).localeCompare(a.createdAt + a.orderId))
      .slice(0, limit)
      .map((o) => structuredClone(o));
  }

  async changeStatus(
    orderId: string,
    change: StatusChange,
    eventsFor: (order: Order) => readonly OutgoingEvent[],
  ): Promise<ChangeOutcome> {
    for (;;) {
      const order = await this.get(orderId);
      if (!order) return { result: 'not-found' };
      const decision = decideChange(order, change);
      if (decision.kind === 'already-applied') return { result: 'already-applied', order };
      if (decision.kind === 'refused') return { result: 'refused', order, reason: decision.reason };
      const relay = this.outbox(eventsFor(decision.next));
      // The conditional write of the real store: lose to a concurrent change (observers run in parallel
      // over a batch) and decide again on what is there now.
      if (this.orders.get(orderId)?.revision !== order.revision) continue;
      this.orders.set(orderId, structuredClone(decision.next));
      await relay();
      return { result: 'applied', order: decision.next, previous: order };
    }
  }

  /** Validates like the outbox (before anything is written), and returns the relay's publish. */
  private outbox(events: readonly OutgoingEvent[]) {
    const rows = outboxRecords(events);
    return async () => {
      if (events.length > 0) await this.bus.publish(events.map((e, i) => ({ ...e, eventId: rows[i]!.eventId })));
    };
  }
}
