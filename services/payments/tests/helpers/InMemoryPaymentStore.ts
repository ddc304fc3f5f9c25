import type { Payment } from '../../src/domain/Payment';
import type { PaymentStore, ReceiptStore } from '../../src/store/PaymentStore';

/** Payments in a map, with the DynamoDB store's conditions: create only when absent, replace only over the same version. */
export class InMemoryPaymentStore implements PaymentStore {
  readonly payments = new Map<string, Payment>();
  /** Every status the store accepted, per order, in order. */
  readonly history = new Map<string, string[]>();

  async find(orderId: string): Promise<Payment | undefined> {
    const found = this.payments.get(orderId);
    return found && structuredClone(found);
  }

  async create(payment: Payment): Promise<boolean> {
    if (this.payments.has(payment.orderId)) return false;
    this.write(payment);
    return true;
  }

  async replace(previous: Payment, next: Payment): Promise<boolean> {
    const stored = this.payments.get(previous.orderId);
    if (!stored || stored.status !== previous.status || stored.version !== previous.version) return false;
    this.write(next);
    return true;
  }

  private write(payment: Payment) {
    this.payments.set(payment.orderId, structuredClone(payment));
    this.history.set(payment.orderId, [...(this.history.get(payment.orderId) ?? []), payment.status]);
  }
}

/** Receipts in a map; `writes` counts every put, duplicates included. */
export class InMemoryReceiptStore implements ReceiptStore {
  readonly receipts = new Map<string, object>();
  writes = 0;

  async put(key: string, receipt: object): Promise<void> {
    this.writes += 1;
    this.receipts.set(key, structuredClone(receipt));
  }
}
