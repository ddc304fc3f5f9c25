/** A WebSocket connection: its caller, authenticated once at `$connect`, and when API Gateway closes it. */
export interface Connection {
  connectionId: string;
  customerId: string;
  isAdmin: boolean;
  connectedAt: string;
  /** Epoch seconds, for the table's TTL: API Gateway closes a connection after two hours at most. */
  expiresAt: number;
}

/**
 * Where WebSocket connections and their order subscriptions live. A subscription lives no longer than
 * its connection; one left behind by a `$disconnect` is removed by the first push that finds its
 * connection gone, or else by TTL.
 */
export interface ConnectionStore {
  connect(connection: Connection): Promise<void>;
  get(connectionId: string): Promise<Connection | undefined>;
  disconnect(connectionId: string): Promise<void>;
  /** Subscribes the connection to an order's status changes (repeatable). */
  subscribe(connection: Connection, orderId: string): Promise<void>;
  /** The connection ids subscribed to an order. */
  subscribersOf(orderId: string): Promise<string[]>;
  /** Forgets a connection API Gateway no longer knows: its subscription to `orderId` and the connection. */
  forget(connectionId: string, orderId: string): Promise<void>;
}
