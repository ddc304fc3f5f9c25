/**
 * The catalogue's prices, in minor units (cents) of {@link CURRENCY}. Clients never send prices: the
 * server prices every line from this list when the order is placed, so a tampered body cannot change
 * what a customer pays. A SKU missing here cannot be ordered (the request is refused with 400).
 *
 * | SKU              | Price     |
 * | ---------------- | --------- |
 * | SKU-RED-MUG      | 12.50 EUR |
 * | SKU-BLUE-MUG     | 12.50 EUR |
 * | SKU-TEAPOT       | 39.00 EUR |
 * | SKU-TEA-GREEN    |  8.90 EUR |
 * | SKU-TEA-BLACK    |  7.40 EUR |
 * | SKU-COASTER-SET  |  4.99 EUR |
 */
export const PRICE_LIST: Readonly<Record<string, number>> = Object.freeze({
  'SKU-RED-MUG': 1250,
  'SKU-BLUE-MUG': 1250,
  'SKU-TEAPOT': 3900,
  'SKU-TEA-GREEN': 890,
  'SKU-TEA-BLACK': 740,
  'SKU-COASTER-SET': 499,
});

/** Every price of the list is in this currency; an order is never in two. */
export const CURRENCY = 'EUR';
