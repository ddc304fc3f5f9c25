import * as z from 'zod/mini';
import { Id, Sku, StockLine } from '@mesh/contracts';

/** The body of `POST /orders`. Prices are never taken from the client; each SKU appears once. */
export const PlaceOrderRequest = z.strictObject({
  customerId: z.optional(Id),
  items: z.array(z.strictObject({ sku: Sku, quantity: StockLine.shape.quantity })).check(
    z.minLength(1),
    z.maxLength(100),
    z.superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach(({ sku }, index) => {
        if (seen.has(sku)) ctx.addIssue({ code: 'custom', path: [index, 'sku'], message: `${sku} appears twice` });
        seen.add(sku);
      });
    }),
  ),
});

export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;
