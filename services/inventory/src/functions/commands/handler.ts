import { inventoryDependencies, inventoryTableName } from '../../dependencies';
import { idempotencyStore } from '../../store/idempotencyStore';
import { inventoryCommandHandler } from './inventoryCommandHandler';

export const handler = inventoryCommandHandler(inventoryDependencies(), {
  persistenceStore: idempotencyStore(inventoryTableName()),
});
