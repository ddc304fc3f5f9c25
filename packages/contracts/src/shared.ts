import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini carries no messages of its own (every issue would read "Invalid input"), where the full zod
// registers English ones. Our 4xx answers and ContractViolationError reasons quote them: register the same
// English messages here, beside `Id`, which every schema of the mesh uses, so a bundle that keeps any schema
// keeps this line too (a side-effect-only module would be dropped: the package is `sideEffects: false`).
// A locale the application configured first wins, as with the full zod.
if (!z.config().localeError) z.config(en());

/** Ids are opaque, URL-safe strings (ULIDs or UUIDs in practice). */
export const Id = z
  .string()
  .check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_.:-]+$/, 'must hold only letters, digits and _ . : -'));

export const Sku = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and dashes (e.g. SKU-123)'),
  );

/** Money in minor units (cents) to stay exact; currency as ISO 4217. */
export const Money = z.object({
  amount: z.number().check(z.int(), z.nonnegative(), z.maximum(1_000_000_000)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')),
});

export const StockLine = z.object({
  sku: Sku,
  quantity: z.number().check(z.int(), z.positive(), z.maximum(10_000)),
});

export const OrderLine = z.extend(StockLine, {
  unitPrice: Money,
});

export type Money = z.infer<typeof Money>;
export type StockLine = z.infer<typeof StockLine>;
export type OrderLine = z.infer<typeof OrderLine>;
