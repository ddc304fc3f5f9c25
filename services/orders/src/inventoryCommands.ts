import { command, type CommandBus, type OutgoingCommand, type Trace } from '@mesh/bus';
import { ReleaseStock, ReserveStock } from '@mesh/contracts';
import type { Order } from './domain/order';

/** Where the orders service sends inventory's commands: its FIFO queue, through a command bus. */
export interface InventoryChannel {
  commands: CommandBus;
  queueUrl: string;
}

// One reservation and one release per order: deterministic command ids make every re-send (a retried
// observer, a repeated cancel) a duplicate that SQS FIFO and inventory's idempotency drop.
const reserveId = (orderId: string) => `reserve-${orderId}`;
const releaseId = (orderId: string) => `release-${orderId}`;

/**
 * Asks inventory to reserve every line of an order (MessageGroupId = the order id).
 *
 * @example
 * await reserveStock(channel, order, ctx.trace);
 */
export async function reserveStock(channel: InventoryChannel, order: Pick<Order, 'orderId' | 'items'>, trace: Trace) {
  const items = order.items.map(({ sku, quantity }) => ({ sku, quantity }));
  const reserve: OutgoingCommand = command(ReserveStock, { orderId: order.orderId, items }, trace, {
    commandId: reserveId(order.orderId),
  });
  await channel.commands.send(channel.queueUrl, [reserve]);
}

/**
 * Asks inventory to release an order's reservation: the compensation of a cancelled, reserved order.
 *
 * @example
 * await releaseStock(channel, orderId, 'PAYMENT_DECLINED', ctx.trace);
 */
export async function releaseStock(
  channel: InventoryChannel,
  orderId: string,
  reason: ReleaseStock['reason'],
  trace: Trace,
) {
  const release: OutgoingCommand = command(ReleaseStock, { orderId, reason }, trace, { commandId: releaseId(orderId) });
  await channel.commands.send(channel.queueUrl, [release]);
}
