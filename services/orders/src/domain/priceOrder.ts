import type { Money, OrderLine, StockLine } from '@mesh/contracts';
import { InvalidRequestError, type Issue } from '../errors';
import { CURRENCY, PRICE_LIST } from './priceList';

/** The most an order may cost, in minor units: the largest amount the contracts' `Money` allows. */
export const MAX_ORDER_TOTAL = 1_000_000_000;

export interface PricedOrder {
  items: OrderLine[];
  total: Money;
}

/**
 * Prices each line from the price list and sums the total, in minor units so that no rounding ever
 * happens. Refuses, with one issue per line, SKUs the list does not hold and a total above
 * {@link MAX_ORDER_TOTAL}.
 *
 * @example
 * priceOrder([{ sku: 'SKU-RED-MUG', quantity: 2 }]);
 * // { items: [{ sku: 'SKU-RED-MUG', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }],
 * //   total: { amount: 2500, currency: 'EUR' } }
 */
export function priceOrder(lines: readonly StockLine[], prices: Readonly<Record<string, number>> = PRICE_LIST) {
  const issues: Issue[] = [];
  const items: OrderLine[] = [];
  lines.forEach((line, index) => {
    const amount = Object.hasOwn(prices, line.sku) ? prices[line.sku] : undefined;
    if (amount === undefined) issues.push({ pointer: `/body/items/${index}/sku`, detail: `unknown SKU ${line.sku}` });
    else items.push({ sku: line.sku, quantity: line.quantity, unitPrice: { amount, currency: CURRENCY } });
  });
  if (issues.length > 0) throw new InvalidRequestError(issues);
  const amount = items.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
  if (amount > MAX_ORDER_TOTAL) {
    throw new InvalidRequestError([
      { pointer: '/body/items', detail: `the order total exceeds ${MAX_ORDER_TOTAL} cents` },
    ]);
  }
  const priced: PricedOrder = { items, total: { amount, currency: CURRENCY } };
  return priced;
}
