import * as z from 'zod/mini';
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
      .array(
        z.object({
          sku: Sku,
          requested: z.number().check(z.int(), z.positive()),
          available: z.number().check(z.int(), z.nonnegative()),
        }),
      )
      .check(z.minLength(1)),
  }),
  example: {
    orderId: 'ord-01J9Z6',
    reason: 'INSUFFICIENT_STOCK',
    unavailable: [{ sku: 'SKU-RED-MUG', requested: 2, available: 1 }],
  },
});

export type StockRejected = z.infer<typeof StockRejected.schema>;
