import * as z from 'zod/mini';
import { defineCommand } from '../defineContract';
import { Id, StockLine } from '../shared';

export const ReserveStock = defineCommand({
  name: 'ReserveStock',
  service: 'inventory',
  version: 1,
  description: 'Reserve every item of an order, or none of them.',
  schema: z.object({
    orderId: Id,
    items: z.array(StockLine).check(z.minLength(1), z.maxLength(100)),
  }),
  example: { orderId: 'ord-01J9Z6', items: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
  aggregateId: (data) => data.orderId,
});

export type ReserveStock = z.infer<typeof ReserveStock.schema>;
