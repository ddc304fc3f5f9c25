import { createHash } from 'node:crypto';
import { DEFAULT_DECLINE_RULES, declineReasonFor, type DeclineRule } from '../domain/declineRules';
import type { CaptureRequest, CaptureResult, PaymentProvider } from '../domain/PaymentProvider';

/**
 * A deterministic provider for offline runs and tests: it declines what its rules say (by default minor units
 * ending in 13 → "card declined", over 5,000.00 → "amount over limit"), captures everything else, and, like a
 * real provider, answers a repeated idempotency key with its first answer without charging again.
 *
 * @example
 * const provider = new FakePaymentProvider();
 * await provider.capture({ orderId: 'ord-1', amount: { amount: 1013, currency: 'EUR' }, idempotencyKey: 'ord-1' });
 * // → { status: 'declined', reason: 'card declined' }
 */
export class FakePaymentProvider implements PaymentProvider {
  /** Every charge actually made, in order: a repeated idempotency key adds nothing. */
  readonly charges: CaptureRequest[] = [];
  private readonly answers = new Map<string, CaptureResult>();

  constructor(private readonly rules: readonly DeclineRule[] = DEFAULT_DECLINE_RULES) {}

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const known = this.answers.get(request.idempotencyKey);
    if (known) return known;
    const reason = declineReasonFor(request.amount, this.rules);
    const answer: CaptureResult = reason
      ? { status: 'declined', reason }
      : { status: 'captured', paymentId: fakePaymentId(request.idempotencyKey) };
    if (answer.status === 'captured') this.charges.push(request);
    this.answers.set(request.idempotencyKey, answer);
    return answer;
  }
}

/** The same key always gets the same payment id, even across cold starts, as a real provider would keep it. */
function fakePaymentId(idempotencyKey: string): string {
  return `pay-fake-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20)}`;
}
