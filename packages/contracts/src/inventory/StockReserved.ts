import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id, StockLine } from '../shared';

export const StockReserved = defineEvent({
  name: 'StockReserved',
  service: 'inventory',
  version: 1,
  description: 'Every item of an order was reserved, atomically.',
  schema: z.object({
    orderId: Id,
    items: z.array(StockLine).check(z.minLength(1), z.maxLength(100)),
  }),
  example: { orderId: 'ord-01J9Z6', items: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
});

export type StockReserved = z.infer<typeof StockReserved.schema>;
