import type { Caller } from '../http/caller';
import type { Connection } from '../store/ConnectionStore';

/**
 * API Gateway closes a WebSocket connection after two hours at most; its items expire a little later, so
 * TTL never removes a live one.
 */
export const CONNECTION_TTL_SECONDS = 2 * 3600 + 600;

/**
 * A connection opened by an authenticated caller.
 *
 * @example
 * newConnection('Abc123=', caller, new Date()); // { connectionId, customerId: 'cus-1', isAdmin: false, … }
 */
export function newConnection(connectionId: string, caller: Caller, at: Date): Connection {
  return {
    connectionId,
    customerId: caller.customerId,
    isAdmin: caller.isAdmin,
    connectedAt: at.toISOString(),
    expiresAt: Math.floor(at.getTime() / 1000) + CONNECTION_TTL_SECONDS,
  };
}
