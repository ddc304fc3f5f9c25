import fc from 'fast-check';
import { Id, Sku } from '../shared';

/**
 * fast-check arbitraries of the contracts' data, for property tests of the services (their fuzz tests) and of
 * the generic packages (`validId`, `moneyArbitrary`): `@mesh/contracts/arbitraries`, never imported by runtime
 * code. They live with the contracts because they name the domain's vocabulary, which only this package holds.
 */

/** Ids the contracts accept (`Id`): what a valid token subject or aggregate id looks like. */
export const validId = (prefix = ''): fc.Arbitrary<string> =>
  fc
    .stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/)
    .map((rest) => `${prefix}${rest}`)
    .filter((id) => id.length <= 128 && Id.safeParse(id).success);

/** Money the contracts accept: minor units up to 1e9, an ISO 4217-shaped code. */
export const moneyArbitrary = fc.record({
  amount: fc.integer({ min: 0, max: 1_000_000_000 }),
  currency: fc.stringMatching(/^[A-Z]{3}$/),
});

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
