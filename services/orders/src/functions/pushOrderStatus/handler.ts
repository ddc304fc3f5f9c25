import { createLogger, instrumentHandler, withKeys } from '@mesh/bus';
import { pushOrderStatus } from '../../websocket/pushOrderStatus';
import { managementApiSocketClient } from '../../websocket/SocketClient';
import { connectionStore } from '../../dependencies';

/** Pushes order status changes from the table's stream to subscribed WebSocket connections. */
export const handler = instrumentHandler(
  'pushOrderStatus',
  pushOrderStatus({
    connections: connectionStore(),
    sockets: managementApiSocketClient(process.env.WEBSOCKET_MANAGEMENT_ENDPOINT ?? ''),
    logger: withKeys(createLogger('orders'), { function: 'pushOrderStatus' }),
  }),
);
