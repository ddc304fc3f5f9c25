import { createHash } from 'node:crypto';
import { DEFAULT_DECLINE_RULES, declineReasonFor, type DeclineRule } from '../domain/declineRules';
import type {
  CaptureRequest,
  CaptureResult,
  PaymentProvider,
  RefundRequest,
  RefundResult,
} from '../domain/PaymentProvider';

/**
 * A deterministic provider for offline runs and tests: it declines what its rules say (by default minor units
 * ending in 13 → "card declined", over 5,000.00 → "amount over limit"), captures everything else, refunds
 * every refund asked, and, like a real provider, answers a repeated idempotency key with its first answer
 * without charging (or refunding) again.
 *
 * @example
 * const provider = new FakePaymentProvider();
 * await provider.capture({ orderId: 'ord-1', amount: { amount: 1013, currency: 'EUR' }, idempotencyKey: 'ord-1' });
 * // → { status: 'declined', reason: 'card declined' }
 */
export class FakePaymentProvider implements PaymentProvider {
  /** Every charge actually made, in order: a repeated idempotency key adds nothing. */
  readonly charges: CaptureRequest[] = [];
  /** Every refund actually made, in order: a repeated idempotency key adds nothing. */
  readonly refunds: RefundRequest[] = [];
  private readonly answers = new Map<string, CaptureResult>();
  private readonly refundAnswers = new Map<string, RefundResult>();

  constructor(private readonly rules: readonly DeclineRule[] = DEFAULT_DECLINE_RULES) {}

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const known = this.answers.get(request.idempotencyKey);
    if (known) return known;
    const reason = declineReasonFor(request.amount, this.rules);
    const answer: CaptureResult = reason
      ? { status: 'declined', reason }
      : { status: 'captured', paymentId: fakeId('pay-fake', request.idempotencyKey) };
    if (answer.status === 'captured') this.charges.push(request);
    this.answers.set(request.idempotencyKey, answer);
    return answer;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const known = this.refundAnswers.get(request.idempotencyKey);
    if (known) return known;
    const answer = { refundId: fakeId('ref-fake', request.idempotencyKey) };
    this.refunds.push(request);
    this.refundAnswers.set(request.idempotencyKey, answer);
    return answer;
  }
}

/** The same key always gets the same id, even across cold starts, as a real provider would keep it. */
function fakeId(prefix: string, idempotencyKey: string): string {
  return `${prefix}-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20)}`;
}
