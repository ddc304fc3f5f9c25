import { OrderPlaced } from '@mesh/contracts';
import { IllegalPaymentTransitionError } from '../../src/errors';
import {
  CAPTURE_CLAIM_MS,
  canMove,
  cancelStep,
  captureStep,
  claimCapture,
  decideCapture,
  markAnnounced,
  markRefundAnnounced,
  markRefunded,
  pendingPayment,
  voidPayment,
  type PaymentStatus,
} from '../../src/domain/Payment';
import { outcomeOf, refundOf } from '../../src/domain/outcome';
import { receiptOf } from '../../src/domain/receipt';

const now = new Date('2026-11-25T10:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const pending = () => pendingPayment(OrderPlaced.example, now.toISOString());
const STATUSES: PaymentStatus[] = ['PENDING', 'CAPTURING', 'CAPTURED', 'DECLINED', 'CANCELLED', 'REFUNDED'];
const RANK: Record<PaymentStatus, number> = {
  PENDING: 0,
  CAPTURING: 1,
  CANCELLED: 1,
  CAPTURED: 2,
  DECLINED: 2,
  REFUNDED: 3,
};

describe('the life of a payment', () => {
  it('starts PENDING with the order total and customer', () => {
    expect(pending()).toEqual({
      orderId: 'ord-01J9Z6',
      customerId: 'cus-42',
      amount: { amount: 2500, currency: 'EUR' },
      status: 'PENDING',
      version: 1,
      placedAt: now.toISOString(),
      outcomePublished: false,
    });
  });

  it('never moves backwards, and never from one outcome to the other', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (RANK[to] < RANK[from]) expect(canMove(from, to)).toBe(false);
      }
    }
    expect(canMove('CAPTURED', 'DECLINED')).toBe(false);
    expect(canMove('DECLINED', 'CAPTURED')).toBe(false);
    expect(canMove('PENDING', 'CAPTURED')).toBe(false);
    // A voided payment is never captured; only a captured one is refunded; a declined one owes nothing.
    expect(canMove('CANCELLED', 'CAPTURING')).toBe(false);
    expect(canMove('PENDING', 'REFUNDED')).toBe(false);
    expect(canMove('DECLINED', 'REFUNDED')).toBe(false);
    expect(canMove('CAPTURING', 'CANCELLED')).toBe(false);
  });

  it('refuses to decide a payment nobody claimed', () => {
    expect(() => decideCapture(pending(), { status: 'captured', paymentId: 'pay-1' }, now, 'e1')).toThrow(
      IllegalPaymentTransitionError,
    );
  });

  it('refuses to claim a payment already decided', () => {
    const captured = decideCapture(claimCapture(pending(), now), { status: 'captured', paymentId: 'p' }, now, 'e1');
    expect(() => claimCapture(captured, later(CAPTURE_CLAIM_MS * 2))).toThrow(IllegalPaymentTransitionError);
  });

  it('bumps the version on every change, so the store can refuse a stale write', () => {
    const claimed = claimCapture(pending(), now);
    const captured = decideCapture(claimed, { status: 'captured', paymentId: 'pay-1' }, now, 'e1');
    expect([pending().version, claimed.version, captured.version, markAnnounced(captured).version]).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('captures with a receipt key and the outcome event id chosen once', () => {
    const captured = decideCapture(claimCapture(pending(), now), { status: 'captured', paymentId: 'pay-1' }, now, 'e1');
    expect(captured).toMatchObject({
      status: 'CAPTURED',
      paymentId: 'pay-1',
      receiptKey: 'receipts/ord-01J9Z6.json',
      outcomeEventId: 'e1',
      decidedAt: now.toISOString(),
      claimExpiresAt: undefined,
    });
    expect(outcomeOf(captured)).toEqual({
      contract: expect.objectContaining({ name: 'PaymentCaptured' }),
      eventId: 'e1',
      data: {
        orderId: 'ord-01J9Z6',
        paymentId: 'pay-1',
        amount: { amount: 2500, currency: 'EUR' },
        receiptKey: 'receipts/ord-01J9Z6.json',
      },
    });
    expect(receiptOf(captured)).toEqual({
      orderId: 'ord-01J9Z6',
      customerId: 'cus-42',
      paymentId: 'pay-1',
      amount: { amount: 2500, currency: 'EUR' },
      capturedAt: now.toISOString(),
    });
  });

  it('declines with the provider reason and no receipt', () => {
    const declined = decideCapture(claimCapture(pending(), now), { status: 'declined', reason: 'nope' }, now, 'e2');
    expect(outcomeOf(declined)).toMatchObject({
      contract: expect.objectContaining({ name: 'PaymentDeclined' }),
      data: { orderId: 'ord-01J9Z6', amount: { amount: 2500, currency: 'EUR' }, reason: 'nope' },
    });
    expect(() => receiptOf(declined)).toThrow(TypeError);
  });
});

