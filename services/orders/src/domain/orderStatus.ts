import type { OrderCancelled } from '@mesh/contracts';

export type OrderStatus = 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'CANCELLED';
export type CancelReason = OrderCancelled['reason'];

/**
 * The order's state machine: for each status, the statuses an order may reach it from. Nothing ever
 * moves backwards: a late or duplicated event finds its from-state gone and changes nothing.
 *
 * PENDING ──StockReserved──▶ RESERVED ──PaymentCaptured──▶ CONFIRMED
 *    │  └──────────────────PaymentCaptured─────────────────────▲
 *    └──────────┬──────────────┘
 *               └──StockRejected / PaymentDeclined / customer──▶ CANCELLED
 *
 * PENDING → CONFIRMED: payments captures only on StockReserved, so a PaymentCaptured proves the stock is
 * reserved even when it overtakes the StockReserved on its way to the saga (events of different producers
 * arrive in no set order). Refusing it would hold the order back by a whole visibility timeout of the
 * saga's queue (60 s); the late StockReserved then finds the order CONFIRMED and changes nothing.
 */
export const ALLOWED_FROM: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  PENDING: [],
  RESERVED: ['PENDING'],
  CONFIRMED: ['PENDING', 'RESERVED'],
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
