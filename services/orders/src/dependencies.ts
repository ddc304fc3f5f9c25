import { CommandSender } from '@mesh/bus';
import type { InventoryChannel } from './inventoryCommands';
import type { ConnectionStore } from './store/ConnectionStore';
import { DynamoConnectionStore } from './store/DynamoConnectionStore';
import { DynamoOrderStore } from './store/DynamoOrderStore';
import type { OrderStore } from './store/OrderStore';

/**
 * What the orders service's handlers act on: its table (orders and WebSocket connections) and inventory's
 * command queue. Real adapters here, fakes in unit tests (`tests/helpers/`), emulators in service tests.
 */
export interface OrdersDependencies {
  orders: OrderStore;
  connections: ConnectionStore;
  inventory: InventoryChannel;
  now?: () => Date;
}

/** What the saga's observers act on: the orders table and inventory's command queue. */
export type SagaDependencies = Pick<OrdersDependencies, 'orders' | 'inventory' | 'now'>;

export const clock = (deps: Pick<OrdersDependencies, 'now'>) => (deps.now ?? (() => new Date()))();

/**
 * The production orders store, on the table `ORDERS_TABLE` names (set by serverless.ts).
 *
 * @example
 * export const handler = getOrderHandler({ orders: orderStore() });
 */
export const orderStore = (): OrderStore => new DynamoOrderStore();

/** The production WebSocket connection store, in the same table. */
export const connectionStore = (): ConnectionStore => new DynamoConnectionStore();

/**
 * Inventory's command queue, from `INVENTORY_COMMANDS_QUEUE_URL` (set from the `inventoryCommandsQueueUrl`
 * param).
 *
 * @example
 * export const handler = cancelOrderHandler({ orders: orderStore(), inventory: inventoryChannel() });
 */
export function inventoryChannel(): InventoryChannel {
  return { commands: new CommandSender(), queueUrl: process.env.INVENTORY_COMMANDS_QUEUE_URL ?? '' };
}
