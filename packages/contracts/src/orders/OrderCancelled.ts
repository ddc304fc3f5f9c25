import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id } from '../shared';

export const OrderCancelled = defineEvent({
  name: 'OrderCancelled',
  service: 'orders',
  version: 1,
  description: 'The order was cancelled, by the customer or because stock or payment failed.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    reason: z.enum(['CUSTOMER_REQUEST', 'STOCK_REJECTED', 'PAYMENT_DECLINED']),
    detail: z.optional(z.string().check(z.maxLength(500))),
  }),
  example: { orderId: 'ord-01J9Z6', customerId: 'cus-42', reason: 'PAYMENT_DECLINED', detail: 'card expired' },
});

export type OrderCancelled = z.infer<typeof OrderCancelled.schema>;
