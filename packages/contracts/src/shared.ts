import * as z from 'zod';

/** Ids are opaque, URL-safe strings (ULIDs or UUIDs in practice). */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must hold only letters, digits and _ . : -');

export const Sku = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and dashes (e.g. SKU-123)');

/** Money in minor units (cents) to stay exact; currency as ISO 4217. */
export const Money = z.object({
  amount: z.number().int().nonnegative().max(1_000_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

export const StockLine = z.object({
  sku: Sku,
  quantity: z.number().int().positive().max(10_000),
});

export const OrderLine = StockLine.extend({
  unitPrice: Money,
});

export type Money = z.infer<typeof Money>;
export type StockLine = z.infer<typeof StockLine>;
export type OrderLine = z.infer<typeof OrderLine>;
