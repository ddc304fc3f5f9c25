import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id } from '../shared';

export const OrderConfirmed = defineEvent({
  name: 'OrderConfirmed',
  service: 'orders',
  version: 1,
  description: 'Stock was reserved and the payment captured: the order will be fulfilled.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    paymentId: Id,
  }),
  example: { orderId: 'ord-01J9Z6', customerId: 'cus-42', paymentId: 'pay-7' },
});

export type OrderConfirmed = z.infer<typeof OrderConfirmed.schema>;
