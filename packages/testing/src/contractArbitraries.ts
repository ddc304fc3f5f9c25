import fc from 'fast-check';
import { Sku } from '@mesh/contracts';
import { moneyArbitrary, validId } from './fuzz';

/**
 * Arbitraries of the example domain's contract data, shared by the services' fuzz tests. They name the
 * domain, which a generic package should not: they wait here, listed in eslint/baseline.js, for a home on
 * the domain's side (issue 14).
 */

/** SKUs the contracts accept (`Sku`). */
export const validSku: fc.Arbitrary<string> = fc
  .stringMatching(/^[A-Z0-9][A-Z0-9-]{0,30}$/)
  .filter((sku) => Sku.safeParse(sku).success);

/** Stock lines with distinct SKUs, as orders and reservations carry them. */
export const stockLinesArbitrary = (skus: fc.Arbitrary<string> = validSku, maxLength = 5) =>
  fc.uniqueArray(fc.record({ sku: skus, quantity: fc.integer({ min: 1, max: 10_000 }) }), {
    minLength: 1,
    maxLength,
    selector: (line) => line.sku,
  });

/** The data of `OrderPlaced`. */
export const orderPlacedData = fc.record({
  orderId: validId('ord-'),
  customerId: validId('cus-'),
  items: fc.array(
    fc.record({ sku: validSku, quantity: fc.integer({ min: 1, max: 10_000 }), unitPrice: moneyArbitrary }),
    { minLength: 1, maxLength: 5 },
  ),
  total: moneyArbitrary,
});

/** The data of `OrderConfirmed`. */
export const orderConfirmedData = fc.record({
  orderId: validId('ord-'),
  customerId: validId('cus-'),
  paymentId: validId('pay-'),
});

/** The data of `OrderCancelled`. */
export const orderCancelledData = fc.record(
  {
    orderId: validId('ord-'),
    customerId: validId('cus-'),
    reason: fc.constantFrom('CUSTOMER_REQUEST' as const, 'STOCK_REJECTED' as const, 'PAYMENT_DECLINED' as const),
    detail: fc.string({ maxLength: 500 }),
  },
  { requiredKeys: ['orderId', 'customerId', 'reason'] },
);
