import { newConnection } from '../../domain/connection';
import type { ConnectionStore } from '../../store/ConnectionStore';
import { connectionCallerOf } from '../../websocket/connectionCaller';
import { socketHandler } from '../../websocket/socketHandler';
import { connectionStore } from '../../dependencies';

/**
 * `$connect`: records who opened the connection (see {@link connectionCallerOf} for how the token is
 * verified); any 4xx refuses the connection.
 */
export function wsConnectHandler(deps: { connections: ConnectionStore; now?: () => Date; env?: NodeJS.ProcessEnv }) {
  return socketHandler(async ({ event, connectionId, logger }) => {
    const caller = connectionCallerOf(event, deps.env ?? process.env);
    await deps.connections.connect(newConnection(connectionId, caller, (deps.now ?? (() => new Date()))()));
    logger.info('connected', { customerId: caller.customerId });
    return { statusCode: 200 };
  });
}

export const handler = wsConnectHandler({ connections: connectionStore() });
