import { restock } from '../../src/domain/StockLevel';
import { StockBelowReservedError } from '../../src/errors';

describe('restock', () => {
  it('creates the stock of a new SKU with nothing reserved', () => {
    expect(restock(undefined, 'SKU-A', 7)).toEqual({ sku: 'SKU-A', onHand: 7, reserved: 0, available: 7 });
  });

  it('keeps what is reserved and recomputes what is available', () => {
    const current = { sku: 'SKU-A', onHand: 10, reserved: 4, available: 6 };
    expect(restock(current, 'SKU-A', 5)).toEqual({ sku: 'SKU-A', onHand: 5, reserved: 4, available: 1 });
  });

  it('refuses a count below what is reserved, so available never goes negative', () => {
    const current = { sku: 'SKU-A', onHand: 10, reserved: 4, available: 6 };
    expect(() => restock(current, 'SKU-A', 3)).toThrow(StockBelowReservedError);
  });
});
