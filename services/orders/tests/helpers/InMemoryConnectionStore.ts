import type { Connection, ConnectionStore } from '../../src/store/ConnectionStore';

/** WebSocket connections and subscriptions in memory, for unit tests. */
export class InMemoryConnectionStore implements ConnectionStore {
  readonly connections = new Map<string, Connection>();
  /** orderId → connection ids */
  readonly subscribers = new Map<string, Set<string>>();

  async connect(connection: Connection): Promise<void> {
    this.connections.set(connection.connectionId, { ...connection });
  }

  async get(connectionId: string): Promise<Connection | undefined> {
    const connection = this.connections.get(connectionId);
    return connection && { ...connection };
  }

  async disconnect(connectionId: string): Promise<void> {
    this.connections.delete(connectionId);
  }

  async subscribe(connection: Connection, orderId: string): Promise<void> {
    const set = this.subscribers.get(orderId) ?? new Set<string>();
    set.add(connection.connectionId);
    this.subscribers.set(orderId, set);
  }

  async subscribersOf(orderId: string): Promise<string[]> {
    return [...(this.subscribers.get(orderId) ?? [])];
  }

  async forget(connectionId: string, orderId: string): Promise<void> {
    this.subscribers.get(orderId)?.delete(connectionId);
    this.connections.delete(connectionId);
  }
}
