import type { Money, OrderPlaced } from '@mesh/contracts';
import { CaptureInProgressError, IllegalPaymentTransitionError, PaymentNotYetKnownError } from '../errors';
import type { CaptureResult } from './PaymentProvider';
import { receiptKeyOf } from './receipt';

/**
 * The life of an order's payment. It only ever moves forward:
 * PENDING (amount known) → CAPTURING (one delivery holds the capture) → CAPTURED | DECLINED;
 * PENDING → CANCELLED when the order is cancelled before any capture (nothing is ever charged then);
 * CAPTURED → REFUNDED when the order is cancelled after its capture.
 * CAPTURING may be taken over once its claim expired (the holder crashed); a final state may only be
 * marked as told to the mesh.
 */
export type PaymentStatus = 'PENDING' | 'CAPTURING' | 'CAPTURED' | 'DECLINED' | 'CANCELLED' | 'REFUNDED';

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
  /** When the order's cancellation reached payments (CANCELLED or REFUNDED). */
  cancelledAt?: string;
  refundId?: string;
  /** The id of the PaymentRefunded event, chosen once so a re-publish keeps it. */
  refundEventId?: string;
  /** True once PaymentRefunded was published. */
  refundPublished?: boolean;
}

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: ['CAPTURING', 'CANCELLED'],
  CAPTURING: ['CAPTURING', 'CAPTURED', 'DECLINED'],
  CAPTURED: ['CAPTURED', 'REFUNDED'],
  DECLINED: ['DECLINED'],
  CANCELLED: ['CANCELLED'],
  REFUNDED: ['REFUNDED'],
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
 * announce an outcome decided earlier but not yet published, or nothing (also for a cancelled order: it is
 * never charged, however late its StockReserved arrives). Throws
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
    case 'REFUNDED':
      return payment.outcomePublished ? 'nothing' : 'announce';
    case 'CANCELLED':
      return 'nothing';
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

/** What an OrderCancelled delivery must do with the payment as it finds it. */
export type CancelStep = 'void' | 'refund' | 'announce-refund' | 'nothing';

/**
 * Decides what an OrderCancelled delivery does: void a payment not captured yet (PENDING → CANCELLED, so a
 * later StockReserved charges nothing), refund a captured one, announce a refund made earlier but not yet
 * published, or nothing (declined, already cancelled, refund announced). Throws
 * {@link PaymentNotYetKnownError} when OrderPlaced has not arrived yet and {@link CaptureInProgressError}
 * while a capture is under way (claimed, even if its claim expired: the capture's own retry settles it,
 * then this cancellation refunds it): both send the message back to its queue for a retry.
 */
export function cancelStep(payment: Payment | undefined, orderId: string): CancelStep {
  if (!payment) throw new PaymentNotYetKnownError(orderId, 'OrderCancelled');
  switch (payment.status) {
    case 'PENDING':
      return 'void';
    case 'CAPTURING':
      throw new CaptureInProgressError(orderId, payment.claimExpiresAt ?? 'its claim expires');
    case 'CAPTURED':
      return 'refund';
    case 'REFUNDED':
      return payment.refundPublished ? 'nothing' : 'announce-refund';
    case 'DECLINED':
    case 'CANCELLED':
      return 'nothing';
  }
}

/** The payment of an order cancelled before its capture: it will never be charged. */
export function voidPayment(payment: Payment, now: Date): Payment {
  return moved(payment, { status: 'CANCELLED', cancelledAt: now.toISOString() });
}

/** The payment once the provider refunded it; `refundEventId` becomes the id of PaymentRefunded. */
export function markRefunded(payment: Payment, refundId: string, now: Date, refundEventId: string): Payment {
  return moved(payment, {
    status: 'REFUNDED',
    refundId,
    refundEventId,
    cancelledAt: now.toISOString(),
    refundPublished: false,
  });
}

/** The refunded payment once PaymentRefunded was published. */
export function markRefundAnnounced(payment: Payment): Payment {
  return moved(payment, { status: payment.status, refundPublished: true });
}
