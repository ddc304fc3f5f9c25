import { tableAccess } from '@mesh/infra';
export const wsDisconnectFunction = {
  handler: 'src/functions/wsDisconnect/handler.handler',
  timeout: 10,
  description: 'WebSocket $disconnect: forgets the connection.',
  events: [{ websocket: { route: '$disconnect' } }],
  touches: [
    tableAccess('OrdersTable', ['dynamodb:DeleteItem'], { leadingKeys: ['CONNECTION#*'], sid: 'ForgetConnections' }),
  ],
};
