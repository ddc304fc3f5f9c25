import type { Payment } from '../domain/Payment';

/**
 * Where payments are kept (DynamoDB in production, a map in unit tests). Every write is conditional, so two
 * deliveries racing on one order cannot both win, and nothing ever overwrites a later state.
 */
export interface PaymentStore {
  find(orderId: string): Promise<Payment | undefined>;
  /** Stores a new payment unless the order already has one; false when it had (the existing one stays). */
  create(payment: Payment): Promise<boolean>;
  /**
   * Replaces `previous` by `next` only if the stored payment is still `previous` (same status and version);
   * false when another delivery changed it first.
   */
  replace(previous: Payment, next: Payment): Promise<boolean>;
}

/** Where receipts go (S3 in production). Writing the same key twice stores the same receipt once. */
export interface ReceiptStore {
  put(key: string, receipt: object): Promise<void>;
}
