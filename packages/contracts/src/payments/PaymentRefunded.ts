import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id, Money } from '../shared';

export const PaymentRefunded = defineEvent({
  name: 'PaymentRefunded',
  service: 'payments',
  version: 1,
  description: 'The captured payment of a cancelled order was refunded in full, exactly once.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    paymentId: Id,
    refundId: Id,
    amount: Money,
  }),
  example: {
    orderId: 'ord-01J9Z6',
    customerId: 'cus-42',
    paymentId: 'pay-7',
    refundId: 'ref-7',
    amount: { amount: 2500, currency: 'EUR' },
  },
});

export type PaymentRefunded = z.infer<typeof PaymentRefunded.schema>;
