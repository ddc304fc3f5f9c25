/**
 * StockReserved (or OrderCancelled) arrived before OrderPlaced: the payment is not known yet. Thrown on purpose so the
 * message returns to its queue and is retried after the visibility timeout, by when OrderPlaced has landed.
 * If OrderPlaced never comes, the message reaches the DLQ after `maxReceiveCount` tries, with this reason.
 */
export class PaymentNotYetKnownError extends Error {
  override readonly name = 'PaymentNotYetKnownError';
  constructor(
    readonly orderId: string,
    readonly arrived: 'StockReserved' | 'OrderCancelled' = 'StockReserved',
  ) {
    super(`no payment known for order ${orderId} yet (${arrived} before OrderPlaced); retry later`);
  }
}

/** Another delivery holds the capture of this order right now; this one is retried after it. */
export class CaptureInProgressError extends Error {
  override readonly name = 'CaptureInProgressError';
  constructor(
    readonly orderId: string,
    readonly claimExpiresAt: string,
  ) {
    super(`the capture of order ${orderId} is in progress elsewhere until ${claimExpiresAt}; retry later`);
  }
}

/** A payment was asked to move backwards (or sideways) in its life: a bug, never a retry. */
export class IllegalPaymentTransitionError extends Error {
  override readonly name = 'IllegalPaymentTransitionError';
  constructor(
    readonly orderId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`payment of order ${orderId} cannot move from ${from} to ${to}`);
  }
}

/** The stored payment changed between our read and our write: another delivery moved it first. */
export class ConcurrentPaymentUpdateError extends Error {
  override readonly name = 'ConcurrentPaymentUpdateError';
  constructor(readonly orderId: string) {
    super(`payment of order ${orderId} was updated concurrently; retry later`);
  }
}

/** `PAYMENT_PROVIDER` names a provider this service has no adapter for. */
export class UnknownPaymentProviderError extends Error {
  override readonly name = 'UnknownPaymentProviderError';
  constructor(
    readonly provider: string,
    readonly known: readonly string[],
  ) {
    super(`PAYMENT_PROVIDER "${provider}" is unknown; use one of: ${known.join(', ')}`);
  }
}

/** A required environment variable is missing or malformed: a deploy mistake, reported at cold start. */
export class PaymentsConfigurationError extends Error {
  override readonly name = 'PaymentsConfigurationError';
}
