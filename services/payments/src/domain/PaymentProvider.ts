import type { Money } from '@mesh/contracts';

export interface CaptureRequest {
  orderId: string;
  amount: Money;
  /** The provider charges at most once per key, however often it is asked: we pass the order id. */
  idempotencyKey: string;
}

export type CaptureResult = { status: 'captured'; paymentId: string } | { status: 'declined'; reason: string };

export interface RefundRequest {
  orderId: string;
  /** The captured payment to refund, in full. */
  paymentId: string;
  amount: Money;
  /** The provider refunds at most once per key: we pass `refund-<orderId>`. */
  idempotencyKey: string;
}

/** A refund of a captured payment cannot be declined; a provider outage throws, and the delivery is retried. */
export interface RefundResult {
  refundId: string;
}

/**
 * The port to whoever moves the money. An adapter must be idempotent on `idempotencyKey`: asked again with
 * the same key, it answers what it answered the first time and charges nothing more (real providers such as
 * Stripe or Adyen offer exactly this through an idempotency-key header).
 *
 * @example
 * const result = await provider.capture({ orderId, amount, idempotencyKey: orderId });
 * if (result.status === 'declined') console.log(result.reason);
 * await provider.refund({ orderId, paymentId, amount, idempotencyKey: `refund-${orderId}` });
 */
export interface PaymentProvider {
  capture(request: CaptureRequest): Promise<CaptureResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}
