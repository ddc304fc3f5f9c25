import type { InventoryChannel } from '../../inventoryCommands';
import type { OrderStore } from '../../store/OrderStore';

/** What the saga's observers act on: the orders table and inventory's command queue. */
export interface SagaDependencies {
  orders: OrderStore;
  inventory: InventoryChannel;
  now?: () => Date;
}

export const clock = (deps: SagaDependencies) => (deps.now ?? (() => new Date()))();
