import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id, Money } from '../shared';

export const PaymentDeclined = defineEvent({
  name: 'PaymentDeclined',
  service: 'payments',
  version: 1,
  description: 'The payment provider declined the payment of an order.',
  schema: z.object({
    orderId: Id,
    amount: Money,
    reason: z.string().check(z.minLength(1), z.maxLength(500)),
  }),
  example: { orderId: 'ord-01J9Z6', amount: { amount: 2500, currency: 'EUR' }, reason: 'card expired' },
});

export type PaymentDeclined = z.infer<typeof PaymentDeclined.schema>;
