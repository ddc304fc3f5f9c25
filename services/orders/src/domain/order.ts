import type { Money, OrderLine } from '@mesh/contracts';
import { canMove, type CancelReason, type OrderStatus, type StatusChange } from './orderStatus';

/** An order as the domain knows it. */
export interface Order {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  items: OrderLine[];
  total: Money;
  /** Set once stock was reserved: a later cancellation must release it (compensation). */
  stockReserved: boolean;
  cancelReason?: CancelReason;
  paymentId?: string;
  /** The correlation id of the request that placed it: every event of its saga carries it. */
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change: the optimistic-lock of conditional writes. */
  revision: number;
  /** The event or request id behind the latest change. */
  lastCause: string;
}

/**
 * A new order, PENDING until its stock is reserved.
 *
 * @example
 * const order = newOrder({ orderId, customerId: 'cus-1', ...priceOrder(items), correlationId, cause: requestId, at: new Date() });
 */
export function newOrder(input: {
  orderId: string;
  customerId: string;
  items: OrderLine[];
  total: Money;
  correlationId: string;
  cause: string;
  at: Date;
}): Order {
  const at = input.at.toISOString();
  return {
    orderId: input.orderId,
    customerId: input.customerId,
    status: 'PENDING',
    items: input.items,
    total: input.total,
    stockReserved: false,
    correlationId: input.correlationId,
    createdAt: at,
    updatedAt: at,
    revision: 1,
    lastCause: input.cause,
  };
}

/** What a change would do to an order: apply it, recognise it as already applied, or refuse it. */
export type ChangeDecision =
  { kind: 'apply'; next: Order } | { kind: 'already-applied' } | { kind: 'refused'; reason: string };

/**
 * Decides a status change against the order's state machine. A change whose cause already produced the
 * current status is recognised (`already-applied`), so a redelivered event can redo what it must
 * redo (resend a command) without changing anything twice.
 *
 * @example
 * decideChange(order, { to: 'RESERVED', cause: eventId, at: new Date() }); // { kind: 'apply', next }
 */
export function decideChange(order: Order, change: StatusChange): ChangeDecision {
  if (order.status === change.to && order.lastCause === change.cause) return { kind: 'already-applied' };
  if (!canMove(order.status, change.to)) {
    return { kind: 'refused', reason: `${order.status} cannot become ${change.to}` };
  }
  const next: Order = {
    ...order,
    status: change.to,
    stockReserved: order.stockReserved || change.to === 'RESERVED',
    ...(change.cancelReason ? { cancelReason: change.cancelReason } : {}),
    ...(change.paymentId ? { paymentId: change.paymentId } : {}),
    updatedAt: change.at.toISOString(),
    revision: order.revision + 1,
    lastCause: change.cause,
  };
  return { kind: 'apply', next };
}

/** The order as the API shows it: no bookkeeping fields. */
export function orderView(order: Order) {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    status: order.status,
    items: order.items,
    total: order.total,
    ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
