import type { Connection, ConnectionStore } from './ConnectionStore';
import { connectionKey, ordersTable, subscriberKey, subscribersPartition } from './ordersTable';

/**
 * WebSocket connections and subscriptions in the orders table (single-table items with a TTL).
 *
 * @example
 * const connections = new DynamoConnectionStore();
 * await connections.subscribe(connection, 'ord-1');
 * await connections.subscribersOf('ord-1'); // ['Abc123=']
 */
export class DynamoConnectionStore implements ConnectionStore {
  private readonly table: ReturnType<typeof ordersTable>;

  constructor(tableName?: string) {
    this.table = ordersTable(tableName);
  }

  async connect(connection: Connection): Promise<void> {
    await this.table.connections.create(
      { ...connectionKey(connection.connectionId), kind: 'connection', ...connection },
      { overwrite: true },
    );
  }

  async get(connectionId: string): Promise<Connection | undefined> {
    const item = await this.table.connections.get(connectionKey(connectionId), { consistent: true });
    if (!item) return undefined;
    const { connectionId: id, customerId, isAdmin, connectedAt, expiresAt } = item;
    return { connectionId: id, customerId, isAdmin, connectedAt, expiresAt };
  }

  async disconnect(connectionId: string): Promise<void> {
    await this.table.connections.delete(connectionKey(connectionId));
  }

  async subscribe(connection: Connection, orderId: string): Promise<void> {
    await this.table.subscribers.create(
      {
        ...subscriberKey(orderId, connection.connectionId),
        kind: 'subscriber',
        orderId,
        connectionId: connection.connectionId,
        expiresAt: connection.expiresAt,
      },
      { overwrite: true },
    );
  }

  async subscribersOf(orderId: string): Promise<string[]> {
    // TTL deletes lazily (up to days late): an expired subscription is skipped, not pushed to.
    const now = Math.floor(Date.now() / 1000);
    const found = await this.table.subscribers.query('pk').eq(subscribersPartition(orderId)).all().exec();
    return found.filter((s) => s.expiresAt > now).map((s) => s.connectionId);
  }

  async forget(connectionId: string, orderId: string): Promise<void> {
    await Promise.all([
      this.table.subscribers.delete(subscriberKey(orderId, connectionId)),
      this.table.connections.delete(connectionKey(connectionId)),
    ]);
  }
}
