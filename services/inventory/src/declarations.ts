import { ReleaseStock, ReserveStock } from '@mesh/contracts';
import { commandChannel } from '@mesh/infra';

/** The FIFO queue on which the inventory takes its commands, grouped per order (MessageGroupId = orderId). */
export const inventoryCommands = commandChannel('inventory', 'commands', [ReserveStock, ReleaseStock]);
