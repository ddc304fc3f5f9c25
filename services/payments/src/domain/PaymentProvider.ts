import type { Money } from '@mesh/contracts';

export interface CaptureRequest {
  orderId: string;
  amount: Money;
  /** The provider charges at most once per key, however often it is asked: we pass the order id. */
  idempotencyKey: string;
}

export type CaptureResult = { status: 'captured'; paymentId: string } | { status: 'declined'; reason: string };

/**
 * The port to whoever moves the money. An adapter must be idempotent on `idempotencyKey`: asked again with
 * the same key, it answers what it answered the first time and charges nothing more (real providers such as
 * Stripe or Adyen offer exactly this through an idempotency-key header).
 *
 * @example
 * const result = await provider.capture({ orderId, amount, idempotencyKey: orderId });
 * if (result.status === 'declined') console.log(result.reason);
 */
export interface PaymentProvider {
  capture(request: CaptureRequest): Promise<CaptureResult>;
}
