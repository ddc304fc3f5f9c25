import { dynamoose } from '@mesh/dynamo';
import type { Item } from 'dynamoose/dist/Item';
import type { Payment } from '../domain/Payment';
import type { PaymentStore } from '../domain/PaymentStore';

/**
 * The table is single-table: a payment lives at `pk = PAYMENT#<orderId>, sk = PAYMENT`; Powertools keeps its
 * idempotency records beside them at `pk = IDEMPOTENCY` (see `idempotencyStore`), expiring through TTL.
 */
export interface PaymentRecord extends Item, Payment {
  pk: string;
  sk: string;
}

const PAYMENT_SK = 'PAYMENT';
/** A payment's key: the soak and other readers of the table build it here too. */
export const paymentKey = (orderId: string) => ({ pk: `PAYMENT#${orderId}`, sk: PAYMENT_SK });

const schema = new dynamoose.Schema(
  {
    pk: { type: String, hashKey: true },
    sk: { type: String, rangeKey: true },
    orderId: { type: String, required: true },
    customerId: { type: String, required: true },
    amount: {
      type: Object,
      required: true,
      schema: { amount: { type: Number, required: true }, currency: { type: String, required: true } },
    },
    status: {
      type: String,
      required: true,
      enum: ['PENDING', 'CAPTURING', 'CAPTURED', 'DECLINED', 'CANCELLED', 'REFUNDED'],
    },
    version: { type: Number, required: true },
    placedAt: { type: String, required: true },
    claimExpiresAt: String,
    paymentId: String,
    declineReason: String,
    receiptKey: String,
    decidedAt: String,
    outcomeEventId: String,
    outcomePublished: { type: Boolean, required: true },
    cancelledAt: String,
    refundId: String,
    refundEventId: String,
    refundPublished: Boolean,
  },
  { saveUnknown: false },
);

/** The table is created by CloudFormation (serverless.ts), never by dynamoose at run time. */
export function paymentModel(tableName = process.env.PAYMENTS_TABLE ?? 'payments') {
  return dynamoose.model<PaymentRecord>(tableName, schema, { create: false, waitForActive: { enabled: false } });
}

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
