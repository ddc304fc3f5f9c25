import { dynamoose } from '@mesh/dynamo';
import type { Payment } from '../domain/Payment';
import type { PaymentStore } from './PaymentStore';
import { paymentKey, paymentModel, type PaymentRecord } from './paymentsTable';

const isConditionFailure = (error: unknown) => (error as Error)?.name === 'ConditionalCheckFailedException';

function toPayment(record: PaymentRecord): Payment {
  const { pk: _pk, sk: _sk, ...payment } = record.toJSON() as PaymentRecord;
  return payment as Payment;
}

/**
 * Payments in DynamoDB through dynamoose. `create` writes only where no payment exists; `replace` writes only
 * over the status and version it was computed from, so a late or duplicate event cannot move a payment back.
 *
 * @example
 * const payments = new DynamoPaymentStore();
 * await payments.create(pendingPayment(order, occurredAt)); // false if OrderPlaced came before
 */
export class DynamoPaymentStore implements PaymentStore {
  constructor(private readonly model = paymentModel()) {}

  async find(orderId: string): Promise<Payment | undefined> {
    const record = await this.model.get(paymentKey(orderId), { consistent: true });
    return record ? toPayment(record) : undefined;
  }

  async create(payment: Payment): Promise<boolean> {
    try {
      await this.model.create({ ...paymentKey(payment.orderId), ...payment }, { overwrite: false });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async replace(previous: Payment, next: Payment): Promise<boolean> {
    const unchanged = new dynamoose.Condition('status').eq(previous.status).and().where('version').eq(previous.version);
    try {
      await this.model.create({ ...paymentKey(next.orderId), ...next }, { overwrite: true, condition: unchanged });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
