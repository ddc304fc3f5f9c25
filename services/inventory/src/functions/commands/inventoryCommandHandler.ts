import { commandHandler, handle, type CommandConsumer, type IdempotencyOptions } from '@mesh/bus';
import { ReleaseStock, ReserveStock } from '@mesh/contracts';
import { inventoryCommands } from '../../declarations';
import type { InventoryDependencies } from '../../dependencies';
import { onReleaseStock } from './onReleaseStock';
import { onReserveStock } from './onReserveStock';

/**
 * The consumer of the inventory's FIFO command queue. With `idempotency`, a command redelivered after
 * SQS's 5-minute deduplication window finds its COMPLETED record and has no second effect.
 *
 * @example
 * export const handler = inventoryCommandHandler(inventoryDependencies(), {
 *   persistenceStore: idempotencyStore(process.env.INVENTORY_TABLE!),
 * });
 */
export function inventoryCommandHandler(
  deps: InventoryDependencies,
  idempotency?: IdempotencyOptions,
): CommandConsumer {
  return commandHandler({
    name: `inventory-${inventoryCommands.name}`,
    routes: [handle(ReserveStock, onReserveStock(deps)), handle(ReleaseStock, onReleaseStock(deps))],
    ...(idempotency ? { idempotency } : {}),
  });
}
