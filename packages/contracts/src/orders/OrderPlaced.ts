import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id, Money, OrderLine } from '../shared';

export const OrderPlaced = defineEvent({
  name: 'OrderPlaced',
  service: 'orders',
  version: 1,
  description: 'A customer placed an order; stock is not yet reserved.',
  schema: z.object({
    orderId: Id,
    customerId: Id,
    items: z.array(OrderLine).check(z.minLength(1), z.maxLength(100)),
    total: Money,
  }),
  example: {
    orderId: 'ord-01J9Z6',
    customerId: 'cus-42',
    items: [{ sku: 'SKU-RED-MUG', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }],
    total: { amount: 2500, currency: 'EUR' },
  },
});

export type OrderPlaced = z.infer<typeof OrderPlaced.schema>;
