import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id, Money } from '../shared';

export const PaymentCaptured = defineEvent({
  name: 'PaymentCaptured',
  service: 'payments',
  version: 1,
  description: 'The payment of an order was captured, exactly once.',
  schema: z.object({
    orderId: Id,
    paymentId: Id,
    amount: Money,
    receiptKey: z.string().check(z.minLength(1), z.maxLength(1024)),
  }),
  example: {
    orderId: 'ord-01J9Z6',
    paymentId: 'pay-7',
    amount: { amount: 2500, currency: 'EUR' },
    receiptKey: 'receipts/ord-01J9Z6.json',
  },
});

export type PaymentCaptured = z.infer<typeof PaymentCaptured.schema>;
