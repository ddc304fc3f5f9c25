import { mergeLines } from '../../src/domain/Reservation';

describe('mergeLines', () => {
  it('sums the quantities of a SKU and keeps first-seen order', () => {
    expect(
      mergeLines([
        { sku: 'SKU-B', quantity: 1 },
        { sku: 'SKU-A', quantity: 2 },
        { sku: 'SKU-B', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'SKU-B', quantity: 4 },
      { sku: 'SKU-A', quantity: 2 },
    ]);
  });
});
