import * as z from 'zod';
import { defineEvent } from '../defineContract';
import { Id, Sku } from '../shared';

export const StockRejected = defineEvent({
  name: 'StockRejected',
  service: 'inventory',
  version: 1,
  description: 'An order could not be reserved: nothing was reserved.',
  schema: z.object({
    orderId: Id,
    reason: z.enum(['INSUFFICIENT_STOCK', 'UNKNOWN_SKU']),
    unavailable: z
      .array(z.object({ sku: Sku, requested: z.number().int().positive(), available: z.number().int().nonnegative() }))
      .min(1),
  }),
  example: {
    orderId: 'ord-01J9Z6',
    reason: 'INSUFFICIENT_STOCK',
    unavailable: [{ sku: 'SKU-RED-MUG', requested: 2, available: 1 }],
  },
});

export type StockRejected = z.infer<typeof StockRejected.schema>;
