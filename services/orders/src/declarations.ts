import { ReleaseStock, ReserveStock } from '@mesh/contracts';
import { commandSending } from '@mesh/infra';

export * from './subscriptions';

/** The saga reserves stock for each order and releases it on cancellation or a declined payment. */
export const sendsToInventory = commandSending('orders', [ReserveStock, ReleaseStock]);
