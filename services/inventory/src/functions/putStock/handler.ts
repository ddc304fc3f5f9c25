import { restock } from '../../domain/StockLevel';
import { inventoryDependencies, type InventoryDependencies } from '../../dependencies';
import { httpHandler, json } from '../../http/httpHandler';
import { requireCaller } from '../../http/caller';
import { skuOf, stockBodyOf } from '../../http/stockRequest';

/** `PUT /stock/{sku}` (admin): sets the counted units on hand, keeping what is reserved. */
export function putStock(deps: () => InventoryDependencies = inventoryDependencies) {
  return httpHandler(async (event) => {
    requireCaller(event, 'admin');
    const sku = skuOf(event);
    const { onHand } = stockBodyOf(event);
    const level = await deps().store.updateStock(sku, (current) => restock(current, sku, onHand));
    return json(200, level);
  });
}

export const handler = putStock();
