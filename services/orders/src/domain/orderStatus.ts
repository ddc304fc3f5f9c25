import type { OrderCancelled } from '@mesh/contracts';

export type OrderStatus = 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'CANCELLED';
export type CancelReason = OrderCancelled['reason'];

/**
 * The order's state machine: for each status, the statuses an order may reach it from. Nothing ever
 * moves backwards: a late or duplicated event finds its from-state gone and changes nothing.
 *
 * PENDING ──StockReserved──▶ RESERVED ──PaymentCaptured──▶ CONFIRMED
 *    └──────────┬──────────────┘
 *               └──StockRejected / PaymentDeclined / customer──▶ CANCELLED
 */
export const ALLOWED_FROM: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  PENDING: [],
  RESERVED: ['PENDING'],
  CONFIRMED: ['RESERVED'],
  CANCELLED: ['PENDING', 'RESERVED'],
});

/** True when an order in `from` may move to `to`. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED_FROM[to].includes(from);
}

/** A status change and what caused it: the id of the event or request behind it. */
export interface StatusChange {
  to: Exclude<OrderStatus, 'PENDING'>;
  /** The eventId (or request id) that asks for the change: lets a redelivery be recognised as one. */
  cause: string;
  at: Date;
  cancelReason?: CancelReason;
  paymentId?: string;
}

/**
 * Whether a refused change may become possible later, so its event should be retried rather than
 * acknowledged. Only one case: a payment captured while the order still waits for its stock
 * reservation, whose StockReserved is merely late. Every other refusal is final (a duplicate, or an
 * event overtaken by a cancellation).
 *
 * @example
 * mayBecomePossible('PENDING', 'CONFIRMED'); // true
 */
export function mayBecomePossible(current: OrderStatus, to: OrderStatus): boolean {
  return current === 'PENDING' && to === 'CONFIRMED';
}
