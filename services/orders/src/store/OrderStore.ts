import type { OutgoingEvent } from '@mesh/bus';
import type { Order } from '../domain/order';
import type { StatusChange } from '../domain/orderStatus';

/** How a status change ended. `previous` is the order just before an applied change. */
export type ChangeOutcome =
  | { result: 'applied'; order: Order; previous: Order }
  | { result: 'already-applied'; order: Order }
  | { result: 'refused'; order: Order; reason: string }
  | { result: 'not-found' };

/**
 * Where orders live. Every write that records a fact writes that fact's events with it, atomically
 * (the outbox), so state and events can never disagree.
 */
export interface OrderStore {
  /**
   * Writes a new order and its events in one transaction; never overwrites an existing order: `exists`
   * when an order with its id is there already (nothing written).
   */
  place(order: Order, events: readonly OutgoingEvent[]): Promise<'placed' | 'exists'>;
  get(orderId: string): Promise<Order | undefined>;
  /** A customer's orders, newest first. */
  listByCustomer(customerId: string, limit: number): Promise<Order[]>;
  /**
   * Moves an order to `change.to` if its state machine allows it, with the events `eventsFor` returns
   * for the changed order, in one conditional transaction.
   */
  changeStatus(
    orderId: string,
    change: StatusChange,
    eventsFor: (order: Order) => readonly OutgoingEvent[],
  ): Promise<ChangeOutcome>;
}
