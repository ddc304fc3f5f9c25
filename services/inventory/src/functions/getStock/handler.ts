import { inventoryDependencies, type InventoryDependencies } from '../../dependencies';
import { StockNotFoundError } from '../../errors';
import { httpHandler, json } from '../../http/httpHandler';
import { requireCaller } from '../../http/caller';
import { skuOf } from '../../http/stockRequest';

/** `GET /stock/{sku}` (any authenticated caller): on hand, reserved and available units. */
export function getStock(deps: () => InventoryDependencies = inventoryDependencies) {
  return httpHandler(async (event) => {
    requireCaller(event);
    const sku = skuOf(event);
    const [level] = await deps().store.stockOf([sku]);
    if (!level) throw new StockNotFoundError(sku);
    return json(200, level);
  });
}

export const handler = getStock();