describe('what a StockReserved delivery does with the payment it finds', () => {
  it('asks for a retry when the amount is not known yet', () => {
    expect(() => captureStep(undefined, 'ord-1', now)).toThrow(
      expect.objectContaining({ name: 'PaymentNotYetKnownError', orderId: 'ord-1' }),
    );
  });

  it('captures a pending payment', () => {
    expect(captureStep(pending(), 'ord-01J9Z6', now)).toBe('capture');
  });

  it('waits while another delivery holds the capture, and takes it over once the claim expired', () => {
    const claimed = claimCapture(pending(), now);
    expect(() => captureStep(claimed, 'ord-01J9Z6', later(1000))).toThrow(
      expect.objectContaining({ name: 'CaptureInProgressError' }),
    );
    expect(captureStep(claimed, 'ord-01J9Z6', later(CAPTURE_CLAIM_MS + 1))).toBe('capture');
  });

  it('announces an outcome decided but not yet published, then has nothing left to do', () => {
    const captured = decideCapture(claimCapture(pending(), now), { status: 'captured', paymentId: 'p' }, now, 'e1');
    expect(captureStep(captured, 'ord-01J9Z6', now)).toBe('announce');
    expect(captureStep(markAnnounced(captured), 'ord-01J9Z6', now)).toBe('nothing');
  });
});

describe('what an OrderCancelled delivery does with the payment it finds', () => {
  const captured = () =>
    markAnnounced(decideCapture(claimCapture(pending(), now), { status: 'captured', paymentId: 'p' }, now, 'e1'));

  it('asks for a retry when OrderPlaced has not arrived yet', () => {
    expect(() => cancelStep(undefined, 'ord-1')).toThrow(
      expect.objectContaining({ name: 'PaymentNotYetKnownError', message: expect.stringContaining('OrderCancelled') }),
    );
  });

  it('voids a payment not captured yet, after which a StockReserved captures nothing', () => {
    expect(cancelStep(pending(), 'ord-01J9Z6')).toBe('void');
    const voided = voidPayment(pending(), now);
    expect(voided).toMatchObject({ status: 'CANCELLED', cancelledAt: now.toISOString(), version: 2 });
    expect(captureStep(voided, 'ord-01J9Z6', now)).toBe('nothing');
    expect(cancelStep(voided, 'ord-01J9Z6')).toBe('nothing');
  });

  it('waits for a capture under way, even one whose claim expired: the capture settles first', () => {
    const claimed = claimCapture(pending(), now);
    expect(() => cancelStep(claimed, 'ord-01J9Z6')).toThrow(
      expect.objectContaining({ name: 'CaptureInProgressError' }),
    );
  });

  it('refunds a captured payment, announces the refund once, then has nothing left to do', () => {
    expect(cancelStep(captured(), 'ord-01J9Z6')).toBe('refund');
    const refunded = markRefunded(captured(), 'ref-1', later(5), 'e2');
    expect(refunded).toMatchObject({
      status: 'REFUNDED',
      refundId: 'ref-1',
      refundEventId: 'e2',
      refundPublished: false,
    });
    expect(cancelStep(refunded, 'ord-01J9Z6')).toBe('announce-refund');
    expect(refundOf(refunded)).toEqual({
      contract: expect.objectContaining({ name: 'PaymentRefunded' }),
      eventId: 'e2',
      data: {
        orderId: 'ord-01J9Z6',
        customerId: 'cus-42',
        paymentId: 'p',
        refundId: 'ref-1',
        amount: { amount: 2500, currency: 'EUR' },
      },
    });
    expect(cancelStep(markRefundAnnounced(refunded), 'ord-01J9Z6')).toBe('nothing');
    expect(captureStep(markRefundAnnounced(refunded), 'ord-01J9Z6', now)).toBe('nothing');
  });

  it('still tells the capture of a payment refunded before its capture was announced', () => {
    const unannounced = decideCapture(claimCapture(pending(), now), { status: 'captured', paymentId: 'p' }, now, 'e1');
    const refunded = markRefunded(unannounced, 'ref-1', now, 'e2');
    expect(captureStep(refunded, 'ord-01J9Z6', now)).toBe('announce');
    expect(outcomeOf(refunded)).toMatchObject({
      eventId: 'e1',
      contract: expect.objectContaining({ name: 'PaymentCaptured' }),
    });
  });

  it('owes nothing for a declined payment', () => {
    const declined = decideCapture(claimCapture(pending(), now), { status: 'declined', reason: 'no' }, now, 'e1');
    expect(cancelStep(declined, 'ord-01J9Z6')).toBe('nothing');
    expect(() => markRefunded(declined, 'ref-1', now, 'e2')).toThrow(IllegalPaymentTransitionError);
  });
});
