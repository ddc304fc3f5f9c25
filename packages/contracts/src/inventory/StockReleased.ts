import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id, StockLine } from '../shared';

export const StockReleased = defineEvent({
  name: 'StockReleased',
  service: 'inventory',
  version: 1,
  description: 'A reservation was released and its stock is available again.',
  schema: z.object({
    orderId: Id,
    items: z.array(StockLine).check(z.minLength(1), z.maxLength(100)),
  }),
  example: { orderId: 'ord-01J9Z6', items: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
});

export type StockReleased = z.infer<typeof StockReleased.schema>;
