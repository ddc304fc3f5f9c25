import { stockKey } from './inventoryTable';

/** The SKUs `npm run dev` stocks, so an order placed on a fresh offline mesh is reserved rather than rejected. */
export const DEMO_STOCK: Readonly<Record<string, number>> = Object.freeze({
  'SKU-RED-MUG': 100,
  'SKU-BLUE-MUG': 100,
  'SKU-TEAPOT': 20,
  'SKU-TEA-GREEN': 200,
  'SKU-TEA-BLACK': 200,
  'SKU-COASTER-SET': 50,
});

// A fixed time: the items are written only where absent, so when they were declared is all they can say.
const DECLARED_AT = '2026-01-01T00:00:00.000Z';

/**
 * The inventory table's items for {@link DEMO_STOCK}, shaped as the store writes stock (its own key builder,
 * nothing reserved), for the offline seed of `serverless.ts` (`custom.offlineSeed`). Never deployed.
 *
 * @example
 * custom: { offlineSeed: { InventoryTable: demoStockItems() } }
 */
export function demoStockItems(): Record<string, string | number>[] {
  return Object.entries(DEMO_STOCK).map(([sku, onHand]) => ({
    ...stockKey(sku),
    sku,
    onHand,
    reserved: 0,
    available: onHand,
    updatedAt: DECLARED_AT,
  }));
}
