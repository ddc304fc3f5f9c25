import type { Money, OrderPlaced } from '@mesh/contracts';
import { CaptureInProgressError, IllegalPaymentTransitionError, PaymentNotYetKnownError } from '../errors';
import type { CaptureResult } from './PaymentProvider';
import { receiptKeyOf } from './receipt';

/**
 * The life of an order's payment. It only ever moves forward:
 * PENDING (amount known) → CAPTURING (one delivery holds the capture) → CAPTURED | DECLINED.
 * CAPTURING may be taken over once its claim expired (the holder crashed); a final state may only be
 * marked as told to the mesh.
 */
export type PaymentStatus = 'PENDING' | 'CAPTURING' | 'CAPTURED' | 'DECLINED';

export interface Payment {
  orderId: string;
  customerId: string;
  amount: Money;
  status: PaymentStatus;
  /** Bumped by every change: the store writes a change only over the version it was computed from. */
  version: number;
  placedAt: string;
  /** While CAPTURING: when another delivery may take the capture over. */
  claimExpiresAt?: string;
  paymentId?: string;
  declineReason?: string;
  receiptKey?: string;
  decidedAt?: string;
  /** The id of the PaymentCaptured / PaymentDeclined event, chosen once so a re-publish keeps it. */
  outcomeEventId?: string;
  /** True once the outcome was published: later deliveries have nothing left to do. */
  outcomePublished: boolean;
}

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: ['CAPTURING'],
  CAPTURING: ['CAPTURING', 'CAPTURED', 'DECLINED'],
  CAPTURED: ['CAPTURED'],
  DECLINED: ['DECLINED'],
};

/** Whether a payment may move from one status to another: forward only, never back. */
export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** How long a delivery holds a capture before another may take it over (longer than a provider call). */
export const CAPTURE_CLAIM_MS = 120_000;

function moved(payment: Payment, changes: Partial<Payment> & { status: PaymentStatus }): Payment {
  if (!canMove(payment.status, changes.status)) {
    throw new IllegalPaymentTransitionError(payment.orderId, payment.status, changes.status);
  }
  return { ...payment, ...changes, version: payment.version + 1 };
}

/**
 * The payment an order starts with, once OrderPlaced tells its amount.
 *
 * @example
 * const payment = pendingPayment(orderPlaced.data, orderPlaced.envelope.occurredAt);
 */
export function pendingPayment(
  order: Pick<OrderPlaced, 'orderId' | 'customerId' | 'total'>,
  placedAt: string,
): Payment {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    amount: order.total,
    status: 'PENDING',
    version: 1,
    placedAt,
    outcomePublished: false,
  };
}

/** What a StockReserved delivery must do with the payment as it finds it. */
export type CaptureStep = 'capture' | 'announce' | 'nothing';

/**
 * Decides what a StockReserved delivery does: capture (PENDING, or CAPTURING with an expired claim),
 * announce an outcome decided earlier but not yet published, or nothing. Throws
 * {@link PaymentNotYetKnownError} when OrderPlaced has not arrived yet and {@link CaptureInProgressError}
 * while another delivery holds the capture: both send the message back to its queue for a retry.
 */
export function captureStep(payment: Payment | undefined, orderId: string, now: Date): CaptureStep {
  if (!payment) throw new PaymentNotYetKnownError(orderId);
  switch (payment.status) {
    case 'PENDING':
      return 'capture';
    case 'CAPTURING':
      if (payment.claimExpiresAt && Date.parse(payment.claimExpiresAt) > now.getTime()) {
        throw new CaptureInProgressError(orderId, payment.claimExpiresAt);
      }
      return 'capture';
    case 'CAPTURED':
    case 'DECLINED':
      return payment.outcomePublished ? 'nothing' : 'announce';
  }
}

/** The payment held by this delivery until `now + CAPTURE_CLAIM_MS`. */
export function claimCapture(payment: Payment, now: Date): Payment {
  return moved(payment, {
    status: 'CAPTURING',
    claimExpiresAt: new Date(now.getTime() + CAPTURE_CLAIM_MS).toISOString(),
  });
}

/** The payment as the provider decided it; `outcomeEventId` becomes the id of the event that tells it. */
export function decideCapture(payment: Payment, result: CaptureResult, now: Date, outcomeEventId: string): Payment {
  const decided = { decidedAt: now.toISOString(), outcomeEventId, claimExpiresAt: undefined };
  return result.status === 'captured'
    ? moved(payment, {
        ...decided,
        status: 'CAPTURED',
        paymentId: result.paymentId,
        receiptKey: receiptKeyOf(payment.orderId),
      })
    : moved(payment, { ...decided, status: 'DECLINED', declineReason: result.reason });
}

/** The payment once its outcome was published. */
export function markAnnounced(payment: Payment): Payment {
  return moved(payment, { status: payment.status, outcomePublished: true });
}
