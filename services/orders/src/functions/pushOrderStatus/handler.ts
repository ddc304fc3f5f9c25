import { createLogger, instrumentHandler, withKeys } from '@mesh/bus';
import { DynamoConnectionStore } from '../../store/DynamoConnectionStore';
import { pushOrderStatus } from '../../websocket/pushOrderStatus';
import { managementApiSocketClient } from '../../websocket/SocketClient';

/** Pushes order status changes from the table's stream to subscribed WebSocket connections. */
export const handler = instrumentHandler(
  'pushOrderStatus',
  pushOrderStatus({
    connections: new DynamoConnectionStore(),
    sockets: managementApiSocketClient(process.env.WEBSOCKET_MANAGEMENT_ENDPOINT ?? ''),
    logger: withKeys(createLogger('orders'), { function: 'pushOrderStatus' }),
  }),
);
