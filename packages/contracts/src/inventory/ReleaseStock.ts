import * as z from 'zod/mini';
import { defineCommand } from '../defineContract';
import { Id } from '../shared';

export const ReleaseStock = defineCommand({
  name: 'ReleaseStock',
  service: 'inventory',
  version: 1,
  description: "Release an order's reservation (a compensation): restores its stock exactly once.",
  schema: z.object({
    orderId: Id,
    reason: z.enum(['PAYMENT_DECLINED', 'ORDER_CANCELLED']),
  }),
  example: { orderId: 'ord-01J9Z6', reason: 'PAYMENT_DECLINED' },
  aggregateId: (data) => data.orderId,
});

export type ReleaseStock = z.infer<typeof ReleaseStock.schema>;
