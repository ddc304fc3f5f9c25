import { InvalidRequestError } from '../../src/errors';
import { PRICE_LIST } from '../../src/domain/priceList';
import { MAX_ORDER_TOTAL, priceOrder } from '../../src/domain/priceOrder';

describe('priceOrder', () => {
  it('prices each line from the price list and sums the total in cents', () => {
    expect(
      priceOrder([
        { sku: 'SKU-RED-MUG', quantity: 2 },
        { sku: 'SKU-COASTER-SET', quantity: 3 },
      ]),
    ).toEqual({
      items: [
        { sku: 'SKU-RED-MUG', quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } },
        { sku: 'SKU-COASTER-SET', quantity: 3, unitPrice: { amount: 499, currency: 'EUR' } },
      ],
      total: { amount: 2 * 1250 + 3 * 499, currency: 'EUR' },
    });
  });

  it('refuses unknown SKUs, naming each line', () => {
    const error = (() => {
      try {
        priceOrder([
          { sku: 'SKU-RED-MUG', quantity: 1 },
          { sku: 'SKU-NOPE', quantity: 1 },
        ]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).errors).toEqual([
      { pointer: '/body/items/1/sku', detail: 'unknown SKU SKU-NOPE' },
    ]);
  });

  it('does not take a price from the prototype of the list', () => {
    expect(() => priceOrder([{ sku: 'CONSTRUCTOR', quantity: 1 }], {})).toThrow(InvalidRequestError);
  });

  it('refuses a total above what Money can carry', () => {
    expect(() => priceOrder([{ sku: 'SKU-X', quantity: 2 }], { 'SKU-X': MAX_ORDER_TOTAL })).toThrow(/total exceeds/);
  });

  it('keeps every price of the list a positive integer number of cents', () => {
    for (const amount of Object.values(PRICE_LIST)) expect(Number.isInteger(amount) && amount > 0).toBe(true);
  });
});
