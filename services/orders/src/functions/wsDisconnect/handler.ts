import type { ConnectionStore } from '../../store/ConnectionStore';
import { socketHandler } from '../../websocket/socketHandler';
import { connectionStore } from '../../dependencies';

/**
 * `$disconnect` (best effort: API Gateway may not deliver it): forgets the connection. Its subscriptions
 * go with the first push that finds the connection gone, or by TTL.
 */
export function wsDisconnectHandler(deps: { connections: ConnectionStore }) {
  return socketHandler(async ({ connectionId }) => {
    await deps.connections.disconnect(connectionId);
    return { statusCode: 200 };
  });
}

export const handler = wsDisconnectHandler({ connections: connectionStore() });
